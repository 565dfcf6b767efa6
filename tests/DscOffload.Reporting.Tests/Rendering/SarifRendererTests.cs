using DscOffload.Reporting.Drift;
using DscOffload.Reporting.Rendering;
using NJsonSchema;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

public sealed class SarifRendererTests
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() => JsonSchema.FromFileAsync(RenderingFixtures.SarifSchemaPath));

    private static async Task ShouldMatchTheSarifSchema(string sarif)
    {
        var errors = (await Schema.Value).Validate(sarif);
        errors.Select(e => e.ToString()).Should().BeEmpty();
    }

    private static JArray Results(string sarif) => (JArray)JObject.Parse(sarif)["runs"]![0]!["results"]!;

    [Fact]
    public async Task Fleet_IsValidSarif210()
    {
        await ShouldMatchTheSarifSchema(RenderingFixtures.Render("sarif", RenderingFixtures.Fleet()));
    }

    [Fact]
    public async Task WhatIfAndOddPaths_AreValidSarif210()
    {
        var desired = new JObject { ["chimney"] = new JValue("Disabled").Located("my docs/100% off.dsc.yaml", 4, 7) };
        var odd = SyntheticEnvelopes.Host("h", "my docs/100% off.dsc.yaml", SyntheticEnvelopes.Drift("G", "DscOffload.Windows/GlobalOffload", desired, new JObject { ["chimney"] = "Enabled" }));

        var sarif = RenderingFixtures.Render("sarif", [RenderingFixtures.Envelope("web-02.whatif.result.json"), odd]);

        await ShouldMatchTheSarifSchema(sarif);
        Results(sarif).Last()["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.Value<string>().Should().Be("my%20docs/100%25%20off.dsc.yaml");
    }

    [Fact]
    public async Task SchemaCheck_RejectsSarifWithAnInvalidLevel()
    {
        var sarif = JObject.Parse(RenderingFixtures.Render("sarif", [RenderingFixtures.Envelope("web-02.result.json")]));
        sarif["runs"]![0]!["results"]![0]!["level"] = "fatal";

        var errors = (await Schema.Value).Validate(sarif.ToString());

        errors.Should().NotBeEmpty("the schema check must be able to fail");
    }

    [Fact]
    public async Task NoHosts_IsValidSarifWithNoResults()
    {
        var sarif = RenderingFixtures.Render("sarif", []);

        await ShouldMatchTheSarifSchema(sarif);
        Results(sarif).Should().BeEmpty();
    }

    [Fact]
    public void Results_AreOnePerHostAndDriftedPropertyWithTheAdaptersListed()
    {
        var results = Results(RenderingFixtures.Render("sarif", RenderingFixtures.Fleet()));

        results.Select(r => $"{r["properties"]!["host"]}/{r["properties"]!["property"]}").Should().Equal(
            "web-02/chimney", "web-02/receiveSideScaling", "web-02/tcpipParameters.enableRSS", "web-02/lsoIPv4", "web-02/rss",
            "web-03/lsoIPv4", "web-03/lsoIPv6", "web-03/checksumTcpIPv4",
            "lnx-01/features.tx-tcp-segmentation", "lnx-01/features.generic-receive-offload", "lnx-01/channels.combined");
        var lso = results.Single(r => (string)r["properties"]!["host"]! == "web-03" && (string)r["properties"]!["property"]! == "lsoIPv4");
        lso["properties"]!["adapters"]!.Select(a => (string)a["name"]!).Should().Equal("Ethernet", "Ethernet 3");
        lso["message"]!["text"]!.Value<string>().Should().Be("web-03 · All adapters · lsoIPv4: true → false (adapters Ethernet, Ethernet 3)");
        results.Should().OnlyContain(r => (string)r["level"]! == "error");
    }

    [Fact]
    public void Results_PointAtTheDocumentLineOfTheProperty()
    {
        var document = RenderingFixtures.DocumentText(RenderingFixtures.LinuxDocument);
        var expected = Array.FindIndex(document.Split('\n'), l => l.Trim() == "combined: 1") + 1;

        var results = Results(RenderingFixtures.Render("sarif", [RenderingFixtures.Envelope("lnx-01.result.json")]));

        var location = results.Single(r => (string)r["properties"]!["property"]! == "channels.combined")["locations"]![0]!["physicalLocation"]!;
        location["artifactLocation"]!["uri"]!.Value<string>().Should().Be(RenderingFixtures.LinuxDocument);
        location["region"]!["startLine"]!.Value<int>().Should().Be(expected);
    }

    [Fact]
    public void RuleIds_FollowTheSchemeAndEveryResultIndexesItsRule()
    {
        var run = JObject.Parse(RenderingFixtures.Render("sarif", RenderingFixtures.Fleet()))["runs"]![0]!;

        var rules = (JArray)run["tool"]!["driver"]!["rules"]!;
        run["tool"]!["driver"]!["name"]!.Value<string>().Should().Be("dscoffload");
        rules.Select(r => (string)r["id"]!).Should().OnlyHaveUniqueItems().And.Contain("DSCO-NetAdapterOffload-lsoIPv4")
            .And.Contain("DSCO-GlobalOffload-tcpipParameters.enableRSS").And.Contain("DSCO-NetAdapterOffload-features.tx-tcp-segmentation");
        foreach (var result in run["results"]!)
        {
            rules[(int)result["ruleIndex"]!]!["id"]!.Value<string>().Should().Be((string)result["ruleId"]!);
            ((string)result["ruleId"]!).Should().Be(DriftRuleId.ForProperty((string)result["properties"]!["resourceType"]!, (string)result["properties"]!["property"]!));
        }
    }

    [Fact]
    public void Fingerprints_DependOnHostInstanceAndPropertyButNotOnValuesOrTimes()
    {
        var first = Results(RenderingFixtures.Render("sarif", [RenderingFixtures.Envelope("web-02.result.json")]));
        var changed = RenderingFixtures.Envelope("web-02.result.json");
        changed["metadata"]!["Microsoft.DSC"]!["startDatetime"] = "2026-01-01T00:00:00.000+00:00";
        changed["results"]![0]!["result"]!["actualState"]!["chimney"] = "Automatic";
        var second = Results(RenderingFixtures.Render("sarif", [changed]));

        static List<string> Prints(JArray results) => results.Select(r => (string)r["partialFingerprints"]![SarifRenderer.FingerprintKey]!).ToList();
        Prints(second).Should().Equal(Prints(first));
        Prints(first).Should().OnlyHaveUniqueItems();
        SarifRenderer.Fingerprint("web-02", "Global offload", "chimney").Should().NotBe(SarifRenderer.Fingerprint("web-03", "Global offload", "chimney"));
    }

    [Fact]
    public void FailedInstances_AreErrorNotificationsAndTheRunIsNotSuccessful()
    {
        var invocation = JObject.Parse(RenderingFixtures.Render("sarif", RenderingFixtures.Fleet()))["runs"]![0]!["invocations"]![0]!;

        invocation["executionSuccessful"]!.Value<bool>().Should().BeFalse();
        var notification = invocation["toolExecutionNotifications"]!.Single();
        notification["level"]!.Value<string>().Should().Be("error");
        notification["message"]!["text"]!.Value<string>().Should().StartWith("web-03 · Global offload: no state recorded");
        notification["descriptor"]!["id"]!.Value<string>().Should().Be("DSCO-GlobalOffload-failed");
    }

    [Fact]
    public async Task Results_BeyondTheCap_AreCountedInANotification()
    {
        var options = new DriftRenderOptions { ToolVersion = "0.1.0-test", MaxSarifResults = 3 };

        var sarif = RenderingFixtures.Render("sarif", RenderingFixtures.Fleet(), options);

        Results(sarif).Should().HaveCount(3);
        JObject.Parse(sarif)["runs"]![0]!["invocations"]![0]!["toolExecutionNotifications"]!
            .Should().Contain(n => ((string)n["message"]!["text"]!).StartsWith("8 more drift results were left out", StringComparison.Ordinal));
        await ShouldMatchTheSarifSchema(sarif);
    }
}
