using DscOffload.Reporting.Drift;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

public sealed class DriftEnvelopeReaderTests
{
    private static List<DriftItem> Items(HostDriftReport host)
    {
        var items = new List<DriftItem>();
        foreach (var instance in host.Instances)
        {
            items.AddRange(instance.DriftItems);
        }

        return items;
    }

    /// <summary>The 1-based line of the first line whose trimmed text is <paramref name="text"/>, read straight from the document.</summary>
    private static int LineOf(string documentText, string text) =>
        Array.FindIndex(documentText.Split('\n'), line => line.Trim() == text) + 1;

    [Fact]
    public void Read_CompliantHost_IsInDesiredStateWithNoItems()
    {
        var host = DriftEnvelopeReader.Read(RenderingFixtures.Envelope("web-01.result.json"));

        host.IsInDesiredState.Should().BeTrue();
        host.DriftItemCount.Should().Be(0);
        host.Instances.Should().HaveCount(2).And.OnlyContain(i => i.Status == InstanceStatus.InDesiredState);
    }

    [Fact]
    public void Read_ObjectValuedProperty_ReportsOnlyTheMembersThatDiffer()
    {
        var host = DriftEnvelopeReader.Read(RenderingFixtures.Envelope("web-02.result.json"));

        var global = host.Instances.Single(i => i.Name == "Global offload").DriftItems;
        global.Select(i => i.PropertyPath).Should().Equal("chimney", "receiveSideScaling", "tcpipParameters.enableRSS");
        var rss = global.Single(i => i.PropertyPath == "tcpipParameters.enableRSS");
        rss.Current!.Type.Should().Be(JTokenType.Null);
        ((bool)rss.Desired!).Should().BeFalse();
        rss.Adapter.Should().BeNull();
    }

    [Fact]
    public void Read_AdapterInstance_ReportsEachAdapterWithItsOwnDifferingPropertiesAndValues()
    {
        var host = DriftEnvelopeReader.Read(RenderingFixtures.Envelope("web-03.result.json"));

        var adapters = host.Instances.Single(i => i.Name == "All adapters").DriftItems;
        adapters.Select(i => $"{i.Adapter}/{i.PropertyPath}={i.Current}->{i.Desired}").Should().Equal(
            "Ethernet/lsoIPv4=True->False",
            "Ethernet/lsoIPv6=True->False",
            "Ethernet 3/lsoIPv4=True->False",
            "Ethernet 3/checksumTcpIPv4=RxTxEnabled->Disabled");
    }

    [Fact]
    public void Read_LinuxFeaturesAndChannels_ReportsMemberPathsPerInterface()
    {
        var host = DriftEnvelopeReader.Read(RenderingFixtures.Envelope("lnx-01.result.json"));

        Items(host).Select(i => $"{i.Adapter}/{i.PropertyPath}").Should().Equal(
            "eth0/features.tx-tcp-segmentation",
            "eth0/features.generic-receive-offload",
            "eth0/channels.combined");
    }

    [Fact]
    public void Read_ErrorResult_IsAFailedInstanceAndNotDrift()
    {
        var host = DriftEnvelopeReader.Read(RenderingFixtures.Envelope("web-03.result.json"));

        var failed = host.Instances.Single(i => i.Name == "Global offload");
        failed.Status.Should().Be(InstanceStatus.Failed);
        failed.DriftItems.Should().BeEmpty();
        failed.Error.Should().StartWith("no state recorded");
        host.HadErrors.Should().BeTrue();
        host.FailedInstanceCount.Should().Be(1);
        host.DriftedInstanceCount.Should().Be(1);
    }

    [Fact]
    public void Read_WhatIfResult_UsesBeforeStateAsCurrentAndAfterStateAsDesired()
    {
        var host = DriftEnvelopeReader.Read(RenderingFixtures.Envelope("web-02.whatif.result.json"));

        host.Run.IsWhatIf.Should().BeTrue();
        Items(host).Select(i => $"{i.Adapter}/{i.PropertyPath}={i.Current}->{i.Desired}").Should().Equal(
            "/chimney=Enabled->Disabled",
            "/receiveSideScaling=Enabled->Disabled",
            "/tcpipParameters.enableRSS=->False",
            "Ethernet/lsoIPv4=True->False",
            "Ethernet/rss=True->False");
    }

