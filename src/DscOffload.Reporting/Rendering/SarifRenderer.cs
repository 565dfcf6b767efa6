using System.Security.Cryptography;
using System.Text;
using DscOffload.Core.Diagnostics;
using DscOffload.Reporting.Drift;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// SARIF 2.1.0 for code scanning: tool <c>dscoffload</c>, one rule per resource type and property
/// (<see cref="DriftRuleId"/>), and one <c>error</c> result per host × drifted property (the adapters that differ
/// are listed in it), located at the document line that asks for the setting, with a partial fingerprint
/// hashed from host, instance and property only, so the same drift is the same alert from run to run.
/// Failed instances are tool execution notifications. Results stream as hosts arrive (JSON member order does
/// not matter, so the rules, known only at the end, follow the results); past
/// <see cref="DriftRenderOptions.MaxSarifResults"/> results are only counted, and a notification says how many.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The JSON writer only wraps the caller's TextWriter (CloseOutput is false); Complete flushes it and there is nothing else to release.")]
internal sealed class SarifRenderer : DriftRenderer
{
    /// <summary>The key of the partial fingerprint; versioned so a future change of inputs cannot collide.</summary>
    public const string FingerprintKey = "dscoffloadDrift/v1";

    private const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private const int MaxNotifications = 1000;
    private const int MaxAdaptersInMessage = 10;

    private readonly Dictionary<string, int> _ruleIndex = new(StringComparer.Ordinal);
    private readonly List<(string Id, string ResourceType, string Property)> _rules = [];
    private readonly List<(string Message, SourceLocation? Location, string RuleId)> _notifications = [];
    private readonly Dictionary<(string Instance, string Path), List<DriftItem>> _groups = [];
    private readonly List<List<DriftItem>> _groupOrder = [];
    private JsonTextWriter? _json;
    private int _results;
    private int _omittedResults;
    private int _omittedNotifications;

    /// <summary>Creates the renderer; the caller owns <paramref name="output"/>.</summary>
    public SarifRenderer(TextWriter output, DriftRenderOptions? options = null)
        : base(output, options)
    {
    }

    /// <summary>The stable fingerprint of a drifted property: SHA-256 over host, instance and property path.</summary>
    public static string Fingerprint(string host, string instance, string propertyPath)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(propertyPath);
        var bytes = Encoding.UTF8.GetBytes(string.Concat(host, "\0", instance, "\0", propertyPath));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <inheritdoc />
    protected override void OnBegin()
    {
        var json = _json = new JsonTextWriter(Output) { Formatting = Formatting.Indented, Indentation = 2, CloseOutput = false };
        json.WriteStartObject();
        WriteMember(json, "$schema", SchemaUri);
        WriteMember(json, "version", "2.1.0");
        json.WritePropertyName("runs");
        json.WriteStartArray();
        json.WriteStartObject();
        json.WritePropertyName("results");
        json.WriteStartArray();
    }

    /// <inheritdoc />
    protected override void OnHost(HostDriftReport host)
    {
        foreach (var instance in host.Instances)
        {
            if (instance.Status == InstanceStatus.Failed)
            {
                if (_notifications.Count < MaxNotifications)
                {
                    var message = string.Concat(DriftValueText.Label(host.Host), " · ", DriftValueText.Label(instance.Name), ": ", DriftValueText.Message(instance.Error ?? "failed"));
                    _notifications.Add((message, instance.Location, DriftRuleId.ForFailure(instance.ResourceType)));
                }
                else
                {
                    _omittedNotifications++;
                }
            }
        }

        if (host.DriftItemCount == 0)
        {
            return;
        }

        GroupByProperty(host);
        foreach (var group in _groupOrder)
        {
            if (_results >= Options.MaxSarifResults)
            {
                _omittedResults++;
                continue;
            }

            _results++;
            WriteResult(_json!, host, group);
        }

        _json!.Flush();
    }

    /// <inheritdoc />
    protected override void OnComplete()
    {
        var json = _json!;
        json.WriteEndArray();
        WriteTool(json);
        WriteInvocation(json);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        Output.WriteLine();
    }

