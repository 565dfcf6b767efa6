using DscOffload.Core.Diagnostics;
using DscOffload.Core.Protocol;
using DscOffload.Core.Resources;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// <c>DscOffload.Windows/GlobalOffload</c> over the fakes: every property through get, test, what-if and set,
/// the uint8 value in MSFT_NetOffloadGlobalSetting and the REG_DWORDs under Tcpip\Parameters, restart
/// requirements, null semantics, settings this Windows version lacks, and partial writes.
/// </summary>
public sealed class GlobalOffloadResourceTests
{
    /// <summary>property, desired value, CIM property, expected uint8, whether a host restart is required.</summary>
    public static TheoryData<string, string, string, byte, bool> EveryCimSetting() => new()
    {
        { "chimney", "Enabled", "Chimney", 1, false },
        { "chimney", "Automatic", "Chimney", 2, false },
        { "receiveSideScaling", "Disabled", "ReceiveSideScaling", 0, false },
        { "receiveSegmentCoalescing", "Disabled", "ReceiveSegmentCoalescing", 0, false },
        { "taskOffload", "Disabled", "TaskOffload", 0, true },
        { "packetCoalescingFilter", "Enabled", "PacketCoalescingFilter", 1, false },
        { "networkDirect", "Disabled", "NetworkDirect", 0, false },
    };

    /// <summary>tcpipParameters member and its registry value name.</summary>
    public static TheoryData<string, string> EveryTcpipValue() => new()
    {
        { "enableTCPChimney", "EnableTCPChimney" },
        { "enableRSS", "EnableRSS" },
        { "enableTCPA", "EnableTCPA" },
        { "disableTaskOffload", "DisableTaskOffload" },
    };

    [Theory]
    [MemberData(nameof(EveryCimSetting))]
    public void CimSetting_GetTestWhatIfSetConvergeWithTheUint8ValueAndSecondSetChangesNothing(
        string property, string value, string cimProperty, byte expected, bool restartRequired)
    {
        var h = new WindowsResourceHarness("x710-server.json");
        var desired = new JObject { [property] = value }.ToString();
        var cimBefore = GlobalInstance(h)[cimProperty];

        h.GetGlobal().ActualState[property]!.Value<string>().Should().NotBe(value);
        var test = h.TestGlobal(desired);
        test.InDesiredState.Should().BeFalse();
        test.DifferingProperties.Should().Equal(property);
        test.ActualState.Properties().Select(p => p.Name).Should().BeEquivalentTo(property, "_inDesiredState");

        var whatIf = h.WhatIfGlobal(desired);
        whatIf.ChangedProperties.Should().Equal(property);
        whatIf.AfterState[property]!.Value<string>().Should().Be(value);
        (whatIf.AfterState["_restartRequired"] is not null).Should().Be(restartRequired);
        h.ChangeCount.Should().Be(0);
        GlobalInstance(h)[cimProperty].Should().Be(cimBefore);

        var set = h.SetGlobal(desired);
        set.ChangedProperties.Should().Equal(property);
        set.AfterState[property]!.Value<string>().Should().Be(value);
        GlobalInstance(h)[cimProperty].Should().Be(CimValue.UInt8(expected));
        h.Cim.Modifications.Should().ContainSingle().Which.Changes.Should().BeEquivalentTo(new Dictionary<string, object?> { [cimProperty] = expected });
        h.Registry.Writes.Should().BeEmpty();
        if (restartRequired)
        {
            set.RestartRequired.Should().Equal(RestartRequirement.System("SRV-X710-01"));
            Same(set.AfterState["_restartRequired"], """[{"system":"SRV-X710-01"}]""");
            h.MessagesAt(MessageLevel.Warning).Should().Contain(m => m.Contains("restart of 'SRV-X710-01' is required"));
        }
        else
        {
            set.RestartRequired.Should().BeEmpty();
            set.AfterState["_restartRequired"].Should().BeNull();
        }

        h.TestGlobal(desired).InDesiredState.Should().BeTrue();
        h.SetGlobal(desired).ChangedProperties.Should().BeEmpty();
        h.Cim.Modifications.Should().ContainSingle();
    }