    [Fact]
    public void Read_LocatedDesiredState_PointsEachItemAtTheDocumentLineOfItsProperty()
    {
        var document = RenderingFixtures.DocumentText(RenderingFixtures.WindowsDocument);
        var host = DriftEnvelopeReader.Read(RenderingFixtures.Envelope("web-02.result.json"));

        var items = Items(host);
        items.Single(i => i.PropertyPath == "chimney").Location!.Value.Line.Should().Be(LineOf(document, "chimney: Disabled"));
        items.Single(i => i.PropertyPath == "tcpipParameters.enableRSS").Location!.Value.Line.Should().Be(LineOf(document, "enableRSS: false"));
        items.Single(i => i.PropertyPath == "lsoIPv4").Location!.Value.Line.Should().Be(LineOf(document, "lsoIPv4: false"));
        items.Should().OnlyContain(i => i.Location!.Value.File == RenderingFixtures.WindowsDocument);
    }

    [Fact]
    public void Read_PropertyWithoutLocation_FallsBackToTheInstanceNameLine()
    {
        var result = SyntheticEnvelopes.Drift("Global offload", "DscOffload.Windows/GlobalOffload", new JObject { ["chimney"] = "Disabled" }, new JObject { ["chimney"] = "Enabled" });
        result["name"]!.Located("doc.dsc.yaml", 7, 5);

        var host = DriftEnvelopeReader.Read(SyntheticEnvelopes.Host("h1", "doc.dsc.yaml", result));

        Items(host).Single().Location.Should().Be(new DscOffload.Core.Diagnostics.SourceLocation("doc.dsc.yaml", 7, 5));
    }

    [Fact]
    public void Read_NoLocationsAtAll_FallsBackToLineOneOfTheDocument()
    {
        var result = SyntheticEnvelopes.Drift("Global offload", "DscOffload.Windows/GlobalOffload", new JObject { ["chimney"] = "Disabled" }, new JObject { ["chimney"] = "Enabled" });

        var host = DriftEnvelopeReader.Read(SyntheticEnvelopes.Host("h1", "doc.dsc.yaml", result));

        Items(host).Single().Location.Should().Be(new DscOffload.Core.Diagnostics.SourceLocation("doc.dsc.yaml", 1, 1));
    }

    [Fact]
    public void Read_NotInDesiredStateWithoutNamedProperty_StillReportsOneDriftItem()
    {
        var result = new JObject
        {
            ["name"] = "NICs",
            ["type"] = "DscOffload.Windows/NetAdapterOffload",
            ["result"] = new JObject
            {
                ["desiredState"] = new JObject { ["name"] = "Ethernet*" },
                ["actualState"] = new JObject { ["name"] = "Ethernet*", ["adapters"] = new JArray() },
                ["inDesiredState"] = false,
                ["differingProperties"] = new JArray(),
            },
        };

        var host = DriftEnvelopeReader.Read(SyntheticEnvelopes.Host("h1", "doc.dsc.yaml", result));

        host.DriftedInstanceCount.Should().Be(1);
        Items(host).Should().ContainSingle().Which.PropertyPath.Should().Be("inDesiredState");
    }

    [Fact]
    public void Read_WhatIfWithNoChangedProperties_IsInDesiredState()
    {
        var envelope = RenderingFixtures.Envelope("web-02.whatif.result.json");
        foreach (var entry in envelope["results"]!)
        {
            entry["result"]!["changedProperties"] = JValue.CreateNull();
        }

        var host = DriftEnvelopeReader.Read(envelope);

        host.IsInDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Read_EnvelopeWithoutHostMetadata_UsesThePlaceholderHostName()
    {
        var host = DriftEnvelopeReader.Read(new JObject { ["results"] = new JArray() });

        host.Host.Should().Be(DriftEnvelopeReader.UnknownHost);
        host.IsInDesiredState.Should().BeTrue();
    }
}
