using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Linux.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>get, test, set and what-if through the real resource over the kernel-like fake (lo, v0, v1, m0, m1).</summary>
public sealed class LinuxNetAdapterOffloadResourceTests
{
    private static readonly string[] TsoMembers =
        ["tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation", "tx-tcp-accecn-segmentation"];

    private readonly ResourceHarness _host = new(FakeEthtoolDevices.WithVethPairs());

    private FakeEthtoolDevices Fake => _host.Fake;

    [Fact]
    public void Get_Veth_ReportsKernelNamesIdentityAndFixedFeatures()
    {
        var state = _host.Get("""{"name": "v0"}""").ActualState;

        state["features"]!["rx-gro"]!.Value<bool>().Should().BeFalse();
        state["features"]!["tx-tcp-segmentation"]!.Value<bool>().Should().BeTrue();
        JToken.DeepEquals(state["channels"], JObject.Parse("""{"rx": 1, "tx": 1}""")).Should().BeTrue();
        var entry = ResourceHarness.Entry(state, "v0");
        entry["ifindex"]!.Value<int>().Should().Be(Fake.Device("v0").IfIndex);
        entry["fixedFeatures"]!.Values<string>().Should().Contain(["rx-lro", "tx-checksum-ipv4"]).And.NotContain("highdma");
        entry["maxChannels"]!["rx"]!.Value<int>().Should().Be(2);
        entry["persisted"]!.Type.Should().Be(JTokenType.Null, "persist is not SystemdLink");
    }

    [Fact]
    public void Test_Aliases_ExpandToTheChangeableKernelFeaturesOnly()
    {
        var outcome = _host.Test("""{"name": "v0", "features": {"tx": false, "tso": false, "gro": true}}""");

        var desired = ((JObject)outcome.DesiredState["features"]!).Properties().Select(p => p.Name);
        desired.Should().BeEquivalentTo(["tx-checksum-ip-generic", "tx-checksum-sctp", "rx-gro", .. TsoMembers],
            "tx-checksum-ipv4, -ipv6 and -fcoe-crc are fixed off on veth");
        outcome.InDesiredState.Should().BeFalse();
        outcome.DifferingProperties.Should().Equal("features");
    }

