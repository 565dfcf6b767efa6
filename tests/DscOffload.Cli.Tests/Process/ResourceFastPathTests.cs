using DscOffload.Cli.Commands;

namespace DscOffload.Cli.Tests.Process;

/// <summary>
/// A resource call answered by the start-up fast path prints the same bytes and exits with the same code as the
/// same call through the command-line parser. The parser's <c>--option=value</c> spelling is declined by the fast
/// path, so running both spellings of each call compares the two ways through the published binary.
/// </summary>
public class ResourceFastPathTests
{
    private const string Linux = "DscOffload.Linux/NetAdapterOffload";
    private const string Adapter = "DscOffload.Windows/NetAdapterOffload";

    public static TheoryData<string, string, string, string?> Calls => new()
    {
        { "test", Linux, "examples/snapshots/linux/web-02.dsc.json", "{\"name\":\"eth*\",\"features\":{\"tso\":false,\"gro\":false},\"channels\":{\"rx\":1}}" },
        { "get", Linux, "examples/snapshots/linux/web-02.dsc.json", "{\"name\":\"eth*\"}" },
        { "set", Linux, "examples/snapshots/linux/web-02.dsc.json", "{\"name\":\"eth*\",\"features\":{\"tso\":false}}" },
        { "export", Linux, "examples/snapshots/linux/web-02.dsc.json", "{}" },
        { "schema", Linux, "examples/snapshots/linux/web-02.dsc.json", null },
        { "test", Adapter, "examples/snapshots/windows/fast-02.dsc.json", "{\"name\":\"Ethernet*\",\"lsoIPv4\":false,\"checksumTcpIPv4\":\"Disabled\"}" },
        { "test", "DscOffload.Windows/GlobalOffload", "examples/snapshots/windows/fast-02.dsc.json", "{\"chimney\":\"Disabled\",\"tcpipParameters\":{\"enableRSS\":false}}" },
        { "test", "DscOffload.Linux/OffloadCoexistence", "examples/snapshots/linux/web-02.dsc.json", "{}" },
        { "test", Linux, "examples/snapshots/linux/web-02.dsc.json", "{\"name\":\"eth*\",\"features\":{\"nonsense\":true}}" },
        { "test", Linux, "examples/snapshots/linux/web-02.dsc.json", "{\"name\":\"eth*\",\"features\":{\"tso\":fals}}" },
        { "test", Linux, "examples/snapshots/linux/web-02.dsc.json", "{\"name\":\"nothing-matches\"}" },
        { "test", "Nobody/Nothing", "examples/snapshots/linux/web-02.dsc.json", "{}" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void FastPathAndParser_PrintTheSameBytesAndExitCodes(string operation, string type, string snapshot, string? input)
    {
        List<string> fast = ["resource", operation, "--type", type];
        List<string> parsed = ["resource", operation, "--type=" + type];
        if (input is not null)
        {
            fast.AddRange(["--input", input]);
            parsed.Add("--input=" + input);
        }

        if (operation == "set")
        {
            fast.Add("--what-if");
            parsed.Add("--what-if");
        }

        ResourceCommandLine.TryRead(fast).Should().NotBeNull("the first spelling takes the fast path");
        ResourceCommandLine.TryRead(parsed).Should().BeNull("the second goes through the parser");
        var env = new Dictionary<string, string?> { ["DSCOFFLOAD_RESOURCE_STATE"] = RepositoryPaths.InRepo(snapshot), ["DSC_TRACE_LEVEL"] = "trace" };

        var viaFastPath = DscOffloadProcess.Run(fast, env: env);
        var viaParser = DscOffloadProcess.Run(parsed, env: env);

        viaFastPath.ExitCode.Should().Be(viaParser.ExitCode, viaFastPath.ToString());
        viaFastPath.StdoutBytes.Should().Equal(viaParser.StdoutBytes, viaFastPath.ToString());
        viaFastPath.Stderr.Should().Be(viaParser.Stderr);
    }
}
