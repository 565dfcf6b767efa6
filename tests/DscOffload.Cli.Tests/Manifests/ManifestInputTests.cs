using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Manifests;

/// <summary>
/// Input is read one way: every operation of every type, invoked with exactly the arguments its manifest section
/// lists (as dsc builds them, with <c>--what-if</c> only for a what-if set) and the JSON on stdin as the section's
/// <c>input: stdin</c> says, reads that input, and answers as the same call with <c>--input</c> does.
/// Against recorded hosts, so every type runs here.
/// </summary>
public sealed class ManifestInputTests
{
    public static TheoryData<string, string, string, string> Cases()
    {
        var inputs = new Dictionary<string, (string Snapshot, string Input)>
        {
            ["DscOffload.Windows/GlobalOffload"] = ("examples/snapshots/windows/fast-02.dsc.json", """{"chimney":"Disabled"}"""),
            ["DscOffload.Windows/NetAdapterOffload"] = ("examples/snapshots/windows/fast-02.dsc.json", """{"name":"Ethernet*","lsoIPv4":false}"""),
            ["DscOffload.Linux/NetAdapterOffload"] = ("examples/snapshots/linux/web-02.dsc.json", """{"name":"eth*","features":{"gro":false}}"""),
            ["DscOffload.Windows/OffloadCoexistence"] = ("examples/snapshots/windows/fast-02.dsc.json", """{"ipsecPolicy":false}"""),
            ["DscOffload.Linux/OffloadCoexistence"] = ("examples/snapshots/linux/web-02.dsc.json", """{"xfrmPolicy":false}"""),
        };
        var data = new TheoryData<string, string, string, string>();
        foreach (var manifest in Manifests())
        {
            var type = manifest["type"]!.Value<string>()!;
            foreach (var operation in (string[])["get", "test", "set", "export"])
            {
                data.Add(type, operation, inputs[type].Snapshot, inputs[type].Input);
            }
        }

        return data;
    }

    private static IEnumerable<JObject> Manifests() =>
        JObject.Parse(File.ReadAllText(RepositoryPaths.InRepo("schemas", "dscoffload.dsc.manifests.json")))["resources"]!.Cast<JObject>();

    /// <summary>The argv dsc builds from a manifest section (<c>process_get_args</c> / <c>process_set_delete_args</c>), what-if for set.</summary>
    private static List<string> Arguments(JObject section, bool whatIf)
    {
        var args = new List<string>();
        foreach (var arg in section["args"]!)
        {
            if (arg.Type == JTokenType.String)
            {
                args.Add(arg.Value<string>()!);
            }
            else if (arg["whatIfArg"] is { } flag)
            {
                if (whatIf)
                {
                    args.Add(flag.Value<string>()!);
                }
            }
            else
            {
                throw new InvalidOperationException($"an args item this test does not know: {arg}");
            }
        }

        return args;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Operation_InvokedAsTheManifestSays_ReadsItsInputFromStdin(string type, string operation, string snapshot, string input)
    {
        var section = (JObject)Manifests().Single(m => m["type"]!.Value<string>() == type)[operation]!;
        var env = new Dictionary<string, string?> { ["DSCOFFLOAD_RESOURCE_STATE"] = RepositoryPaths.InRepo(snapshot) };
        section["input"]!.Value<string>().Should().Be("stdin");
        var args = Arguments(section, whatIf: operation == "set");
        // Export takes a filter: the adapter name pattern, or nothing for the coexistence types.
        var text = operation != "export" ? input
            : type.EndsWith("/NetAdapterOffload", StringComparison.Ordinal) ? new JObject { ["name"] = JObject.Parse(input)["name"] }.ToString(Newtonsoft.Json.Formatting.None)
            : "{}";

        var viaStdin = DscOffloadProcess.Run(args, stdin: text, env: env);
        var viaArgument = DscOffloadProcess.Run([.. args, "--input", text], env: env);

        viaStdin.ExitCode.Should().Be(0, viaStdin.ToString());
        ProtocolOutputShape.Assert(viaStdin, viaStdin.StdoutLines.Count).Should().NotBeEmpty();
        viaStdin.Stdout.Should().Be(viaArgument.Stdout, "the same input read from stdin or --input gives the same answer");
        if (operation == "test")
        {
            JObject.Parse(viaStdin.StdoutLines[0])["_inDesiredState"]!.Value<bool>().Should().BeFalse("the desired state on stdin differs from the recorded host");
            JArray.Parse(viaStdin.StdoutLines[1]).Should().NotBeEmpty();
        }
    }
}