    [Fact]
    public void SeveralCimSettings_AreWrittenInOneModify()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var set = h.SetGlobal("""{"receiveSideScaling":"Disabled","receiveSegmentCoalescing":"Disabled","chimney":"Disabled"}""");

        set.ChangedProperties.Should().Equal("receiveSideScaling", "receiveSegmentCoalescing");
        h.Cim.Modifications.Should().ContainSingle().Which.Changes.Keys.Should().BeEquivalentTo("ReceiveSideScaling", "ReceiveSegmentCoalescing");
    }

    [Theory]
    [MemberData(nameof(EveryTcpipValue))]
    public void TcpipValue_TrueFalseAndNull_WriteDwordOneZeroOrDeleteAndRequireARestart(string member, string valueName)
    {
        var h = new WindowsResourceHarness("x710-server.json");
        h.GetGlobal().ActualState["tcpipParameters"]![member]!.Type.Should().Be(JTokenType.Null, "the value does not exist on this host");

        foreach (var (json, stored) in new (string, uint?)[] { ("true", 1u), ("false", 0u), ("null", null) })
        {
            var desired = $"{{\"tcpipParameters\":{{\"{member}\":{json}}}}}";
            h.TestGlobal(desired).DifferingProperties.Should().Equal("tcpipParameters");

            var set = h.SetGlobal(desired);

            set.ChangedProperties.Should().Equal("tcpipParameters");
            set.RestartRequired.Should().Equal(RestartRequirement.System("SRV-X710-01"));
            Same(set.AfterState["tcpipParameters"], $"{{\"{member}\":{json}}}");
            h.Registry.Read(FakeWindowsHost.TcpipParametersKey, valueName)?.Number.Should().Be(stored);
            if (stored is null)
            {
                h.Registry.Read(FakeWindowsHost.TcpipParametersKey, valueName).Should().BeNull("null deletes the value");
            }

            h.TestGlobal(desired).InDesiredState.Should().BeTrue(desired);
            h.SetGlobal(desired).ChangedProperties.Should().BeEmpty(desired);
        }

        h.Cim.Modifications.Should().BeEmpty();
        h.Registry.Writes.Should().HaveCount(3);
    }

    [Fact]
    public void TcpipValue_Omitted_IsLeftAloneAndNullIsNotTheSameAsOmitted()
    {
        var h = new WindowsResourceHarness("server2008r2.json");

        var omitted = h.TestGlobal("""{"tcpipParameters":{"enableTCPChimney":false}}""");
        var asNull = h.TestGlobal("""{"tcpipParameters":{"enableTCPChimney":false,"enableRSS":null}}""");

        omitted.InDesiredState.Should().BeTrue("EnableRSS=1 is not mentioned");
        Same(omitted.ActualState["tcpipParameters"], """{"enableTCPChimney":false}""");
        asNull.InDesiredState.Should().BeFalse("EnableRSS exists but null asks for the Windows default");
        asNull.ActualState["tcpipParameters"]!["enableRSS"]!.Value<bool>().Should().BeTrue();
        asNull.DesiredState["tcpipParameters"]!["enableRSS"]!.Type.Should().Be(JTokenType.Null);
    }

    [Fact]
    public void Get_ShowsEverySettingAndEveryTcpipValueWithNullForMissingOnes()
    {
        var h = new WindowsResourceHarness("server2008r2.json");

        var state = h.GetGlobal().ActualState;

        // Server 2008 R2 has no MSFT_NetOffloadGlobalSetting.
        Same(state, """{"tcpipParameters":{"enableTCPChimney":false,"enableRSS":true,"enableTCPA":false,"disableTaskOffload":null}}""");
        new WindowsResourceHarness("x710-server.json").GetGlobal().ActualState.Properties().Select(p => p.Name).Should()
            .Equal("chimney", "receiveSideScaling", "receiveSegmentCoalescing", "taskOffload", "packetCoalescingFilter", "networkDirect", "tcpipParameters");
    }

    [Fact]
    public void ClassMissing_DesiredDisabledIsSatisfiedWithAnInfoMessage()
    {
        var h = new WindowsResourceHarness("server2008r2.json");
        const string desired = """{"chimney":"Disabled","taskOffload":"Disabled"}""";

        var test = h.TestGlobal(desired);
        var set = h.SetGlobal(desired);

        test.InDesiredState.Should().BeTrue();
        h.MessagesAt(MessageLevel.Information).Should().Contain(m => m.Contains("no global chimney setting") && m.Contains("desired Disabled is satisfied"));
        set.ChangedProperties.Should().BeEmpty();
        h.ChangeCount.Should().Be(0);
    }

    [Fact]
    public void ClassMissing_DesiredEnabledIsNotInDesiredStateAndSetRefusesBeforeAnyRegistryWrite()
    {
        var h = new WindowsResourceHarness("server2008r2.json");
        const string desired = """{"receiveSideScaling":"Enabled","tcpipParameters":{"enableRSS":false}}""";

        var test = h.TestGlobal(desired);
        var act = () => h.SetGlobal(desired);

        test.InDesiredState.Should().BeFalse();
        test.DifferingProperties.Should().Equal("receiveSideScaling", "tcpipParameters");
        h.MessagesAt(MessageLevel.Warning).Should().Contain(m => m.Contains("no global receiveSideScaling setting"));
        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.NotSupported);
        error.Message.Should().Contain("receiveSideScaling").And.Contain("nothing was changed");
        h.Registry.Writes.Should().BeEmpty();
        h.Cim.Modifications.Should().BeEmpty();
    }

    [Fact]
    public void PropertyMissingOnThisWindowsVersion_OnlyThatPropertyIsNotApplicable()
    {
        var host = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "x710-server.json")));
        ((JObject)host["globalSetting"]!).Remove("PacketCoalescingFilter");
        var h = new WindowsResourceHarness(FakeWindowsHost.FromJson(host));

        h.GetGlobal().ActualState["packetCoalescingFilter"].Should().BeNull();
        h.TestGlobal("""{"packetCoalescingFilter":"Disabled"}""").InDesiredState.Should().BeTrue();
        var act = () => h.SetGlobal("""{"packetCoalescingFilter":"Enabled","chimney":"Enabled"}""");

        act.Should().Throw<DscOffloadException>().Which.Kind.Should().Be(ErrorKind.NotSupported);
        h.Cim.Modifications.Should().BeEmpty();
    }

    [Fact]
    public void WhatIf_WithCimAndRegistryChanges_PredictsTheRestartAndTouchesNothing()
    {
        var h = new WindowsResourceHarness("x710-server.json");

        var outcome = h.WhatIfGlobal("""{"receiveSideScaling":"Disabled","tcpipParameters":{"enableRSS":false,"enableTCPA":null}}""");

        outcome.ChangedProperties.Should().Equal("receiveSideScaling", "tcpipParameters");
        outcome.RestartRequired.Should().Equal(RestartRequirement.System("SRV-X710-01"));
        outcome.AfterState["tcpipParameters"]!["enableRSS"]!.Value<bool>().Should().BeFalse();
        outcome.AfterState["_metadata"]!["whatIf"]!.Should().HaveCount(2);
        h.ChangeCount.Should().Be(0);
    }

    [Fact]
    public void Set_RegistryFailsAfterCimAndOneRegistryWrite_IsPartiallyAppliedNamingExactlyWhatWasWritten()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        h.Registry.FailWrite(2);

        var act = () => h.SetGlobal("""{"chimney":"Enabled","tcpipParameters":{"enableTCPChimney":true,"enableRSS":false}}""");

        var error = act.Should().Throw<PartialApplyException>().Which;
        error.Kind.Should().Be(ErrorKind.PartiallyApplied);
        error.Message.Should().Contain("already changed: chimney, tcpipParameters.enableTCPChimney;");
        error.Message.Should().Contain("restart of 'SRV-X710-01' is required");
        error.Applied.ChangedProperties.Should().Equal("chimney", "tcpipParameters");
        error.Applied.RestartRequired.Should().Equal(RestartRequirement.System("SRV-X710-01"));
        error.Applied.AfterState["chimney"]!.Value<string>().Should().Be("Enabled");
        Same(error.Applied.AfterState["tcpipParameters"], """{"enableTCPChimney":true,"enableRSS":null}""");
        Same(error.Applied.AfterState["_restartRequired"], """[{"system":"SRV-X710-01"}]""");
        GlobalInstance(h)["Chimney"].Should().Be(CimValue.UInt8(1));
        h.Registry.Read(FakeWindowsHost.TcpipParametersKey, "EnableRSS").Should().BeNull("the failed write left it untouched");
    }

    [Fact]
    public void Set_RegistryFailsRightAfterTheCimWrite_ReportsOnlyTheCimSettingAndNoRestart()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        h.Registry.FailWrite(1);

        var act = () => h.SetGlobal("""{"receiveSideScaling":"Disabled","tcpipParameters":{"enableRSS":false}}""");

        var error = act.Should().Throw<PartialApplyException>().Which;
        error.Applied.ChangedProperties.Should().Equal("receiveSideScaling");
        error.Applied.RestartRequired.Should().BeEmpty();
        error.Message.Should().Contain("already changed: receiveSideScaling;");
    }

    [Fact]
    public void Set_FirstWriteFails_IsThePlainFailureWithNothingChanged()
    {
        var h = new WindowsResourceHarness("x710-server.json");
        h.Cim.FailModify(1, CimFailure.Failed);

        var act = () => h.SetGlobal("""{"receiveSideScaling":"Disabled","tcpipParameters":{"enableRSS":false}}""");

        act.Should().Throw<DscOffloadException>().Which.Should().NotBeOfType<PartialApplyException>();
        h.Registry.Writes.Should().BeEmpty("the CIM write comes first and the set stops at its failure");
    }

    [Fact]
    public void ResourceSet_PartialGlobalWrite_ExitsWithSeven()
    {
        var host = FakeWindowsHost.Load("x710-server.json");
        host.Registry.FailWrite(1);
        var platform = host.CreatePlatform();
        var stderr = new StringWriter();
        var runner = new ResourceProtocolRunner(new ResourceCatalog([new GlobalOffloadProvider(), new WindowsNetAdapterOffloadProvider()]), new StringWriter(), new StderrMessageWriter(stderr, "warn"),
            p => p is GlobalOffloadProvider ? new GlobalOffloadResource(platform, live: false) : throw new InvalidOperationException(p.Descriptor.Type));

        var exit = runner.Run(ResourceOperation.Set, GlobalOffloadDescriptor.TypeName, """{"chimney":"Enabled","tcpipParameters":{"enableRSS":false}}""", whatIf: false);

        exit.Should().Be(7);
        stderr.ToString().Should().Contain("already changed: chimney");
    }

    [Fact]
    public void Export_YieldsTheSingleInstance()
    {
        var h = new WindowsResourceHarness("hyperv-guest.json");

        var instances = h.Global.Export([], new OperationContext(_ => { }, "h")).ToList();

        instances.Should().ContainSingle().Which["_name"]!.Value<string>().Should().Be("GlobalOffload");
        instances[0]["tcpipParameters"]!["disableTaskOffload"]!.Value<bool>().Should().BeFalse();
    }

    private static void Same(JToken? actual, string expected) =>
        JToken.DeepEquals(actual, JToken.Parse(expected)).Should().BeTrue($"{actual?.ToString(Newtonsoft.Json.Formatting.None) ?? "absent"} should be {expected}");

    private static CimRecord GlobalInstance(WindowsResourceHarness h) => h.Cim.InstancesOf(FakeCimClassCatalog.GlobalSetting).Single();
}
