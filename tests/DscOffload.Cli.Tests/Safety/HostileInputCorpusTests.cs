using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Safety;

/// <summary>
/// Every case of the hostile-input corpus (tests/corpus) through the published binary: the documented exit code,
/// exactly one error line (for the resource protocol one <c>{"error":…}</c> JSON line) naming file:line:column,
/// no stack trace, no raw control character, done within 10 s with a GC heap capped at 256 MiB, and no change:
/// no journal entry and, where privileged tests run, the veth interfaces of a private namespace unchanged after
/// the same input was given to a live set there.
/// </summary>
public sealed class HostileInputCorpusTests : IClassFixture<VethNamespace>, IDisposable
{
    private const string LinuxType = "DscOffload.Linux/NetAdapterOffload";
    private const string RecordedLinux = "examples/snapshots/linux/web-01.dsc.json";
    private readonly VethNamespace _netns;
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("dscoffload-corpus-");
    private readonly Dictionary<string, string?> _env;

    public HostileInputCorpusTests(VethNamespace netns)
    {
        _netns = netns;
        _env = new()
        {
            ["DSCOFFLOAD_STATE_DIR"] = Path.Combine(_scratch.FullName, "state"),
            // Hex, as the runtime reads it: 256 MiB. A case that needs more memory fails with another exit code.
            ["DOTNET_GCHeapHardLimit"] = "10000000",
        };
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in HostileInputCorpus.All)
        {
            data.Add(c.File);
        }

        return data;
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public void Corpus_HasAtLeast60CasesOfEveryKind()
    {
        HostileInputCorpus.All.Should().HaveCountGreaterThanOrEqualTo(60);
        HostileInputCorpus.All.Select(c => c.Kind).Distinct().Should().BeEquivalentTo("document", "input", "parameters", "snapshot");
        foreach (var c in HostileInputCorpus.All.Where(c => c.Recipe is null))
        {
            File.Exists(Path.Combine(HostileInputCorpus.Root, c.File)).Should().BeTrue(c.File);
        }

        var onDisk = Directory.EnumerateFiles(HostileInputCorpus.Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(HostileInputCorpus.Root, f).Replace('\\', '/'))
            .Where(f => f.Contains('/') && !Path.GetFileName(f).StartsWith('_'));
        onDisk.Should().BeEquivalentTo(HostileInputCorpus.All.Where(c => c.Recipe is null).Select(c => c.File), "every corpus file has an expectation");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileInput_IsRejectedWithTheDocumentedCodeAndOneLocatedLine_AndChangesNothing(string file)
    {
        var c = HostileInputCorpus.Find(file);
        var path = HostileInputCorpus.PathOf(c, _scratch.FullName);
        var before = _netns.IsCreated ? _netns.InitialState : null;
        switch (c.Kind)
        {
            case "document":
                ExpectCliError(c, path, Run(["validate", path]));
                ExpectCliError(c, path, SetShaped(["config", "set", "--file", path], ["config", "test", "--file", path, "--against", RecordedLinux]));
                break;
            case "parameters":
                const string document = "tests/corpus/parameters/_document.dsc.yaml";
                ExpectCliError(c, path, Run(["validate", document, "--parameters-file", path]));
                ExpectCliError(c, path, SetShaped(["config", "set", "--file", document, "--parameters-file", path],
                    ["config", "test", "--file", document, "--parameters-file", path, "--against", RecordedLinux]));
                break;
            case "input":
                var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, path));
                ExpectProtocolError(c, "--input", Run(["resource", "test", "--type", LinuxType], bytes, recorded: RecordedLinux));
                ExpectProtocolError(c, "--input", _netns.IsCreated
                    ? Run(["resource", "set", "--type", LinuxType], bytes, netns: _netns.Name)
                    : Run(["resource", "set", "--type", LinuxType, "--what-if"], bytes, recorded: RecordedLinux));
                break;
            default:
                ExpectProtocolError(c, path, Run(["resource", "get", "--type", LinuxType, "--input", "{\"name\":\"v0\"}"], recorded: path));
                ExpectProtocolError(c, path, Run(["resource", "set", "--type", LinuxType, "--input", "{\"name\":\"v0\",\"features\":{\"gro\":true}}"], recorded: path, netns: _netns.IsCreated ? _netns.Name : null));
                ExpectRecordedHostError(c, path, Run(["config", "test", "--file", "tests/corpus/snapshot/_document.dsc.yaml", "--against", path, "--format", "json"]));
                break;
        }

        var journal = Path.Combine(_env["DSCOFFLOAD_STATE_DIR"]!, "journal");
        (Directory.Exists(journal) ? Directory.GetFiles(journal) : []).Should().BeEmpty("rejected input writes no journal entry");
        if (before is not null)
        {
            _netns.State().Should().Be(before, "rejected input changes nothing");
        }
    }

    private SafetyResult SetShaped(string[] live, string[] recorded) =>
        _netns.IsCreated ? Run(live, netns: _netns.Name) : Run(recorded);

    private SafetyResult Run(string[] args, byte[]? stdin = null, string? recorded = null, string? netns = null)
    {
        var env = new Dictionary<string, string?>(_env);
        if (recorded is not null)
        {
            env["DSCOFFLOAD_RESOURCE_STATE"] = recorded;
        }

        // Ten seconds of CPU bound the work on every case; the wall-clock limit only catches a program that blocks, and is
        // generous because the test machines are shared.
        return SafetyProcess.Run(args, env, stdin, netns, TimeSpan.FromSeconds(60), cpuSeconds: 10);
    }

    private static void ExpectCliError(CorpusCase c, string path, SafetyResult result)
    {
        result.ExitCode.Should().Be(c.Exit, result.ToString());
        var line = SingleCleanLine(result);
        line.Should().StartWith("dscoffload: error: ").And.Contain($"{path}:{c.At}").And.Contain(c.Message);
    }

    private static void ExpectProtocolError(CorpusCase c, string displayName, SafetyResult result)
    {
        result.ExitCode.Should().Be(c.Exit, result.ToString());
        result.Stdout.Should().BeEmpty("dsc reads stdout only on success");
        var message = JObject.Parse(SingleCleanLine(result));
        message.Properties().Should().ContainSingle(result.ToString()).Which.Name.Should().Be("error");
        message.Value<string>("error").Should().Contain($"{displayName}:{c.At}").And.Contain(c.Message);
    }

    private static void ExpectRecordedHostError(CorpusCase c, string path, SafetyResult result)
    {
        result.ExitCode.Should().Be(c.ConfigExit, result.ToString());
        result.Stderr.Should().NotContain("   at ");
        result.StderrLines.Should().HaveCountLessThanOrEqualTo(1, result.ToString());
        // An unreadable snapshot is named on stderr; a readable one with a bad recorded value fails its instance in the result.
        (result.Stderr + result.Stdout).Should().Contain($"{path}:{c.At}").And.Contain(c.Message);
    }

    private static string SingleCleanLine(SafetyResult result)
    {
        result.StderrLines.Should().ContainSingle(result.ToString());
        var line = result.StderrLines[0];
        line.Should().NotContain("   at ", "no stack trace");
        line.Where(char.IsControl).Should().BeEmpty("no raw control character reaches the terminal");
        return line;
    }
}