    [Fact]
    public void Test_UnknownFeature_IsValidationFailedNamingIt()
    {
        var act = () => _host.Test("""{"name": "v0", "features": {"tx-bogus-offload": true}}""");

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.ValidationFailed && e.Message.Contains("'tx-bogus-offload'") && e.Message.Contains("tso"));
    }

    [Fact]
    public void Test_AliasAndKernelNameAskingOppositeValues_IsAnErrorNamingBoth()
    {
        var act = () => _host.Test("""{"name": "v0", "features": {"tso": false, "tx-tcp-segmentation": true}}""");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed
            && e.Message.Contains("'tso'") && e.Message.Contains("'tx-tcp-segmentation'") && e.Message.Contains("both on and off"));
    }

    [Fact]
    public void Test_AliasAndKernelNameAgreeing_IsAccepted()
    {
        var outcome = _host.Test("""{"name": "v0", "features": {"tso": true, "tx-tcp-segmentation": true}}""");

        outcome.InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Set_EnablingTsoWhileChecksumAndScatterGatherAreOff_EnablesThemFirst()
    {
        Fake.SetFeatures("v0", new Dictionary<string, bool>
        {
            ["tx-checksum-ip-generic"] = false, ["tx-checksum-sctp"] = false, ["tx-scatter-gather"] = false, ["tx-scatter-gather-fraglist"] = false,
        });
        var before = Fake.Calls.Count;

        var outcome = _host.Set("""{"name": "v0", "features": {"tso": true, "sg": true, "tx": true}}""");

        var calls = Fake.Calls.Skip(before).ToList();
        calls.Should().HaveCount(2);
        calls[0].Features!.Keys.Should().BeEquivalentTo(["tx-checksum-ip-generic", "tx-checksum-sctp", "tx-scatter-gather", "tx-scatter-gather-fraglist"]);
        calls[1].Features!.Keys.Should().BeSubsetOf(TsoMembers).And.Contain("tx-tcp-segmentation");
        outcome.ChangedProperties.Should().Equal("features");
        _host.Test("""{"name": "v0", "features": {"tso": true, "sg": true, "tx": true}}""").InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Set_FeatureOffButStillRequested_StaysOffWhenItsPrerequisiteComesBack()
    {
        Fake.SetFeatures("v0", new Dictionary<string, bool> { ["tx-scatter-gather"] = false });
        Fake.Device("v0").IsRequested("tx-tcp6-segmentation").Should().BeTrue("scatter-gather off only deactivates TSO6");
        var before = Fake.Calls.Count;

        _host.Set("""{"name": "v0", "features": {"tx-scatter-gather": true, "tx-tcp6-segmentation": false}}""");

        Fake.Calls[before].Features.Should().Equal(new Dictionary<string, bool> { ["tx-tcp6-segmentation"] = false, ["tx-scatter-gather"] = true });
        Fake.Device("v0").IsActive("tx-tcp6-segmentation").Should().BeFalse();
        Fake.Device("v0").IsActive("tx-tcp-segmentation").Should().BeTrue("its request was never withdrawn");
    }

    [Fact]
    public void Set_TsoWishedWhileChecksumStaysOff_FailsNamingWishAndReportsNoSuccess()
    {
        Fake.SetFeatures("v0", new Dictionary<string, bool> { ["tx-checksum-ip-generic"] = false });

        var act = () => _host.Set("""{"name": "v0", "features": {"tx-checksum-ip-generic": false, "tx-tcp-segmentation": true}}""");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotSupported
            && e.Message.Contains("tx-tcp-segmentation is false, wanted true") && e.Message.Contains("ETHTOOL_F_WISH") && e.Message.Contains("nothing was changed"));
        _host.Test("""{"name": "v0", "features": {"tx-tcp-segmentation": true}}""").InDesiredState.Should().BeFalse();
    }

    [Fact]
    public void Set_TsoWishedWhileChecksumStaysOff_PutsTheRequestBack_SoNothingChangesLater()
    {
        Fake.SetFeatures("v0", new Dictionary<string, bool> { ["tx-checksum-ip-generic"] = false, ["tx-tcp-segmentation"] = false });
        Fake.Device("v0").IsRequested("tx-tcp-segmentation").Should().BeFalse();

        var act = () => _host.Set("""{"name": "v0", "features": {"tx-checksum-ip-generic": false, "tx-tcp-segmentation": true}}""");

        act.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("the request for tx-tcp-segmentation was put back as it was"));
        Fake.Device("v0").IsRequested("tx-tcp-segmentation").Should().BeFalse("a failed set must not leave a dormant request");
        Fake.SetFeatures("v0", new Dictionary<string, bool> { ["tx-checksum-ip-generic"] = true });
        Fake.Device("v0").IsActive("tx-tcp-segmentation").Should().BeFalse("turning checksumming on later must not switch TSO on");
    }

    [Fact]
    public void Set_FailingAfterWithdrawingADormantRequest_PutsThatRequestBack()
    {
        Fake.SetFeatures("v0", new Dictionary<string, bool> { ["tx-checksum-ip-generic"] = false });
        Fake.Device("v0").IsRequested("tx-tcp-segmentation").Should().BeTrue("TSO stays requested, held off by checksumming");
        Fake.Device("v0").IsActive("tx-tcp-segmentation").Should().BeFalse();

        var act = () => _host.Set("""{"name": "v0", "features": {"tx-tcp-segmentation": false, "tx-tcp6-segmentation": true}}""");

        act.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("ETHTOOL_F_WISH") && e.Message.Contains("nothing was changed"));
        Fake.Device("v0").IsRequested("tx-tcp-segmentation").Should().BeTrue("the set failed, so its withdrawal is undone too");
        Fake.Device("v0").IsRequested("tx-tcp6-segmentation").Should().BeTrue("it was requested before: tx off left it dormant");
    }

    [Fact]
    public void AnAliasThisKernelHasNoFeatureFor_IsAnAbsentFeature_OffSatisfiedOnRefused()
    {
        var off = _host.Test("""{"name": "v0", "features": {"ufo": false}}""");
        var on = () => _host.Set("""{"name": "v0", "features": {"ufo": true}}""");

        off.InDesiredState.Should().BeTrue();
        ResourceHarness.Entry(off.ActualState, "v0")["notSupported"]!.Values<string>().Should().Equal("features.ufo");
        _host.Test("""{"name": "v0", "features": {"ufo": true}}""").InDesiredState.Should().BeFalse("the device cannot have it");
        on.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotSupported && e.Message.Contains("features.ufo") && e.Message.Contains("nothing was changed"));
        Fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Test_FeatureFixedOffDesiredOff_IsSatisfiedWithInfo()
    {
        var outcome = _host.Test("""{"name": "v0", "features": {"rx-lro": false}}""");

        outcome.InDesiredState.Should().BeTrue();
        _host.Messages.Should().Contain(m => m.Level == MessageLevel.Information && m.Text.Contains("features.rx-lro") && m.Text.Contains("satisfied"));
        ResourceHarness.Entry(outcome.ActualState, "v0")["notSupported"]!.Values<string>().Should().Equal("features.rx-lro");
    }

    [Fact]
    public void FeatureFixedOffDesiredOn_IsNotInDesiredStateAndSetFailsBeforeAnyChange()
    {
        const string Desired = """{"name": "v0", "features": {"rx-gro": true, "rx-lro": true}}""";

        var outcome = _host.Test(Desired);
        var set = () => _host.Set(Desired);

        outcome.InDesiredState.Should().BeFalse();
        outcome.DifferingProperties.Should().Equal("features");
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotSupported
            && e.Message.Contains("features.rx-lro (not supported)") && e.Message.Contains("nothing was changed"));
        Fake.Calls.Should().BeEmpty();
        Fake.Device("v0").IsActive("rx-gro").Should().BeFalse();
    }

    [Fact]
    public void FeatureFixedOnDesiredOff_IsNotInDesiredStateAndSetFailsBeforeAnyChange()
    {
        const string Desired = """{"name": "lo", "includeLoopback": true, "features": {"tx-scatter-gather": false}}""";

        _host.Test(Desired).InDesiredState.Should().BeFalse();
        var set = () => _host.Set(Desired);

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotSupported && e.Message.Contains("features.tx-scatter-gather (fixed at true)"));
        Fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public void ZeroMatches_IsNotInDesiredStateAndSetIsNoMatch()
    {
        const string Desired = """{"name": "eth*", "features": {"gro": true}}""";

        var outcome = _host.Test(Desired);
        var set = () => _host.Set(Desired);

        outcome.InDesiredState.Should().BeFalse();
        outcome.DifferingProperties.Should().Equal("name");
        _host.Messages.Should().Contain(m => m.Level == MessageLevel.Warning && m.Text.Contains("no adapter matches 'eth*'"));
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NoMatch && e.Message.Contains("'eth*'"));
    }

    [Fact]
    public void ZeroMatches_WithAllowNoMatch_IsInDesiredStateAndSetChangesNothing()
    {
        const string Desired = """{"name": "eth*", "allowNoMatch": true, "features": {"gro": true}}""";

        _host.Test(Desired).InDesiredState.Should().BeTrue();
        _host.Set(Desired).ChangedNothing.Should().BeTrue();
        Fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Test_Wildcard_AggregatesToTheFirstDifferingValueAndDetailsEachAdapter()
    {
        Fake.SetFeatures("v0", new Dictionary<string, bool> { ["rx-gro"] = true });

        var outcome = _host.Test("""{"name": "v*", "features": {"gro": true}}""");

        outcome.InDesiredState.Should().BeFalse();
        outcome.ActualState["features"]!["rx-gro"]!.Value<bool>().Should().BeFalse("v1 is the first adapter that differs");
        var adapters = outcome.ActualState["adapters"]!.Cast<JObject>().ToList();
        adapters.Select(a => a.Value<string>("name")).Should().Equal("v0", "v1");
        adapters[0]["inDesiredState"]!.Value<bool>().Should().BeTrue();
        adapters[1]["inDesiredState"]!.Value<bool>().Should().BeFalse();
        adapters[1]["differingProperties"]!.Values<string>().Should().Equal("features");
        adapters[1]["features"]!["rx-gro"]!.Value<bool>().Should().BeFalse();
    }

    [Fact]
    public void Get_StarPattern_LeavesLoopbackOutUnlessAsked()
    {
        var without = _host.Get("""{"name": "*"}""").ActualState["adapters"]!.Select(a => a.Value<string>("name"));
        var with = _host.Get("""{"name": "*", "includeLoopback": true}""").ActualState["adapters"]!.Select(a => a.Value<string>("name"));

        without.Should().Equal("m0", "m1", "v0", "v1");
        with.Should().Equal("lo", "m0", "m1", "v0", "v1");
    }

    [Fact]
    public void Set_SecondTime_ChangesNothing()
    {
        const string Desired = """{"name": "v*", "features": {"gro": true, "tso": false}, "channels": {"rx": 2, "tx": 2}}""";

        var first = _host.Set(Desired);
        var calls = Fake.Calls.Count;
        var second = _host.Set(Desired);

        first.ChangedProperties.Should().Equal("features", "channels");
        second.ChangedProperties.Should().BeEmpty();
        Fake.Calls.Should().HaveCount(calls);
        _host.Test(Desired).InDesiredState.Should().BeTrue();
    }

    [Fact]
    public void Set_FailingOnTheSecondInterface_ReportsTheFirstAsChangedAndLeavesTheSecondUntouched()
    {
        Fake.Device("v1").FailChangesWith = new DscOffloadException(ErrorKind.Unexpected, "simulated driver failure");
        var untouched = Fake.GetFeatures("v1").Features;

        var act = () => _host.Set("""{"name": "v*", "features": {"gro": true}}""");

        var error = act.Should().Throw<PartialApplyException>().Which;
        error.Message.Should().Contain("simulated driver failure").And.Contain("already changed: 'v0'");
        error.Applied.ChangedProperties.Should().Equal("features");
        ResourceHarness.Entry(error.Applied.AfterState, "v0")["features"]!["rx-gro"]!.Value<bool>().Should().BeTrue();
        ResourceHarness.Entry(error.Applied.AfterState, "v1")["features"]!["rx-gro"]!.Value<bool>().Should().BeFalse();
        Fake.Device("v0").IsActive("rx-gro").Should().BeTrue();
        Fake.GetFeatures("v1").Features.Should().Equal(untouched);
    }

    [Fact]
    public void Set_InterfaceRemovedAfterGet_IsNoMatchNamingTheSelection()
    {
        _host.Get("""{"name": "v0"}""").ActualState["adapters"]!.Should().ContainSingle();
        Fake.Remove("v0");

        var act = () => _host.Set("""{"name": "v0", "features": {"gro": true}}""");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NoMatch && e.Message == "no adapter matches 'v0'");
    }

    [Fact]
    public void Set_SelectingLoopbackWithoutIncludeLoopback_SaysWhichFlagSelectsIt()
    {
        var act = () => _host.Set("""{"name": "l*", "features": {"gro": true}}""");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NoMatch
            && e.Message == "no adapter matches 'l*'; 'lo' is left out unless includeLoopback is true");
        Fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Set_InterfaceVanishingBeforeItsChange_SaysSoAndNothingWasChanged()
    {
        Fake.BeforeChange = name => Fake.Remove(name);

        var act = () => _host.Set("""{"name": "v0", "features": {"gro": true}}""");

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.NoMatch && e.Message == "interface 'v0' no longer exists; nothing was changed");
    }

    [Fact]
    public void Set_SecondInterfaceVanishingDuringSet_IsPartialWithTheFirstChanged()
    {
        Fake.BeforeChange = name =>
        {
            if (name == "v1")
            {
                Fake.Remove(name);
            }
        };

        var act = () => _host.Set("""{"name": "v*", "features": {"gro": true}}""");

        var error = act.Should().Throw<PartialApplyException>().Which;
        error.Message.Should().Contain("interface 'v1' no longer exists").And.Contain("already changed: 'v0'");
        Fake.Device("v0").IsActive("rx-gro").Should().BeTrue();
    }

    [Fact]
    public void Set_WithoutPrivilege_IsElevationRequiredAndChangesNothing()
    {
        Fake.CanChange = false;

        var act = () => _host.Set("""{"name": "v0", "features": {"gro": true}}""");

        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ElevationRequired && e.Message.Contains("needs root"));
        Fake.Device("v0").IsActive("rx-gro").Should().BeFalse();
    }

    [Fact]
    public void ChannelsAboveTheMaximum_AreValidationFailedNamingTheMaximumBeforeAnyChange()
    {
        const string Desired = """{"name": "v*", "features": {"gro": true}, "channels": {"rx": 5}}""";

        var test = () => _host.Test(Desired);
        var set = () => _host.Set(Desired);

        test.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed && e.Message.Contains("maximum 2"));
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed
            && e.Message.Contains("channels.rx 5") && e.Message.Contains("'v0'") && e.Message.Contains("maximum 2"));
        Fake.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"rx": 0}""", "receive")]
    [InlineData("""{"rx": 1, "tx": 0}""", "transmit")]
    public void ChannelsThatLeaveNoQueue_AreValidationFailedBeforeAnyChange(string channels, string direction)
    {
        var desired = $$"""{"name": "v0", "features": {"gro": true}, "channels": {{channels}}}""";

        var set = () => _host.Set(desired);

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed
            && e.Message.Contains($"without a {direction} queue") && e.Message.Contains("nothing was changed"));
        Fake.Calls.Should().BeEmpty("the features come first in a set, so a late refusal would have changed them");
        _host.Test("""{"name": "v0", "channels": {"rx": 1, "tx": 1}}""").InDesiredState.Should().BeTrue("a valid count is still fine");
    }

    [Fact]
    public void CombinedChannelsOnVeth_AreNotSupported()
    {
        const string Desired = """{"name": "v0", "channels": {"combined": 2}}""";

        _host.Test(Desired).InDesiredState.Should().BeFalse();
        var set = () => _host.Set(Desired);

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.NotSupported && e.Message.Contains("channels.combined"));
    }

    [Fact]
    public void WhatIf_PredictsTheChangesAndChangesNothing()
    {
        var before = _host.DeviceState();

        var outcome = _host.WhatIf("""{"name": "v*", "features": {"gro": true, "tso": false}, "channels": {"rx": 2}}""");

        _host.DeviceState().Should().Be(before);
        Fake.Calls.Should().BeEmpty();
        outcome.ChangedProperties.Should().Equal("features", "channels");
        var predicted = ResourceHarness.Entry(outcome.AfterState, "v1");
        predicted["features"]!["rx-gro"]!.Value<bool>().Should().BeTrue();
        predicted["features"]!["tx-tcp-segmentation"]!.Value<bool>().Should().BeFalse();
        predicted["channels"]!["rx"]!.Value<int>().Should().Be(2);
        outcome.AfterState["_metadata"]!["whatIf"]!.Values<string>().Should().Contain("'v0': features.rx-gro false -> true");
    }
}
