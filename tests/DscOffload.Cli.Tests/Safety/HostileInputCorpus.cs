using System.Text;
using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Safety;

/// <summary>
/// The hostile-input corpus under tests/corpus: the cases of expectations.json, and the generated ones (too large
/// for git) written from their recipe.
/// </summary>
public static class HostileInputCorpus
{
    private const string Schema = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\n";
    private const int MiB = 1024 * 1024;

    public static string Root => RepositoryPaths.InRepo("tests", "corpus");

    public static IReadOnlyList<CorpusCase> All { get; } = Load();

    public static CorpusCase Find(string file) => All.Single(c => c.File == file);

    /// <summary>The path to give the program: the checked-in file, or a freshly generated one.</summary>
    public static string PathOf(CorpusCase c, string scratch)
    {
        if (c.Recipe is null)
        {
            return Path.Combine("tests", "corpus", c.File);
        }

        var path = Path.Combine(scratch, c.File.Replace('/', '-'));
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(Generate(c)));
        return path;
    }

    private static IReadOnlyList<CorpusCase> Load()
    {
        var manifest = JObject.Parse(File.ReadAllText(Path.Combine(Root, "expectations.json")));
        return [.. manifest["cases"]!.Concat(manifest["generated"]!).Cast<JObject>().Select(CorpusCase.From)];
    }

    private static string Generate(CorpusCase c)
    {
        var json = c.File.EndsWith(".json", StringComparison.Ordinal);
        return c.Recipe switch
        {
            "oversized" when json => "{\"resources\": []" + new string(' ', (8 * MiB) + 1) + "}",
            "oversized" => Schema + string.Concat(Enumerable.Repeat("# " + new string('x', 1021) + "\n", (8 * 1024) + 1)) + "resources: []\n",
            "long-string" => Schema + "resources:\n- name: nic\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: \"" + new string('a', MiB + 1) + "\"\n",
            "long-key" => "{\"" + new string('k', MiB + 1) + "\": 1}",
            "many-nodes" when json => "{\"name\": \"v0\", \"excludeName\": [" + string.Join(",", Enumerable.Repeat("0", 1_000_002)) + "]}",
            "many-nodes" => Schema + "metadata:\n  x: [" + string.Join(",", Enumerable.Repeat("0", 1_000_002)) + "]\nresources: []\n",
            "many-resources" when json => "{\"resources\": [" + string.Join(",", Enumerable.Range(0, 10_001).Select(i => $"{{\"type\": \"DscOffload.Linux/NetAdapterOffload\", \"name\": \"r{i}\", \"properties\": {{\"name\": \"r{i}\"}}}}")) + "]}",
            "many-resources" => Schema + "resources:\n" + string.Concat(Enumerable.Range(0, 10_001).Select(i => $"- {{name: r{i}, type: DscOffload.Linux/NetAdapterOffload, properties: {{name: v0}}}}\n")),
            _ => throw new InvalidOperationException($"unknown recipe '{c.Recipe}' in {c.File}"),
        };
    }
}
