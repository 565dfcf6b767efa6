using DscOffload.Core.Coexistence;
using DscOffload.Core.Diagnostics;

namespace DscOffload.Reporting.Explanations;

/// <summary>
/// The text of <c>dscoffload explain NAME</c>: for an offload (<c>chimney</c>, <c>rss</c>,
/// <c>espoffload</c>…), the settings that turn it on and every row of the coexistence table that
/// concerns it, per platform, with the source, the 2008 R2 nuance and how the condition is detected;
/// for a condition id (<c>ipsecPolicy</c>), that row. Windows and Linux tables stay separate.
/// </summary>
public static class CoexistenceExplanation
{
    /// <summary>Every name explain accepts: offloads first, then condition ids.</summary>
    public static IReadOnlyList<string> Names =>
        [.. CoexistenceTable.OffloadNames, .. CoexistenceTable.Platforms.SelectMany(t => t.Rows).Select(r => r.Id)];

    /// <summary>Writes the explanation of <paramref name="name"/>.</summary>
    /// <exception cref="DscOffloadException">InvalidArguments listing the known names when <paramref name="name"/> is none of them.</exception>
    public static void Write(TextWriter output, string name)
    {
        var written = false;
        foreach (var table in CoexistenceTable.Platforms)
        {
            if (table.Offload(name) is { } offload)
            {
                WriteOffload(output, table, offload, separate: written);
                written = true;
            }
        }

        foreach (var table in CoexistenceTable.Platforms)
        {
            if (table.Rows.FirstOrDefault(r => string.Equals(r.Id, name, StringComparison.OrdinalIgnoreCase)) is { } row)
            {
                if (written)
                {
                    output.WriteLine();
                }

                output.WriteLine($"{row.Id}: {row.Condition} ({table.Platform})");
                WriteRow(output, table, row, offload: null);
                written = true;
            }
        }

        if (!written)
        {
            throw new DscOffloadException(ErrorKind.InvalidArguments,
                $"explain: '{name}' is not an offload or condition name; known: {string.Join(", ", Names)}");
        }
    }

    private static void WriteOffload(TextWriter output, PlatformCoexistenceTable table, OffloadTopic offload, bool separate)
    {
        if (separate)
        {
            output.WriteLine();
        }

        output.WriteLine($"{offload.Name}: {offload.Title} ({table.Platform})");
        output.WriteLine($"  {table.Title}.");
        output.WriteLine($"  Turned on by: {string.Join("; ", offload.Settings.Select(Setting))}");
        foreach (var s in offload.Settings.Where(s => s.NoEffectFromBuild is not null))
        {
            // What test and set do on those builds, so that explain says the same as the resource types.
            output.WriteLine($"  No effect from Windows build {s.NoEffectFromBuild}: {s.Path}: {s.NoEffect}; desired off is satisfied there, on is refused (exit 5).");
        }

        var rows = table.RowsAffecting(offload.Name).ToList();
        if (rows.Count == 0)
        {
            output.WriteLine(table.Platform == "Windows"
                ? $"  No row of the table restricts {offload.Name}: KB 951037's coexistence table is about TCP Chimney Offload. Run 'dscoffload explain chimney' for it."
                : $"  No row of the table restricts {offload.Name}.");
            return;
        }

        output.WriteLine();
        var conditionWidth = Math.Max("CONDITION".Length, rows.Max(r => r.Condition.Length));
        var verdictWidth = Math.Max(offload.Name.ToUpperInvariant().Length, rows.Max(r => Verdict(r, offload.Name).Length));
        output.WriteLine($"  {"CONDITION".PadRight(conditionWidth)}  {offload.Name.ToUpperInvariant().PadRight(verdictWidth)}  SOURCE");
        foreach (var row in rows)
        {
            output.WriteLine($"  {row.Condition.PadRight(conditionWidth)}  {Verdict(row, offload.Name).PadRight(verdictWidth)}  {row.Source}");
        }

        foreach (var row in rows)
        {
            output.WriteLine();
            output.WriteLine($"  {row.Id}: {row.Condition}");
            WriteRow(output, table, row, offload.Name);
        }
    }

    private static void WriteRow(TextWriter output, PlatformCoexistenceTable table, CoexistenceRow row, string? offload)
    {
        foreach (var (name, effect) in row.Effects.Where(e => offload is null || e.Key == offload))
        {
            var scope = effect.PerInterface ? " (on the interfaces concerned)" : "";
            output.WriteLine($"    {name}: {Words(effect.Verdict)}{scope}: {effect.Note} ({row.Source})");
        }

        if (row.Nuance is { } nuance && (offload is null || offload == "chimney"))
        {
            output.WriteLine($"    {nuance.Source} says {Words(nuance.Chimney)} for chimney: {nuance.Text}");
        }

        output.WriteLine($"    Why: {row.Explanation}");
        output.WriteLine($"    Detected by {table.ResourceType} from: {row.Detection}");
    }

    private static string Verdict(CoexistenceRow row, string offload)
    {
        var verdict = Words(row.Effects[offload].Verdict);
        return row.Nuance is { } n && offload == "chimney" && n.Chimney != row.Effects[offload].Verdict
            ? $"{verdict} (2008 R2: {Words(n.Chimney)})"
            : verdict;
    }

    private static string Words(CoexistenceVerdict verdict) => verdict switch
    {
        CoexistenceVerdict.ImplementationSpecific => "Implementation-specific",
        _ => verdict.ToString(),
    };

    private static string Setting(OffloadSetting s) =>
        $"{s.Type[(s.Type.IndexOf('/', StringComparison.Ordinal) + 1)..]} {s.Path} = {string.Join(" or ", s.On.Select(v => v.ToString(Newtonsoft.Json.Formatting.None).Trim('"')))}";
}
