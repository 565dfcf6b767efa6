using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// <c>config test --against</c> a Linux recording that carries its persisted network configuration
/// (<c>TestData/recorded-shadow/web-03.dsc.json</c>): the files that win over dscoffload's <c>.link</c> file are
/// reported with the recorded host's path and line, and without that section persistence is not guessed.
/// </summary>
public sealed class RecordedShadowProcessTests
{
    private static readonly string Directory = RepositoryPaths.InRepo("tests", "DscOffload.Cli.Tests", "TestData", "recorded-shadow");
    private static readonly string Document = Path.Combine(Directory, "persist-gro-off.dsc.yaml");

    private static JObject Test(string snapshot)
    {
        var result = DscOffloadProcess.Run("config", "test", "--file", Document, "--against", snapshot, "--format", "json");
        result.ExitCode.Should().Be(0, result.ToString());
        return JObject.Parse(result.Stdout);
    }

    private static IEnumerable<string> Messages(JObject envelope, string level) =>
        envelope["messages"]!.Where(m => m["level"]!.Value<string>() == level).Select(m => m["message"]!.Value<string>()!);

    [Fact]
    public void ConfigTest_AgainstARecordingWithShadows_ReportsEachWithItsRecordedFileAndLine()
    {
        var envelope = Test(Path.Combine(Directory, "web-03.dsc.json"));

        var result = envelope["results"]!.Single()["result"]!;
        result["inDesiredState"]!.Value<bool>().Should().BeFalse();
        result["differingProperties"]!.Values<string>().Should().Equal("persist");
        result["actualState"]!["adapters"]!.Single()["persisted"]!.Value<bool>().Should().BeFalse();
        Messages(envelope, "warning").Should().Equal(
            "'eth0': /etc/systemd/network/05-cloud-init-eth0.link:3: matches 'eth0' and sorts before 10-dscoffload-eth0.link, so udevd applies it instead",
            "'eth0': /etc/NetworkManager/system-connections/uplink.nmconnection:10: NetworkManager profile sets gro on for 'eth0' and re-applies it after the .link file, against the desired rx-gro=off",
            "'eth0': /etc/network/interfaces:3: ifupdown sets gro on for 'eth0' and re-applies it after the .link file, against the desired rx-gro=off");
    }

    [Fact]
    public void ConfigTest_AgainstTheSameRecordingWithoutTheSection_SaysSoAndDoesNotGuess()
    {
        var snapshot = JObject.Parse(File.ReadAllText(Path.Combine(Directory, "web-03.dsc.json")));
        ((JObject)snapshot["metadata"]!["DscOffload"]!).Remove("networkConfiguration");
        var path = Path.Combine(System.IO.Directory.CreateTempSubdirectory("dscoffload-recorded-").FullName, "web-03.dsc.json");
        File.WriteAllText(path, snapshot.ToString());

        try
        {
            var envelope = Test(path);

            var result = envelope["results"]!.Single()["result"]!;
            result["inDesiredState"]!.Value<bool>().Should().BeTrue();
            result["actualState"]!["adapters"]!.Single()["persisted"]!.Type.Should().Be(JTokenType.Null);
            Messages(envelope, "warning").Should().BeEmpty();
            Messages(envelope, "information").Should().Contain(m => m.StartsWith("'eth0': the recording does not carry persisted sources", StringComparison.Ordinal));
        }
        finally
        {
            System.IO.Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
