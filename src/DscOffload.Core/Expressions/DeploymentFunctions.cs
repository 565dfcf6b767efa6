using System.Globalization;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// Functions about the document and the run: parameters, variables, reference, copyIndex, resourceId, envvar,
/// context, utcNow, systemRoot, tryWhich, secret, stdout, stateChanged, restartRequired. What only a run knows
/// comes from <see cref="IExpressionHost"/>.
/// </summary>
internal static class DeploymentFunctions
{
    public static JToken Invoke(FunctionCall call)
    {
        var host = call.Host;
        switch (call.Name)
        {
            case "parameters":
                return ExpressionEvaluator.Parameter(call.Text(0), call.Scope, call.At);
            case "variables":
                return call.Evaluator.Variable(call.Text(0), call.At);
            case "reference":
                return Reference(call);
            case "copyIndex":
                return new JValue(CopyIndex(call));
            case "resourceId":
                return new JValue(ResourceId(call));
            case "envvar":
                return new JValue(host.EnvironmentVariable(call.Text(0)) ?? throw call.Fail($"environment variable '{call.Text(0)}' is not set"));
            case "context":
                return host.Context();
            case "utcNow":
                return new JValue(UtcNow(call));
            case "systemRoot":
                return new JValue(host.SystemRoot);
            case "tryWhich":
                return host.FindExecutable(call.Text(0)) is { } path ? new JValue(path) : JValue.CreateNull();
            case "secret":
                throw call.Fail("needs a dsc secret extension, which dscoffload does not have; pass the value as a secureString parameter instead");
            case "stdout":
                return new JValue(host.Stdout ?? throw call.Fail("no resource output is available here; stdout() is for a resource's output in dsc's extension contexts"));
            case "stateChanged":
                return new JValue(host.StateChanged(call.Text(0)) ?? throw call.Fail($"no state-change information for '{call.Text(0)}': it has not run yet in this configuration"));
            default:
                return new JValue(RestartRequired(call));
        }
    }

    /// <summary>dsc's resource id: the type, a colon and the URL-encoded instance name.</summary>
    public static string ResourceIdOf(string type, string name) => string.Concat(type, ":", Uri.EscapeDataString(name));

    private static string ResourceId(FunctionCall call)
    {
        var type = call.Text(0);
        return type.Count(c => c == '/') != 1
            ? throw call.Fail($"the type '{type}' must be of the form Owner[.Group]/Name (exactly one '/')")
            : ResourceIdOf(type, call.Text(1));
    }

    private static JToken Reference(FunctionCall call)
    {
        if (call.Scope.UserFunctionName is { } function)
        {
            throw call.Fail($"reference() cannot be used in a user function ('{function}')");
        }

        var id = call.Text(0);
        return call.Host.Reference(id)?.DeepClone()
            ?? throw call.Fail($"no result for '{id}': reference() reads an instance that has already run; list it in 'dependsOn' (two instances cannot reference each other)");
    }

    private static long CopyIndex(FunctionCall call)
    {
        if (call.Scope.Copy is not { } copy)
        {
            throw call.Fail("copyIndex() can only be used inside a 'copy' loop (an instance's name or properties)");
        }

        long offset = 0;
        if (call.Args.Length >= 1 && call.Args[0].Type == JTokenType.String)
        {
            var loop = call.Text(0);
            if (loop != copy.LoopName)
            {
                throw call.Fail($"there is no copy loop named '{loop}' here; the current loop is '{copy.LoopName}'");
            }

            offset = call.Args.Length == 2 ? call.Integer(1) : 0;
        }
        else if (call.Args.Length >= 1)
        {
            offset = call.Integer(0);
            if (offset < 0)
            {
                throw call.Fail($"the offset must not be negative; got {offset}");
            }

            if (call.Args.Length == 2)
            {
                throw call.Fail("with two arguments the first must be a loop name");
            }
        }

        return offset > long.MaxValue - copy.Index
            ? throw call.Fail($"index {copy.Index} + offset {offset} does not fit in a 64-bit integer (integer overflow)")
            : copy.Index + offset;
    }

    private static string UtcNow(FunctionCall call)
    {
        if (!call.Scope.IsParameterDefault)
        {
            throw call.Fail("utcNow() can only be used in a parameter's defaultValue");
        }

        var now = call.Host.UtcNow.ToUniversalTime();
        if (call.Args.Length == 0)
        {
            return now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        }

        try
        {
            return now.ToString(call.Text(0), CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw call.Fail($"'{call.Text(0)}' is not a valid date format");
        }
    }

    private static bool RestartRequired(FunctionCall call)
    {
        var kind = call.Text(0);
        var name = call.Args.Length > 1 ? call.Text(1) : null;
        switch (kind)
        {
            case "system" when name is not null:
                throw call.Fail("a 'system' restart takes no name");
            case "service" or "process" when name is null:
                throw call.Fail($"a '{kind}' restart needs a name as argument 2");
            case "system" or "service" or "process":
                return call.Host.RestartRequired(kind, name) ?? false;
            default:
                throw call.Fail($"unknown restart kind '{kind}'; use system, service or process");
        }
    }
}
