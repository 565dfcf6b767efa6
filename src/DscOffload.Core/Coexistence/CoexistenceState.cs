using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// Converts between a <see cref="CoexistenceReport"/> and the OffloadCoexistence property shape. The
/// meaning of each condition is written from the table at the time of writing, and only the evidence
/// (id, detectedBy, details, interfaces) is read back, so a recorded snapshot always shows the current
/// table's wording.
/// </summary>
internal static class CoexistenceState
{
    /// <summary>The full state of a host.</summary>
    public static JObject ToJson(PlatformCoexistenceTable table, CoexistenceReport report)
    {
        var state = new JObject();
        foreach (var row in table.Rows)
        {
            state[row.Id] = report.Has(row.Id) is { } present ? new JValue(present) : JValue.CreateNull();
        }

        state[CoexistenceDescriptor.CompatibleWith] = new JArray(CompatibleOffloads(table, report));
        var conditions = new JArray();
        foreach (var row in table.Rows)
        {
            if (report.Find(row.Id) is { } found)
            {
                conditions.Add(ConditionJson(row, found));
            }
        }

        state[CoexistenceDescriptor.Conditions] = conditions;
        state[CoexistenceDescriptor.Notes] = new JArray(table.Rows
            .Where(r => report.Undetermined.ContainsKey(r.Id))
            .Select(r => $"{r.Id}: not determined: {report.Undetermined[r.Id]}"));
        return state;
    }

    /// <summary>
    /// <c>FromJson(table, ToJson(table, report))</c> without the JSON: the conditions of the table's rows in its order,
    /// each with its evidence, and the undetermined ones with their reasons. A host's advice reads this for every host
    /// of a fleet.
    /// </summary>
    public static CoexistenceReport RoundTrip(PlatformCoexistenceTable table, CoexistenceReport report)
    {
        var copy = new CoexistenceReport();
        foreach (var row in table.Rows)
        {
            if (report.Find(row.Id) is { } found)
            {
                copy.Add(row.Id, found.DetectedBy, found.Details, found.Interfaces.Count > 0 ? found.Interfaces : null);
            }
        }

        foreach (var row in table.Rows)
        {
            if (report.Has(row.Id) is null)
            {
                copy.MarkUndetermined(row.Id, report.Undetermined[row.Id]);
            }
        }

        return copy;
    }

    /// <summary>
    /// The offloads that no detected or undetermined condition rules out (verdict No). An undetermined
    /// condition counts, because it cannot be shown to be absent.
    /// </summary>
    public static IEnumerable<string> CompatibleOffloads(PlatformCoexistenceTable table, CoexistenceReport report) =>
        table.Offloads.Select(o => o.Name).Where(name => !RulingOut(table, report, name).Any());

    /// <summary>The rows, detected or undetermined, whose verdict for <paramref name="offload"/> is No.</summary>
    public static IEnumerable<CoexistenceRow> RulingOut(PlatformCoexistenceTable table, CoexistenceReport report, string offload) =>
        table.Rows.Where(r => report.Has(r.Id) != false
            && r.Effects.TryGetValue(offload, out var effect) && effect.Verdict == CoexistenceVerdict.No);

    /// <summary>
    /// Reads the evidence back from a state (an exported instance or a get result). Unknown condition
    /// ids are an error naming them, because a snapshot from another table version must not be misread.
    /// </summary>
    public static CoexistenceReport FromJson(PlatformCoexistenceTable table, JObject state, string? file = null) =>
        FromRecorded(table, RecordedObject.FromToken(state, file), file);

    /// <summary>As <see cref="FromJson"/>, from a recorded instance's values (a fleet's snapshot is read into these).</summary>
    public static CoexistenceReport FromRecorded(PlatformCoexistenceTable table, RecordedObject state, string? file = null)
    {
        var report = new CoexistenceReport();
        if (state.TryGet(CoexistenceDescriptor.Conditions, out var conditions) && conditions.Kind == RecordedValueKind.Array)
        {
            foreach (var item in conditions.Items)
            {
                if (item.Kind != RecordedValueKind.Object || item.Object.StringOf("id") is not { } id)
                {
                    throw new DscOffloadException(ErrorKind.InvalidInput, $"each recorded {CoexistenceDescriptor.Conditions} item needs a string 'id'", item.Location);
                }

                var c = item.Object;
                if (table.Row(id) is null)
                {
                    throw new DscOffloadException(ErrorKind.InvalidInput,
                        $"recorded condition '{id}' is not in the {table.Platform} coexistence table; known: {string.Join(", ", table.Rows.Select(r => r.Id))}", item.Location);
                }

                report.Add(id, c.StringOf("detectedBy") ?? "recorded state", Strings(c, "details"), Strings(c, "interfaces"));
            }
        }

        var notes = Strings(state, CoexistenceDescriptor.Notes);
        foreach (var row in table.Rows)
        {
            if (!state.TryGet(row.Id, out var value))
            {
                continue;
            }

            switch (value.Kind)
            {
                case RecordedValueKind.Boolean when value.Boolean && report.Find(row.Id) is null:
                    report.Add(row.Id, "recorded state", []);
                    break;
                case RecordedValueKind.Null:
                    var note = notes.FirstOrDefault(n => n.StartsWith(row.Id + ": not determined: ", StringComparison.Ordinal));
                    report.MarkUndetermined(row.Id, note is null ? "not determined when the state was recorded" : note[(row.Id.Length + ": not determined: ".Length)..]);
                    break;
            }
        }

        return report;
    }

    private static JObject ConditionJson(CoexistenceRow row, DetectedCondition found)
    {
        var effects = new JObject();
        foreach (var (offload, effect) in row.Effects)
        {
            effects[offload] = effect.Verdict.ToString();
        }

        var json = new JObject
        {
            ["id"] = row.Id,
            ["condition"] = row.Condition,
            ["detectedBy"] = found.DetectedBy,
            ["details"] = new JArray(found.Details),
        };
        if (found.Interfaces.Count > 0)
        {
            json["interfaces"] = new JArray(found.Interfaces);
        }

        json["effects"] = effects;
        json["meaning"] = row.Explanation;
        json["source"] = row.Source;
        return json;
    }

    // A loop, not LINQ: a fleet's advice reads every host's recorded conditions.
    private static List<string> Strings(RecordedObject o, string name)
    {
        var strings = new List<string>();
        if (o.TryGet(name, out var value) && value.Kind == RecordedValueKind.Array)
        {
            foreach (var item in value.Items)
            {
                if (item.IsString)
                {
                    strings.Add(item.String);
                }
            }
        }

        return strings;
    }
}
