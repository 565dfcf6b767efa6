using DscOffload.Cli.Tests.Process;
using Json.Schema;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>
/// Drives one type's published binary the way dsc's command_resource.rs does, from the type's manifest entry:
/// the argument list and stdin of each operation, the security context check, schema validation of the input
/// and of every state the program prints, parsing by the method's <c>return</c> kind, test before set, the
/// synthetic test and what-if, and exit codes read through the manifest's <c>exitCodes</c>. Every program run
/// is kept in <see cref="Invocations"/>, and what the project promises beyond what dsc tolerates (every stderr
/// line a trace line dsc reads, a non-zero exit that says why, only declared exit codes) is collected in
/// <see cref="Violations"/>.
/// </summary>
public sealed class DscCommandResource
{
    private readonly Func<IReadOnlyList<string>, string?, IDictionary<string, string?>, ProcessResult> _run;
    private readonly JsonSchema _schema;
    private readonly List<DscInvocation> _invocations = [];
    private readonly List<string> _violations = [];

    /// <param name="entry">The type's manifest entry.</param>
    /// <param name="run">Runs the binary with arguments, stdin (null: none) and extra environment.</param>
    /// <param name="elevated">Whether the dsc process runs elevated (its security context check).</param>
    public DscCommandResource(DscManifestEntry entry, Func<IReadOnlyList<string>, string?, IDictionary<string, string?>, ProcessResult> run, bool elevated)
    {
        Entry = entry;
        _run = run;
        Elevated = elevated;
        _schema = entry.Schema;
    }

    /// <summary>The manifest entry.</summary>
    public DscManifestEntry Entry { get; }

    /// <summary>Whether dsc is taken to run elevated.</summary>
    public bool Elevated { get; }

    /// <summary>Every program run so far, in order.</summary>
    public IReadOnlyList<DscInvocation> Invocations => _invocations;

    /// <summary>The operations of the program runs so far, in order (as the manifest names them).</summary>
    public IReadOnlyList<string> Operations => [.. _invocations.Select(i => i.Operation)];

    /// <summary>Breaches of the project's protocol promises seen so far.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>dsc's invoke_get: the actual state for <paramref name="filter"/> (empty: no input, as <c>dsc resource get</c> without one).</summary>
    public JToken Get(string filter)
    {
        var get = Method("get");
        CheckSecurityContext(get, "get");
        if (filter.Length > 0)
        {
            Verify(filter, "input");
        }

        var invocation = Invoke("get", get, filter);
        Verify(invocation.Result.Stdout, "get output", invocation);
        return ParseWhole(invocation);
    }

    /// <summary>dsc's invoke_test (or its synthetic test when the manifest has no test).</summary>
    public DscTestResult Test(string expected)
    {
        if (Entry.Method("test") is not { } test)
        {
            var actual = Get(expected);
            var diff = Diff(JToken.Parse(expected), actual);
            return new DscTestResult(JToken.Parse(expected), actual, diff.Count == 0, diff);
        }

        Verify(expected, "input");
        CheckSecurityContext(test, "test");
        var invocation = Invoke("test", test, expected);
        var expectedValue = JToken.Parse(expected);
        switch (test.Return)
        {
            case "state":
            {
                Verify(invocation.Result.Stdout, "test output", invocation);
                var actual = ParseWhole(invocation);
                var diff = Diff(expectedValue, actual);
                return new DscTestResult(expectedValue, actual, InDesiredState(actual, invocation) ?? diff.Count == 0, diff);
            }

            case "stateAndDiff":
            {
                var (actual, diff) = StateAndDiff(invocation, "test");
                return new DscTestResult(expectedValue, actual, InDesiredState(actual, invocation) ?? diff.Count == 0, diff);
            }

            default:
            {
                var actual = Get(expected);
                var diff = Diff(expectedValue, actual);
                return new DscTestResult(expectedValue, actual, diff.Count == 0, diff);
            }
        }
    }

