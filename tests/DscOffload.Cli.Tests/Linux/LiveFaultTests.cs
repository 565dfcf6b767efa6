using System.Runtime.Versioning;
using DscOffload.Cli.Tests.Process;
using DscOffload.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Linux;

/// <summary>
/// Faults of the native binary on a live veth interface in a private network namespace: a feature veth
/// cannot change, an unknown feature, a channel count above the maximum, no root, an interface that
/// disappears between reading and changing. Each gives a clear message and the documented exit code, and
/// the kernel state (<c>ethtool -k</c> and <c>-l</c>) shows no change beyond what is reported as changed.
/// </summary>
public sealed class LiveFaultTests : IDisposable
{
    private const string Type = "DscOffload.Linux/NetAdapterOffload";
    private const string FixedFeatureInput = """{"name":"eth0","features":{"rx-lro":true}}""";
    private readonly CliVethNamespace _ns = new();

    public void Dispose() => _ns.Dispose();

    private ProcessResult Resource(string operation, string input) => _ns.Run("resource", operation, "--type", Type, "--input", input);

    private string Document(string name, string properties) => _ns.WriteFile(name, $"""
        $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json
        resources:
        - name: data interfaces
          type: {Type}
          properties:
            name: eth0
        {properties}
        """);

    private static IReadOnlyList<string> Errors(ProcessResult result) =>
        [.. ProtocolOutputShape.AssertMessages(result).Where(m => m.Level == "error").Select(m => m.Text)];

    [PrivilegedFact]
    public void ResourceTest_FeatureVethCannotChange_ReportsItNotInDesiredStateWithAWarning()
    {
        var result = Resource("test", FixedFeatureInput);

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = ProtocolOutputShape.Assert(result, 2);
        lines[0]["_inDesiredState"]!.Value<bool>().Should().BeFalse();
        lines[0]["features"]!["rx-lro"]!.Value<bool>().Should().BeFalse("the actual state is reported");
        lines[1].Values<string>().Should().Equal("features");
        ProtocolOutputShape.AssertMessages(result).Should().Contain(m => m.Level == "warn" && m.Text.Contains("'eth0'")
            && m.Text.Contains("features.rx-lro") && m.Text.Contains("cannot be"));
    }

    [PrivilegedFact("ethtool")]
    public void ResourceSet_TsoWhileChecksummingIsOff_FailsAndLeavesNoDormantRequest()
    {
        _ns.Ethtool("-K", CliVethNamespace.Interface, "tx", "off", "tso", "off");
        var kernel = _ns.Ethtool("-k", CliVethNamespace.Interface);
        kernel.Should().Contain("\ttx-tcp-segmentation: off\n", "TSO is off and not requested before the set");

        var result = Resource("set", """{"name":"eth0","features":{"tx-tcp-segmentation":true}}""");

        result.ExitCode.Should().Be(5, result.ToString());
        Errors(result).Should().ContainSingle().Which.Should().Contain("ETHTOOL_F_WISH").And.Contain("nothing was changed");
        _ns.Ethtool("-k", CliVethNamespace.Interface).Should().Be(kernel, "the kernel's requested state is part of its state");
        _ns.Ethtool("-K", CliVethNamespace.Interface, "tx", "on");
        EthtoolReport.Features(_ns.Ethtool("-k", CliVethNamespace.Interface))["tcp-segmentation-offload"].Should().BeFalse(
            "a request left behind would switch TSO on as soon as checksumming came back");
    }

    [PrivilegedFact("ethtool")]
    public void ResourceSet_FailingAfterWithdrawingADormantRequest_LeavesTheRequestedStateAsItWas()
    {
        // tx off leaves TSO off but still requested on; the set withdraws that request, then fails on TCP6 segmentation.
        _ns.Ethtool("-K", CliVethNamespace.Interface, "tx", "off");
        var kernel = _ns.Ethtool("-k", CliVethNamespace.Interface);
        kernel.Should().Contain("\ttx-tcp-segmentation: off [requested on]\n");

        var result = Resource("set", """{"name":"eth0","features":{"tx-tcp-segmentation":false,"tx-tcp6-segmentation":true}}""");

        result.ExitCode.Should().Be(5, result.ToString());
        Errors(result).Should().ContainSingle().Which.Should().Contain("nothing was changed");
        _ns.Ethtool("-k", CliVethNamespace.Interface).Should().Be(kernel);
    }

