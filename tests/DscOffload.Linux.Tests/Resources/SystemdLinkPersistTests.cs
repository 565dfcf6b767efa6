using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Linux.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary><c>persist: SystemdLink</c> through the real resource, writing into a temporary directory.</summary>
public sealed class SystemdLinkPersistTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dscoffload-link-").FullName;
    private readonly ResourceHarness _host;

    public SystemdLinkPersistTests()
    {
        _host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(_directory));
    }

    private string V0File => Path.Combine(_directory, "10-dscoffload-v0.link");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Test_KernelMatchesButNoFile_IsNotInDesiredStateBecauseOfPersist()
    {
        var outcome = _host.Test("""{"name": "v0", "features": {"gro": false}, "persist": "SystemdLink"}""");

        outcome.InDesiredState.Should().BeFalse();
        outcome.DifferingProperties.Should().Equal("persist");
        outcome.ActualState["persist"]!.Value<string>().Should().Be("None");
        ResourceHarness.Entry(outcome.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        _host.Messages.Should().Contain(m => m.Text.Contains(V0File) && m.Text.Contains("does not exist"));
    }

    [Fact]
    public void Set_WritesTheLinkFileWithTheDesiredFeaturesAndChannels()
    {
        const string Desired = """{"name": "v0", "features": {"gro": true, "tx": false}, "channels": {"rx": 2, "tx": 2}, "persist": "SystemdLink"}""";

        var outcome = _host.Set(Desired);

        outcome.ChangedProperties.Should().Equal("features", "channels", "persist");
        ResourceHarness.Entry(outcome.AfterState, "v0")["persisted"]!.Value<bool>().Should().BeTrue();
        var text = File.ReadAllText(V0File);
        text.Should().Contain("OriginalName=v0").And.Contain("GenericReceiveOffload=true").And.Contain("TransmitChecksumOffload=false")
            .And.Contain("RxChannels=2").And.Contain("TxChannels=2");
        var test = _host.Test(Desired);
        test.InDesiredState.Should().BeTrue();
        ResourceHarness.Entry(test.ActualState, "v0")["persisted"]!.Value<bool>().Should().BeTrue();
    }

    [Fact]
    public void Set_SecondTime_WritesNothing()
    {
        const string Desired = """{"name": "v0", "features": {"gro": true}, "persist": "SystemdLink"}""";
        _host.Set(Desired);
        var earlier = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(V0File, earlier);

        var second = _host.Set(Desired);

        second.ChangedProperties.Should().BeEmpty();
        File.GetLastWriteTimeUtc(V0File).Should().Be(earlier);
        Directory.GetFiles(_directory).Should().ContainSingle();
    }

    [Fact]
    public void Set_KernelAlreadyRight_WritesOnlyTheFile()
    {
        var outcome = _host.Set("""{"name": "v0", "features": {"gro": false}, "persist": "SystemdLink"}""");

        outcome.ChangedProperties.Should().Equal("persist");
        _host.Fake.Calls.Should().BeEmpty();
        File.ReadAllText(V0File).Should().Contain("GenericReceiveOffload=false");
    }

    [Fact]
    public void FilesSetWillWrite_NamesTheFilesOfInterfacesWhosePersistenceDiffers_AndRollbackMayRestoreThem()
    {
        _host.Set("""{"name": "v1", "features": {"gro": false}, "persist": "SystemdLink"}""");
        var test = _host.Test("""{"name": "v*", "features": {"gro": false}, "persist": "SystemdLink"}""");

        var files = _host.Resource.FilesSetWillWrite(test);

        files.Should().Equal(V0File);
        files.Should().OnlyContain(f => Core.Safety.JournaledFile.IsRestorableName(Path.GetFileName(f)));
    }

    [Fact]
    public void FilesSetWillWrite_WithoutPersist_IsEmpty() =>
        _host.Resource.FilesSetWillWrite(_host.Test("""{"name": "v0", "features": {"gro": true}}""")).Should().BeEmpty();

    [Fact]
    public void Get_ReportsPersistedOnlyWhenPersistIsSystemdLink()
    {
        _host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "SystemdLink"}""");

        var persisted = _host.Get("""{"name": "v0", "features": {"gro": true}, "persist": "SystemdLink"}""").ActualState;
        var stale = _host.Get("""{"name": "v0", "features": {"gro": false}, "persist": "SystemdLink"}""").ActualState;
        var without = _host.Get("""{"name": "v0"}""").ActualState;

        ResourceHarness.Entry(persisted, "v0")["persisted"]!.Value<bool>().Should().BeTrue();
        ResourceHarness.Entry(stale, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        ResourceHarness.Entry(without, "v0")["persisted"]!.Type.Should().Be(JTokenType.Null);
    }

    [Theory]
    [InlineData("""{"sg": false}""", "tx-scatter-gather")]
    [InlineData("""{"tso": false}""", "tx-tcp-accecn-segmentation")]
    [InlineData("""{"tx-tcp-ecn-segmentation": false}""", "tx-tcp-ecn-segmentation")]
    [InlineData("""{"tx-checksum-ip-generic": false}""", "tx-checksum-ip-generic")]
    public void UnexpressibleFeature_IsValidationFailedInTestAndSetBeforeAnyChange(string features, string named)
    {
        var desired = $$"""{"name": "v0", "features": {{features}}, "persist": "SystemdLink"}""";

        var test = () => _host.Test(desired);
        var set = () => _host.Set(desired);

        test.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed && e.Message.Contains(named));
        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed
            && e.Message.Contains($"{named}: ") && e.Message.Contains("'v0'") && e.Message.Contains("nothing was changed"));
        _host.Fake.Calls.Should().BeEmpty();
        Directory.GetFiles(_directory).Should().BeEmpty();
    }

    [Fact]
    public void ReceiveHashingOnANicThatCanChangeIt_CannotBePersisted()
    {
        var nic = new ResourceHarness(FakeEthtoolDevices.WithNic(), new SystemdLinkFile(_directory));

        var set = () => nic.Set("""{"name": "eth0", "features": {"rxhash": false, "gro": true}, "persist": "SystemdLink"}""");

        set.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed
            && e.Message.Contains("rx-hashing: systemd .link files have no key for this feature"));
        nic.Fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Set_NicWithPermanentAddress_MatchesOnItAndKeepsItsName()
    {
        var nic = new ResourceHarness(FakeEthtoolDevices.WithNic(), new SystemdLinkFile(_directory));

        nic.Set("""{"name": "eth0", "features": {"lro": true, "ntuple": true}, "channels": {"combined": 4}, "persist": "SystemdLink"}""");

        var text = File.ReadAllText(Path.Combine(_directory, "10-dscoffload-eth0.link"));
        text.Should().Contain("PermanentMACAddress=52:54:00:12:34:56").And.Contain("Name=eth0").And.Contain("LargeReceiveOffload=true")
            .And.Contain("NTupleFilter=true").And.Contain("CombinedChannels=4").And.NotContain("OriginalName");
    }

    [Fact]
    public void TsoAlias_RefusalExplainsAccEcnAndPointsToTheKernelNames()
    {
        var set = () => _host.Set("""{"name": "v0", "features": {"tso": false}, "persist": "SystemdLink"}""");

        set.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("tx-tcp-accecn-segmentation: ")
            && e.Message.Contains("'tso' alias") && !e.Message.Contains("tx-tcp-ecn-segmentation:") && !e.Message.Contains("tx-tcp-mangleid-segmentation:"));
    }

    [Fact]
    public void TsoOffByKernelNames_PersistsWithoutKeysForEcnAndMangleId()
    {
        const string Desired = """
            {"name": "v0", "persist": "SystemdLink", "features": {"tx-tcp-segmentation": false, "tx-tcp6-segmentation": false,
             "tx-tcp-ecn-segmentation": false, "tx-tcp-mangleid-segmentation": false}}
            """;

        _host.Set(Desired);

        var text = File.ReadAllText(V0File);
        text.Should().Contain("TCPSegmentationOffload=false").And.Contain("TCP6SegmentationOffload=false");
        text.Split('\n').Where(l => l.Contains('=') && !l.StartsWith('#')).Should().HaveCount(3, "OriginalName plus the two TSO keys");
        _host.Test(Desired).InDesiredState.Should().BeTrue("the kernel dropped ECN and mangle-ID by itself");
    }

    [Fact]
    public void FixedFeatureAtItsValue_NeedsNoKey()
    {
        var outcome = _host.Set("""{"name": "v0", "features": {"rx-lro": false, "gro": true}, "persist": "SystemdLink"}""");

        outcome.ChangedProperties.Should().Contain("persist");
        File.ReadAllText(V0File).Should().NotContain("LargeReceiveOffload");
    }

    [Fact]
    public void WhatIf_PredictsPersistedAndWritesNothing()
    {
        var outcome = _host.WhatIf("""{"name": "v0", "features": {"gro": true}, "persist": "SystemdLink"}""");

        outcome.ChangedProperties.Should().Equal("features", "persist");
        var predicted = ResourceHarness.Entry(outcome.AfterState, "v0");
        predicted["persist"]!.Value<string>().Should().Be("SystemdLink");
        predicted["persisted"]!.Value<bool>().Should().BeTrue();
        ResourceHarness.Entry(outcome.BeforeState, "v0")["persisted"]!.Value<bool>().Should().BeFalse();
        Directory.GetFiles(_directory).Should().BeEmpty();
        _host.Messages.Should().Contain(m => m.Text.Contains("would write") && m.Text.Contains(V0File));
    }

    [Fact]
    public void Set_KeepsEntriesOfTheFileThatDscOffloadDoesNotManage()
    {
        File.WriteAllText(V0File, "[Match]\nOriginalName=v0\n\n[Link]\nGenericReceiveOffload=false\nMTUBytes=9000\n");

        _host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "SystemdLink"}""");

        var text = File.ReadAllText(V0File);
        text.Should().Contain("GenericReceiveOffload=true").And.Contain("MTUBytes=9000");
    }

    [Fact]
    public void Set_KernelRefusingTheChange_WritesNoFile()
    {
        _host.Fake.SetFeatures("v0", new Dictionary<string, bool> { ["tx-checksum-ip-generic"] = false, ["tx-checksum-sctp"] = false });

        var set = () => _host.Set("""{"name": "v0", "features": {"tx": false, "tx-tcp-segmentation": true}, "persist": "SystemdLink"}""");

        set.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("ETHTOOL_F_WISH") && e.Message.Contains("was not written"));
        File.Exists(V0File).Should().BeFalse();
    }

    [Fact]
    public void Set_WhenTheLinkDirectoryCannotBeCreated_FailsBeforeChangingTheKernel()
    {
        var blocker = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(blocker, "a file where the directory should be");
        var host = new ResourceHarness(FakeEthtoolDevices.WithVethPairs(), new SystemdLinkFile(Path.Combine(blocker, "network")));

        var set = () => host.Set("""{"name": "v0", "features": {"gro": true}, "persist": "SystemdLink"}""");

        set.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("10-dscoffload-v0.link") && e.Message.Contains("nothing was changed"));
        host.Fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Get_WhenADirectoryStandsWhereTheFileGoes_SaysSo()
    {
        Directory.CreateDirectory(V0File);

        var get = () => _host.Get("""{"name": "v0", "persist": "SystemdLink"}""");

        get.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.Unexpected && e.Message.Contains("is a directory, not a file"));
    }

    [Fact]
    public void Set_FailingOnTheSecondInterface_KeepsTheFirstFileAndReportsItsPersist()
    {
        _host.Fake.Device("v1").FailChangesWith = new DscOffloadException(ErrorKind.Unexpected, "simulated driver failure");

        var set = () => _host.Set("""{"name": "v*", "features": {"gro": true}, "persist": "SystemdLink"}""");

        var error = set.Should().Throw<PartialApplyException>().Which;
        error.Applied.ChangedProperties.Should().Equal("features", "persist");
        File.Exists(V0File).Should().BeTrue();
        File.Exists(Path.Combine(_directory, "10-dscoffload-v1.link")).Should().BeFalse();
    }

    [Fact]
    public void RecordedState_WithoutLinkFiles_ValidatesButDoesNotCompare()
    {
        var recorded = new ResourceHarness(FakeEthtoolDevices.WithVethPairs());

        var outcome = recorded.Test("""{"name": "v0", "features": {"gro": false}, "persist": "SystemdLink"}""");
        var unexpressible = () => recorded.Test("""{"name": "v0", "features": {"sg": false}, "persist": "SystemdLink"}""");

        outcome.InDesiredState.Should().BeTrue();
        ResourceHarness.Entry(outcome.ActualState, "v0")["persisted"]!.Type.Should().Be(JTokenType.Null);
        recorded.Messages.Should().Contain(m => m.Level == MessageLevel.Information && m.Text.Contains("the recording does not carry persisted sources"));
        unexpressible.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed);
    }

    [Fact]
    public void LinkFilesFromEnvironment_UsesTheVariableElseTheDefault()
    {
        var saved = Environment.GetEnvironmentVariable(LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable, _directory);
            var overridden = LinuxNetAdapterOffloadResource.LinkFilesFromEnvironment().Directory;
            Environment.SetEnvironmentVariable(LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable, null);
            var standard = LinuxNetAdapterOffloadResource.LinkFilesFromEnvironment().Directory;

            overridden.Should().Be(_directory);
            standard.Should().Be("/etc/systemd/network");
        }
        finally
        {
            Environment.SetEnvironmentVariable(LinuxNetAdapterOffloadResource.SystemdNetworkDirectoryVariable, saved);
        }
    }
}