    /// <summary>dsc's invoke_set for a real set or a what-if: test first (unless the set implements its own), get, then set.</summary>
    public DscSetResult Set(string desired, bool whatIf)
    {
        var set = Entry.Method("set");
        var syntheticWhatIf = false;
        if (whatIf && set is not null && !set.HasWhatIfArg)
        {
            set = Entry.Method("whatIf");
            syntheticWhatIf = set is null;
            set ??= Entry.Method("set");
        }

        if (set is null)
        {
            throw new DscCommandException("Not implemented: set");
        }

        CheckSecurityContext(set, "set");
        Verify(desired, "input");
        if (!set.ImplementsPretest)
        {
            var test = Test(desired);
            if (syntheticWhatIf)
            {
                return new DscSetResult(test.DesiredState, test.ActualState, test.DifferingProperties);
            }

            if (test.InDesiredState && !whatIf)
            {
                // dsc reports the desired state as before and nothing changed, without running set.
                return new DscSetResult(JToken.Parse(desired), test.ActualState, null);
            }
        }

        if (syntheticWhatIf)
        {
            throw new DscCommandException("Not implemented: synthetic what-if of a resource that implements its own test");
        }

        var get = Method("get");
        CheckSecurityContext(get, "get");
        var before = Invoke("get", get, desired);
        Verify(before.Result.Stdout, "get output", before);
        var beforeState = ParseWhole(before);

        var invocation = Invoke("set", set, desired, whatIf);
        switch (set.Return)
        {
            case "state":
            {
                Verify(invocation.Result.Stdout, "set output", invocation);
                var after = ParseWhole(invocation);
                return new DscSetResult(beforeState, after, Diff(after, beforeState));
            }

            case "stateAndDiff":
            {
                var (after, changed) = StateAndDiff(invocation, "set");
                return new DscSetResult(beforeState, after, changed);
            }

            default:
            {
                var after = Get(desired);
                return new DscSetResult(beforeState, after, Diff(after, beforeState));
            }
        }
    }

    /// <summary>dsc's invoke_export: one instance a stdout line, each valid against the schema (null input: none).</summary>
    public IReadOnlyList<JToken> Export(string? input)
    {
        if (Entry.Method("export") is not { } export)
        {
            return [Get(input ?? "")];
        }

        CheckSecurityContext(export, "export");
        if (!string.IsNullOrEmpty(input))
        {
            Verify(input, "export input");
        }

        var invocation = Invoke("export", export, input ?? "");
        var instances = new List<JToken>();
        var lines = invocation.Result.Stdout.Split('\n');
        foreach (var line in lines[^1].Length == 0 ? lines[..^1] : lines)
        {
            instances.Add(ParseLine(line, invocation));
            Verify(line, "export output", invocation);
        }

        return instances;
    }

    /// <summary>Validates <paramref name="json"/> against the type's schema as dsc's verify_json_from_manifest does.</summary>
    public void Verify(string json, string what, DscInvocation? invocation = null)
    {
        JToken value;
        try
        {
            value = JToken.Parse(json);
        }
        catch (Newtonsoft.Json.JsonReaderException e)
        {
            throw new DscCommandException($"JSON: {what} is not one JSON value: {e.Message}", invocation);
        }

        var result = _schema.Evaluate(System.Text.Json.Nodes.JsonNode.Parse(value.ToString(Newtonsoft.Json.Formatting.None)),
            new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
            throw new DscCommandException($"Schema: {what} does not match the schema of {Entry.Type}: {string.Join("; ", errors)}", invocation);
        }
    }

    private DscManifestMethod Method(string operation) =>
        Entry.Method(operation) ?? throw new DscCommandException($"Not implemented: {operation}");

    private void CheckSecurityContext(DscManifestMethod method, string operation)
    {
        if ((method.RequireSecurityContext == "elevated" && !Elevated) || (method.RequireSecurityContext == "restricted" && Elevated))
        {
            throw new DscCommandException($"Security context: {operation} of {Entry.Type} requires {method.RequireSecurityContext}");
        }
    }

    private DscInvocation Invoke(string operation, DscManifestMethod method, string input, bool whatIf = false)
    {
        var args = method.BuildArgs(input, whatIf);
        var env = new Dictionary<string, string?>();
        string? stdin = null;
        if (method.Input == "stdin" && input.Length > 0)
        {
            stdin = input;
        }
        else if (method.Input == "env" && input.Length > 0)
        {
            foreach (var p in JObject.Parse(input).Properties())
            {
                env[p.Name] = p.Value.Type == JTokenType.Array ? string.Join(',', p.Value.Values<string>()) : p.Value.ToString();
            }
        }

        var invocation = new DscInvocation(operation, args, stdin, _run(args, stdin, env));
        _invocations.Add(invocation);
        CheckPromises(invocation);
        var code = invocation.Result.ExitCode;
        if (code != 0)
        {
            var declared = Entry.ExitCodes.TryGetValue(code, out var description) ? description : "(not declared)";
            throw new DscCommandException($"Command: Resource '{method.Executable}' [exit code {code}] manifest description: {declared}", invocation);
        }

        return invocation;
    }

