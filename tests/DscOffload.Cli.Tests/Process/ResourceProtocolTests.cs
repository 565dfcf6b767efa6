namespace DscOffload.Cli.Tests.Process;

/// <summary>
/// Protocol details beyond what dsc's own reading checks (that is in Protocol/CommandResourceProtocolTests, per
/// type): input from stdin alone, error lines and codes of bad input, trace-level filtering; on the published
/// binary against recorded state (DSCOFFLOAD_RESOURCE_STATE), which is how the Windows types can be exercised on Linux.
/// </summary>
public class ResourceProtocolTests
{
    public static TheoryData<string, string, string> Types => new()
    {
        { "DscOffload.Windows/GlobalOffload", "examples/snapshots/windows/fast-02.dsc.json", "{\"chimney\":\"Disabled\",\"tcpipParameters\":{\"enableRSS\":false}}" },
        { "DscOffload.Windows/NetAdapterOffload", "examples/snapshots/windows/fast-02.dsc.json", "{\"name\":\"Ethernet*\",\"lsoIPv4\":false,\"checksumTcpIPv4\":\"Disabled\"}" },
        { "DscOffload.Linux/NetAdapterOffload", "examples/snapshots/linux/web-02.dsc.json", "{\"name\":\"eth*\",\"features\":{\"tso\":false,\"gro\":false},\"channels\":{\"rx\":1}}" },
    };

    private static Dictionary<string, string?> State(string snapshot) => new() { ["DSCOFFLOAD_RESOURCE_STATE"] = RepositoryPaths.InRepo(snapshot) };

    [Theory]
    [MemberData(nameof(Types))]
    public void Test_ReadsInputFromStdinWhenNoInputArgument(string type, string snapshot, string input)
    {
        var result = DscOffloadProcess.Run(["resource", "test", "--type", type], stdin: input, env: State(snapshot));
        result.ExitCode.Should().Be(0, result.ToString());
        ProtocolOutputShape.Assert(result, 2);
    }

    [Fact]
    public void InvalidInput_ExitsTwoWithOneErrorLine()
    {
        var result = DscOffloadProcess.Run(["resource", "test", "--type", "DscOffload.Windows/GlobalOffload", "--input", "{\"chimney\":\"Off\"}"],
            env: State("examples/snapshots/windows/fast-01.dsc.json"));
        result.ExitCode.Should().Be(2, result.ToString());
        var messages = ProtocolOutputShape.AssertMessages(result);
        messages.Should().ContainSingle().Which.Text.Should().Contain("allowed: Disabled, Enabled, Automatic");
    }

    [Fact]
    public void MalformedJson_ExitsTwoWithLocation()
    {
        var result = DscOffloadProcess.Run(["resource", "get", "--type", "DscOffload.Linux/NetAdapterOffload", "--input", "{\"name\": "]);
        result.ExitCode.Should().Be(2, result.ToString());
        ProtocolOutputShape.AssertMessages(result).Should().ContainSingle().Which.Text.Should().StartWith("--input:1:");
    }

    [Fact]
    public void NoMatchingAdapter_SetExitsFour()
    {
        var result = DscOffloadProcess.Run(["resource", "set", "--type", "DscOffload.Linux/NetAdapterOffload", "--what-if", "--input", "{\"name\":\"nope*\",\"features\":{\"gro\":false}}"],
            env: State("examples/snapshots/linux/web-01.dsc.json"));
        result.ExitCode.Should().Be(4, result.ToString());
        ProtocolOutputShape.AssertMessages(result).Should().ContainSingle(m => m.Level == "error").Which.Text.Should().Contain("no adapter matches 'nope*'");
    }

    [Fact]
    public void UnsupportedFeatureOn_SetWhatIfExitsFiveAndTestReportsIt()
    {
        const string input = "{\"name\":\"eth0\",\"features\":{\"rx-lro\":true}}";
        var env = State("examples/snapshots/linux/web-01.dsc.json");
        var test = DscOffloadProcess.Run(["resource", "test", "--type", "DscOffload.Linux/NetAdapterOffload", "--input", input], env: env);
        test.ExitCode.Should().Be(0);
        var values = ProtocolOutputShape.Assert(test, 2);
        values[1].Values<string>().Should().Equal("features");
        var set = DscOffloadProcess.Run(["resource", "set", "--type", "DscOffload.Linux/NetAdapterOffload", "--what-if", "--input", input], env: env);
        set.ExitCode.Should().Be(5, set.ToString());
    }

    [Theory]
    [InlineData("error", 0)]
    [InlineData("warn", 0)]
    [InlineData("info", 1)]
    [InlineData("trace", 1)]
    public void TraceLevel_FiltersStderrMessages(string level, int minimumInfoLines)
    {
        // fast-03's Hyper-V adapters lack tcpConnectionOffload: desiring it off is satisfied with an info message.
        var env = State("examples/snapshots/windows/fast-03.dsc.json");
        env["DSC_TRACE_LEVEL"] = level;
        var result = DscOffloadProcess.Run(["resource", "test", "--type", "DscOffload.Windows/NetAdapterOffload", "--input", "{\"name\":\"*\",\"tcpConnectionOffloadIPv4\":false}"], env: env);
        result.ExitCode.Should().Be(0, result.ToString());
        var infos = ProtocolOutputShape.AssertMessages(result).Count(m => m.Level == "info");
        if (minimumInfoLines == 0)
        {
            infos.Should().Be(0);
        }
        else
        {
            infos.Should().BeGreaterThanOrEqualTo(minimumInfoLines);
        }
    }
}
