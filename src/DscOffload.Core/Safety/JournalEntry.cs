using System.Globalization;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Safety;

/// <summary>
/// One journal entry: a complete DSC configuration document whose instances restore the settings a change
/// was about to alter, to the values they had before it, plus the entry's facts in
/// <c>metadata.DscOffload.journal</c> (<c>id</c>, <c>createdAt</c>, <c>host</c>, <c>command</c>, <c>status</c>,
/// <c>updatedAt</c>, <c>detail</c>, <c>notes</c>). Because the file is an ordinary document, an operator can
/// also read it, validate it or apply it with <c>dscoffload config set</c> or <c>dsc config set</c>.
/// </summary>
public sealed class JournalEntry
{
    private JournalEntry(string path, JObject document, JObject facts)
    {
        Path = path;
        Document = document;
        Id = Text(facts, "id");
        CreatedAt = DateTimeOffset.TryParse(Text(facts, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var created)
            ? created
            : throw new DscOffloadException(ErrorKind.InvalidInput, "journal entry metadata has an unreadable 'createdAt'", facts["createdAt"].Location());
        Host = Text(facts, "host");
        Command = Text(facts, "command");
        Status = JournalStatusNames.Parse(Text(facts, "status"));
        Detail = facts["detail"]?.Type == JTokenType.String ? facts["detail"]!.Value<string>() : null;
        Notes = facts["notes"] is JArray notes ? notes.Where(n => n.Type == JTokenType.String).Select(n => n.Value<string>()!).ToList() : [];
        InstanceCount = document["resources"] is JArray resources ? resources.Count : 0;
        Files = document["metadata"]?["DscOffload"]?["files"] is JArray files ? [.. files.Select(JournaledFile.FromJson)] : [];
    }

    /// <summary>The entry's identifier: its UTC creation time and a random suffix, so that names sort by age.</summary>
    public string Id { get; }

    /// <summary>When the entry was written (before the change).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The host the entry belongs to.</summary>
    public string Host { get; }

    /// <summary>The command that made the change, e.g. <c>config set --file base.dsc.yaml</c>.</summary>
    public string Command { get; }

    /// <summary>The outcome of the change.</summary>
    public JournalStatus Status { get; }

    /// <summary>One line about the outcome (what failed, or which rollback restored it), if any.</summary>
    public string? Detail { get; }

    /// <summary>Things the restore document cannot do (for example instances that can match more than the adapter they saved).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The files the change was about to write, with their content before it; rollback puts them back.</summary>
    public IReadOnlyList<JournaledFile> Files { get; }

    /// <summary>How many instances the restore document has.</summary>
    public int InstanceCount { get; }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The whole document, metadata included.</summary>
    public JObject Document { get; }

    /// <summary>True for entries written by <c>dscoffload rollback</c> itself.</summary>
    public bool IsRollback => Command.StartsWith("rollback", StringComparison.Ordinal);

    /// <summary>Reads the entry facts of a parsed journal document.</summary>
    public static JournalEntry FromDocument(string path, JObject document) =>
        new(path, document, Facts(document) ?? throw new DscOffloadException(ErrorKind.InvalidInput,
            "not a dscoffload journal entry: metadata.DscOffload.journal is missing", new SourceLocation(path, 1, 1)));

    /// <summary>The <c>metadata.DscOffload.journal</c> object of <paramref name="document"/>, if it has one.</summary>
    public static JObject? Facts(JObject document) => document["metadata"]?["DscOffload"]?["journal"] as JObject;

    /// <summary>The summary shown by <c>rollback --list</c>.</summary>
    public JObject Summary() => new()
    {
        ["id"] = Id,
        ["createdAt"] = CreatedAt.ToString("o", CultureInfo.InvariantCulture),
        ["host"] = Host,
        ["command"] = Command,
        ["status"] = JournalStatusNames.Name(Status),
        ["detail"] = Detail,
        ["instances"] = InstanceCount,
        ["files"] = new JArray(Files.Select(f => f.Path)),
        ["notes"] = new JArray(Notes),
        ["file"] = Path,
    };

    private static string Text(JObject facts, string name) =>
        facts[name] is { Type: JTokenType.String } value
            ? value.Value<string>()!
            : throw new DscOffloadException(ErrorKind.InvalidInput, $"journal entry metadata has no string '{name}'", facts.Location());
}