    private void GroupByProperty(HostDriftReport host)
    {
        _groups.Clear();
        _groupOrder.Clear();
        foreach (var instance in host.Instances)
        {
            foreach (var item in instance.DriftItems)
            {
                var key = (item.Instance, item.PropertyPath);
                if (!_groups.TryGetValue(key, out var group))
                {
                    group = [];
                    _groups.Add(key, group);
                    _groupOrder.Add(group);
                }

                group.Add(item);
            }
        }
    }

    private void WriteResult(JsonTextWriter json, HostDriftReport host, List<DriftItem> group)
    {
        var first = group[0];
        var ruleId = DriftRuleId.ForProperty(first.ResourceType, first.PropertyPath);
        if (!_ruleIndex.TryGetValue(ruleId, out var ruleIndex))
        {
            ruleIndex = _rules.Count;
            _ruleIndex.Add(ruleId, ruleIndex);
            _rules.Add((ruleId, first.ResourceType, first.PropertyPath));
        }

        json.WriteStartObject();
        WriteMember(json, "ruleId", ruleId);
        WriteMember(json, "ruleIndex", ruleIndex);
        WriteMember(json, "level", "error");
        WriteTextObject(json, "message", ResultMessage(group));
        WriteLocations(json, first.Location);
        json.WritePropertyName("partialFingerprints");
        json.WriteStartObject();
        WriteMember(json, FingerprintKey, Fingerprint(host.Host, first.Instance, first.PropertyPath));
        json.WriteEndObject();

        json.WritePropertyName("properties");
        json.WriteStartObject();
        WriteMember(json, "host", host.Host);
        WriteMember(json, "instance", first.Instance);
        WriteMember(json, "resourceType", first.ResourceType);
        WriteMember(json, "property", first.PropertyPath);
        if (host.Run.IsWhatIf)
        {
            WriteMember(json, "whatIf", true);
        }

        WriteMember(json, "desired", first.Desired);
        if (first.Adapter is null)
        {
            WriteMember(json, "current", first.Current);
        }
        else
        {
            json.WritePropertyName("adapters");
            json.WriteStartArray();
            foreach (var item in group)
            {
                json.WriteStartObject();
                WriteMember(json, "name", item.Adapter);
                WriteMember(json, "current", item.Current);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string ResultMessage(List<DriftItem> group)
    {
        var first = group[0];
        var text = new StringBuilder(128);
        text.Append(DriftValueText.Label(first.Host)).Append(" · ").Append(DriftValueText.Label(first.Instance)).Append(" · ")
            .Append(DriftValueText.Label(first.PropertyPath)).Append(": ");
        if (first.Adapter is null)
        {
            return text.Append(DriftValueText.Format(first.Current)).Append(" → ").Append(DriftValueText.Format(first.Desired)).ToString();
        }

        var current = DriftValueText.Format(first.Current);
        var sameCurrent = true;
        foreach (var item in group)
        {
            sameCurrent &= string.Equals(DriftValueText.Format(item.Current), current, StringComparison.Ordinal);
        }

        if (sameCurrent)
        {
            text.Append(current);
        }

        text.Append(" → ").Append(DriftValueText.Format(first.Desired)).Append(group.Count == 1 ? " (adapter " : " (adapters ");
        for (var i = 0; i < group.Count && i < MaxAdaptersInMessage; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(DriftValueText.Label(group[i].Adapter!));
            if (!sameCurrent)
            {
                text.Append(": ").Append(DriftValueText.Format(group[i].Current));
            }
        }

        if (group.Count > MaxAdaptersInMessage)
        {
            text.Append(", …");
        }

        return text.Append(')').ToString();
    }

    private static void WriteLocations(JsonTextWriter json, SourceLocation? location)
    {
        if (location is not { } at)
        {
            return;
        }

        json.WritePropertyName("locations");
        json.WriteStartArray();
        json.WriteStartObject();
        json.WritePropertyName("physicalLocation");
        json.WriteStartObject();
        json.WritePropertyName("artifactLocation");
        json.WriteStartObject();
        WriteMember(json, "uri", SarifUri.FromPath(at.File));
        json.WriteEndObject();
        if (at.Line >= 1)
        {
            json.WritePropertyName("region");
            json.WriteStartObject();
            WriteMember(json, "startLine", at.Line);
            if (at.Column >= 1)
            {
                WriteMember(json, "startColumn", at.Column);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>Writes one <c>"name": value</c> member for a value from the documents or snapshots; missing is <c>null</c>.</summary>
    private static void WriteMember(JsonTextWriter json, string name, JToken? value)
    {
        json.WritePropertyName(name);
        if (value is null)
        {
            json.WriteNull();
        }
        else
        {
            value.WriteTo(json);
        }
    }

    private void WriteTool(JsonTextWriter json)
    {
        json.WritePropertyName("tool");
        json.WriteStartObject();
        json.WritePropertyName("driver");
        json.WriteStartObject();
        WriteMember(json, "name", "dscoffload");
        WriteMember(json, "version", Options.ToolVersion);
        json.WritePropertyName("rules");
        json.WriteStartArray();
        foreach (var (id, resourceType, property) in _rules)
        {
            json.WriteStartObject();
            WriteMember(json, "id", id);
            WriteTextObject(json, "shortDescription", string.Concat(resourceType, " ", property, " differs from the desired-state document"));
            WriteTextObject(json, "fullDescription", string.Concat("The host's ", property, " setting (resource type ", resourceType, ") is not the value the checked-in DSC document asks for."));
            WriteTextObject(json, "help", "Apply the document on the affected hosts (dscoffload config set --file DOCUMENT, or dsc config set), or change the document if the host's value is the one wanted.");
            json.WritePropertyName("defaultConfiguration");
            json.WriteStartObject();
            WriteMember(json, "level", "error");
            json.WriteEndObject();
            json.WritePropertyName("properties");
            json.WriteStartObject();
            json.WritePropertyName("tags");
            json.WriteStartArray();
            json.WriteValue("drift");
            json.WriteValue("configuration");
            json.WriteEndArray();
            WriteMember(json, "resourceType", resourceType);
            WriteMember(json, "property", property);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteInvocation(JsonTextWriter json)
    {
        json.WritePropertyName("invocations");
        json.WriteStartArray();
        json.WriteStartObject();
        WriteMember(json, "executionSuccessful", !Summary.HasErrors);
        json.WritePropertyName("toolExecutionNotifications");
        json.WriteStartArray();
        foreach (var (message, location, ruleId) in _notifications)
        {
            WriteNotification(json, "error", message, location, ruleId);
        }

        if (_omittedNotifications > 0)
        {
            WriteNotification(json, "warning", $"{_omittedNotifications} more failed instances were left out of this report", null, null);
        }

        if (_omittedResults > 0)
        {
            WriteNotification(json, "warning", $"{_omittedResults} more drift results were left out (at most {Options.MaxSarifResults} per run); see {Options.FullReportHint}", null, null);
        }

        json.WriteEndArray();
        json.WritePropertyName("properties");
        json.WriteStartObject();
        WriteMember(json, "summary", Summary.ToString());
        WriteMember(json, "hosts", Summary.Hosts);
        WriteMember(json, "hostsInDesiredState", Summary.HostsInDesiredState);
        WriteMember(json, "hostsDrifted", Summary.HostsDrifted);
        WriteMember(json, "hostsWithErrors", Summary.HostsWithErrors);
        WriteMember(json, "driftedProperties", Summary.DriftedProperties);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteNotification(JsonTextWriter json, string level, string message, SourceLocation? location, string? ruleId)
    {
        json.WriteStartObject();
        WriteMember(json, "level", level);
        WriteTextObject(json, "message", message);
        WriteLocations(json, location);
        if (ruleId is not null)
        {
            json.WritePropertyName("descriptor");
            json.WriteStartObject();
            WriteMember(json, "id", ruleId);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>Writes one <c>"name": value</c> member.</summary>
    private static void WriteMember(JsonTextWriter json, string name, string? value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    private static void WriteMember(JsonTextWriter json, string name, int value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    private static void WriteMember(JsonTextWriter json, string name, bool value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    /// <summary>Writes a SARIF message-like member, <c>"name": { "text": text }</c>.</summary>
    private static void WriteTextObject(JsonTextWriter json, string name, string text)
    {
        json.WritePropertyName(name);
        json.WriteStartObject();
        WriteMember(json, "text", text);
        json.WriteEndObject();
    }
}