    [PrivilegedFact("ethtool")]
    public void ConfigSet_WhenTheLinkDirectoryIsUnusable_FailsWithTheSystemsReasonAndChangesNothing()
    {
        Directory.Delete(_ns.LinkDirectory);
        File.WriteAllText(_ns.LinkDirectory, "a file where the .link directory should be");
        var document = Document("persist.dsc.yaml", """
                features:
                  gro: true
                persist: SystemdLink
            """);
        var kernel = _ns.KernelState();

        var result = _ns.Run("config", "set", "--file", document, "--format", "json");

        result.ExitCode.Should().NotBe(0, result.ToString());
        var error = JObject.Parse(result.Stdout)["messages"]!.First(m => m["level"]!.Value<string>() == "error")["message"]!.Value<string>();
        error.Should().Contain(_ns.LinkDirectory).And.Contain("already exists", "the reason in words, not a .NET resource key")
            .And.EndWith("; nothing was changed").And.NotContain("nothing was changed; nothing");
        _ns.KernelState().Should().Be(kernel);
    }

    [PrivilegedFact("ethtool")]
    public void ResourceSet_FeatureVethCannotChange_ExitsFiveAndChangesNothing()
    {
        var kernel = _ns.KernelState();

        var result = Resource("set", FixedFeatureInput);

        result.ExitCode.Should().Be(5, result.ToString());
        result.Stdout.Should().BeEmpty();
        Errors(result).Should().ContainSingle().Which.Should().Contain("features.rx-lro (not supported)").And.Contain("nothing was changed");
        _ns.KernelState().Should().Be(kernel);
    }

    [PrivilegedFact("ethtool")]
    public void ResourceSet_UnknownFeature_ExitsTwoNamingItAndChangesNothing()
    {
        var kernel = _ns.KernelState();

        var result = Resource("set", """{"name":"eth0","features":{"gro":true,"tx-warp-drive":false}}""");

        result.ExitCode.Should().Be(2, result.ToString());
        Errors(result).Should().ContainSingle().Which.Should().StartWith("--input:1:").And.Contain("unknown feature 'tx-warp-drive'").And.Contain("alias");
        _ns.KernelState().Should().Be(kernel);
    }

    [PrivilegedFact("ethtool")]
    public void ConfigSet_UnknownFeature_ExitsFiveNamingItWithItsLocationAndChangesNothing()
    {
        var document = Document("unknown.dsc.yaml", """
                features:
                  gro: true
                  tx-warp-drive: false
            """);
        var kernel = _ns.KernelState();

        var result = _ns.Run("config", "set", "--file", document, "--format", "json");

        result.ExitCode.Should().Be(5, result.ToString());
        var envelope = JObject.Parse(result.Stdout);
        envelope["hadErrors"]!.Value<bool>().Should().BeTrue();
        envelope["messages"]!.First(m => m["level"]!.Value<string>() == "error")["message"]!.Value<string>().Should().StartWith($"{document}:9:").And.Contain("unknown feature 'tx-warp-drive'");
        _ns.KernelState().Should().Be(kernel);
    }

    [PrivilegedFact("ethtool")]
    public void ResourceSet_ChannelsAboveTheMaximum_ExitsTwoNamingTheMaximumAndChangesNothing()
    {
        var kernel = _ns.KernelState();
        EthtoolReport.MaximumChannels(_ns.Ethtool("-l", "eth0"), "RX").Should().Be(CliVethNamespace.Queues);

        var result = Resource("set", """{"name":"eth0","features":{"gro":true},"channels":{"rx":9}}""");

        result.ExitCode.Should().Be(2, result.ToString());
        Errors(result).Should().ContainSingle().Which.Should().Contain("channels.rx 9 for 'eth0' is above its maximum 4").And.Contain("nothing was changed");
        _ns.KernelState().Should().Be(kernel);
    }

    [PrivilegedTheory("ethtool")]
    [InlineData(9, "above its maximum 4")]
    [InlineData(0, "without a receive queue")]
    public void ConfigSet_ChannelCountTheDeviceCannotTake_ExitsFiveAtTheCountAndChangesNothing(int rx, string why)
    {
        var document = Document("channels.dsc.yaml", $"""
                features:
                  gro: true
                channels:
                  rx: {rx}
            """);
        var kernel = _ns.KernelState();

        var result = _ns.Run("config", "set", "--file", document, "--format", "json");

        result.ExitCode.Should().Be(5, result.ToString());
        JObject.Parse(result.Stdout)["messages"]!.First(m => m["level"]!.Value<string>() == "error")["message"]!.Value<string>().Should().StartWith($"{document}:10:").And.Contain(why);
        _ns.KernelState().Should().Be(kernel, "the features are not applied either");
    }