    private void CheckPromises(DscInvocation invocation)
    {
        foreach (var line in invocation.UnreadStderr)
        {
            _violations.Add($"{invocation.Operation}: stderr line dsc cannot read as a trace line (shown only at trace level): {line}");
        }

        var code = invocation.Result.ExitCode;
        if (code != 0 && !Entry.ExitCodes.ContainsKey(code))
        {
            _violations.Add($"{invocation.Operation}: exit code {code} is not declared in the manifest's exitCodes");
        }

        if (code != 0 && !invocation.Traces.Any(t => t.Level == "error" && t.Message.Length > 0))
        {
            _violations.Add($"{invocation.Operation}: exit code {code} without an error trace line saying why");
        }

        if (invocation.Result.StdoutBytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            _violations.Add($"{invocation.Operation}: stdout starts with a byte order mark");
        }

        // dsc reads test, set and export output line by line: each line must be one whole JSON value.
        var lines = invocation.Result.Stdout.Split('\n');
        if (lines[^1].Length != 0)
        {
            _violations.Add($"{invocation.Operation}: stdout does not end with a newline");
        }

        foreach (var line in lines[..^1])
        {
            if (!IsCompactJson(line))
            {
                _violations.Add($"{invocation.Operation}: stdout line is not one compact JSON value: {line}");
            }
        }
    }

    private static bool IsCompactJson(string line)
    {
        try
        {
            return JToken.Parse(line).ToString(Newtonsoft.Json.Formatting.None) == line;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return false;
        }
    }

    private static JToken ParseWhole(DscInvocation invocation)
    {
        try
        {
            return JToken.Parse(invocation.Result.Stdout);
        }
        catch (Newtonsoft.Json.JsonReaderException e)
        {
            throw new DscCommandException($"Operation: failed to parse JSON from 'dscoffload': {e.Message}", invocation);
        }
    }

    private static JToken ParseLine(string line, DscInvocation invocation)
    {
        try
        {
            return JToken.Parse(line);
        }
        catch (Newtonsoft.Json.JsonReaderException e)
        {
            throw new DscCommandException($"Operation: failed to parse JSON line from 'dscoffload': {e.Message}", invocation);
        }
    }

    private (JToken State, IReadOnlyList<string> Properties) StateAndDiff(DscInvocation invocation, string operation)
    {
        var lines = invocation.Result.Stdout.Split('\n');
        if (lines.Length < 1 || lines[0].Length == 0)
        {
            throw new DscCommandException($"Command: {operation} printed no actual state", invocation);
        }

        Verify(lines[0], $"{operation} output", invocation);
        var state = ParseLine(lines[0], invocation);
        if (lines.Length < 2 || lines[1].Length == 0)
        {
            throw new DscCommandException($"Command: {operation} printed no list of differing properties", invocation);
        }

        if (ParseLine(lines[1], invocation) is not JArray names || names.Any(n => n.Type != JTokenType.String))
        {
            throw new DscCommandException($"JSON: the second line of {operation} is not an array of strings", invocation);
        }

        return (state, [.. names.Values<string>().Select(n => n!)]);
    }

    private static bool? InDesiredState(JToken actual, DscInvocation invocation) => actual["_inDesiredState"] switch
    {
        null => null,
        { Type: JTokenType.Boolean } b => b.Value<bool>(),
        _ => throw new DscCommandException("Operation: _inDesiredState is not a boolean", invocation),
    };

    /// <summary>dsc's get_diff, at the top level: the expected properties (not `_` ones) whose values differ.</summary>
    private static List<string> Diff(JToken expected, JToken actual) =>
        expected is JObject e
            ? [.. e.Properties().Where(p => !p.Name.StartsWith('_') && !JToken.DeepEquals(p.Value, actual[p.Name])).Select(p => p.Name)]
            : [];
}
