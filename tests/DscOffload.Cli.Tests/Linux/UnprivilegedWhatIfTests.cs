using System.Runtime.Versioning;
using DscOffload.Cli.Tests.Process;
using DscOffload.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Linux;

/// <summary>
/// What-if needs no elevation (the manifests declare no security context on set, so dsc lets an unelevated what-if
/// through): the native binary run as user nobody in a private namespace predicts the change, exits 0 and changes
/// nothing, by <c>resource set --what-if</c> (how dsc calls it) and by <c>config set --what-if</c>. A real set as
/// nobody exits 3 (<c>LiveFaultTests.Set_NotRoot_ExitsThreeAndChangesNothing</c>). Needs root to set up.
/// </summary>
public sealed class UnprivilegedWhatIfTests : IDisposable
{
    private const string Type = "DscOffload.Linux/NetAdapterOffload";
    private readonly CliVethNamespace _ns = new();
    private readonly DirectoryInfo _shared = Directory.CreateTempSubdirectory("dscoffload-unprivileged-");

    public void Dispose()
    {
        _shared.Delete(recursive: true);
        _ns.Dispose();
    }

    /// <summary>Copies the binary and a document where any user can read them, and runs the binary as nobody in the namespace.</summary>
    [SupportedOSPlatform("linux")]
    private ProcessResult AsNobody(params string[] args)
    {
        var binary = Path.Combine(_shared.FullName, "dscoffload");
        if (!File.Exists(binary))
        {
            File.Copy(RepositoryPaths.Binary, binary);
            File.SetUnixFileMode(_shared.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        string[] nobody = [ExternalProgram.Find("setpriv") ?? "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
        return _ns.Run(args, launcher: nobody, binary: binary);
    }

    [PrivilegedFact("ethtool")]
    [SupportedOSPlatform("linux")]
    public void ResourceSetWhatIf_AsNobody_PredictsTheChangeAndChangesNothing()
    {
        _ns.Ethtool("-K", CliVethNamespace.Interface, "gro", "off");
        var kernel = _ns.KernelState();

        var result = AsNobody("resource", "set", "--type", Type, "--what-if", "--input", """{"name":"eth0","features":{"gro":true}}""");

        result.ExitCode.Should().Be(0, result.ToString());
        var values = ProtocolOutputShape.Assert(result, 2);
        values[0]["features"]!["rx-gro"]!.Value<bool>().Should().BeTrue("the predicted state");
        values[1].Values<string>().Should().Equal("features");
        _ns.KernelState().Should().Be(kernel);
    }

    [PrivilegedFact("ethtool")]
    [SupportedOSPlatform("linux")]
    public void ConfigSetWhatIf_AsNobody_PreviewsTheBaselineAndChangesNothing()
    {
        var document = Path.Combine(_shared.FullName, "baseline.dsc.yaml");
        File.Copy(RepositoryPaths.InRepo("examples", "linux-offload-baseline.dsc.yaml"), document);
        File.SetUnixFileMode(document, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var kernel = _ns.KernelState();

        var result = AsNobody("config", "set", "--what-if", "--file", document, "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var envelope = JObject.Parse(result.Stdout);
        envelope["executionInformation"]!["executionType"]!.Value<string>().Should().Be("whatIf");
        envelope["results"]!.Should().ContainSingle().Which["result"]!["changedProperties"]!.Values<string>().Should().Contain("features");
        _ns.KernelState().Should().Be(kernel);
    }
}