    [PrivilegedFact("ethtool")]
    [SupportedOSPlatform("linux")]
    public void Set_NotRoot_ExitsThreeAndChangesNothing()
    {
        // The binary and document are copied where any user can read them; the run drops to nobody inside the namespace.
        var shared = Directory.CreateTempSubdirectory("dscoffload-unprivileged-");
        try
        {
            var binary = Path.Combine(shared.FullName, "dscoffload");
            File.Copy(RepositoryPaths.Binary, binary);
            var document = Path.Combine(shared.FullName, "baseline.dsc.yaml");
            File.Copy(RepositoryPaths.InRepo("examples", "linux-offload-baseline.dsc.yaml"), document);
            const UnixFileMode ReadByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            const UnixFileMode RunByAll = ReadByAll | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(shared.FullName, RunByAll);
            File.SetUnixFileMode(binary, RunByAll);
            File.SetUnixFileMode(document, ReadByAll);
            string[] nobody = [ExternalProgram.Find("setpriv") ?? "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
            var kernel = _ns.KernelState();

            var resource = _ns.Run(["resource", "set", "--type", Type, "--input", """{"name":"eth0","features":{"gro":true}}"""], launcher: nobody, binary: binary);
            var config = _ns.Run(["config", "set", "--file", document, "--format", "json"], launcher: nobody, binary: binary);

            resource.ExitCode.Should().Be(3, resource.ToString());
            Errors(resource).Should().ContainSingle().Which.Should().Contain("needs root").And.Contain("nothing was changed");
            // The privilege check comes before the host lock and the journal, so it is one error line, not a result.
            config.ExitCode.Should().Be(3, config.ToString());
            config.Stdout.Should().BeEmpty();
            config.StderrLines.Should().ContainSingle().Which.Should().Contain("needs root").And.Contain("nothing was changed");
            _ns.KernelState().Should().Be(kernel);
        }
        finally
        {
            shared.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Deterministic, not a race: with <c>persist: SystemdLink</c> the binary reads <c>eth0</c>'s <c>.link</c> file
    /// after reading the interfaces and before changing any. That file is a FIFO here, so the binary blocks in
    /// that read; opening the FIFO's other end returns only then. The test deletes <c>eth0</c> at that moment,
    /// then releases the read. <c>eth1</c>, also matched, must be left as it was.
    /// </summary>
    [PrivilegedFact("ethtool")]
    public void ResourceSet_InterfaceDisappearsBetweenReadAndChange_ExitsFourAndChangesNothingElse()
    {
        _ns.AddVethPair("eth1", "peer1");
        var untouched = _ns.KernelState("eth1");
        var fifo = Path.Combine(_ns.LinkDirectory, "10-dscoffload-eth0.link");
        ExternalProgram.Run("mkfifo", fifo);

        var run = Task.Run(() => Resource("set", """{"name":"eth*","features":{"gro":true},"persist":"SystemdLink"}"""));
        var vanish = Task.Run(() =>
        {
            // The first two reads are the journal's, before the set: the test that saves the state, then the copy of
            // the file itself. While each waits, a fresh FIFO replaces the file, so the last open below pairs only
            // with the set's own read.
            for (var journalRead = 0; journalRead < 2; journalRead++)
            {
                using var early = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                File.Delete(fifo);
                ExternalProgram.Run("mkfifo", fifo);
                early.Write("# placeholder\n"u8);
            }

            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            _ns.Ip("link", "del", "eth0");
            writer.Write("# placeholder\n"u8);
        });
        if (!vanish.Wait(TimeSpan.FromSeconds(30)))
        {
            using var release = new FileStream(fifo, FileMode.Open, FileAccess.Read);
            Assert.Fail($"dscoffload never read {fifo}: {run.Result}");
        }

        var result = run.Result;
        result.ExitCode.Should().Be(4, result.ToString());
        result.Stdout.Should().BeEmpty();
        Errors(result).Should().ContainSingle().Which.Should().Be("interface 'eth0' no longer exists; nothing was changed");
        _ns.KernelState("eth1").Should().Be(untouched);
        Directory.GetFiles(_ns.LinkDirectory).Should().Equal([fifo], "no .link file is written for a set that failed");
    }
}
