using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Safety;

/// <summary>One entry of tests/corpus/expectations.json.</summary>
public sealed record CorpusCase(string File, string Kind, int Exit, int? ConfigExit, string At, string Message, string? Recipe)
{
    public static CorpusCase From(JObject entry)
    {
        var file = entry.Value<string>("file")!;
        return new CorpusCase(
            file,
            file[..file.IndexOf('/', StringComparison.Ordinal)],
            entry.Value<int>("exit"),
            entry.Value<int?>("configExit"),
            entry.Value<string>("at")!,
            entry.Value<string>("message")!,
            entry.Value<string>("recipe"));
    }
}
