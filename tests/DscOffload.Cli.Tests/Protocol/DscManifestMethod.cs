using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>
/// One operation of a command-resource manifest (<c>get</c>, <c>test</c>, <c>set</c>, <c>export</c>, …), and the
/// argument list dsc builds from it: strings as they are, <c>{"jsonInputArg": …}</c> followed by the input
/// JSON (skipped for an empty input unless <c>mandatory</c>), <c>{"whatIfArg": …}</c> only for a what-if
/// run, <c>{"resourceTypeArg": …}</c> followed by the type name (dsc's process_get_args and
/// process_set_delete_args).
/// </summary>
public sealed class DscManifestMethod
{
    private readonly JObject _method;
    private readonly string _type;

    /// <summary>Reads the method object of type <paramref name="type"/>.</summary>
    public DscManifestMethod(string type, JObject method)
    {
        _type = type;
        _method = method;
    }

    /// <summary>The program dsc starts (resolved next to the manifest; the tests run the published binary).</summary>
    public string Executable => _method.Value<string>("executable")!;

    /// <summary><c>stdin</c>, <c>env</c> or null (the input reaches the program by arguments only).</summary>
    public string? Input => _method.Value<string>("input");

    /// <summary><c>state</c>, <c>stateAndDiff</c> or null (dsc then calls get to learn the state).</summary>
    public string? Return => _method.Value<string>("return");

    /// <summary><c>elevated</c>, <c>restricted</c>, <c>current</c> or null.</summary>
    public string? RequireSecurityContext => _method.Value<string>("requireSecurityContext");

    /// <summary>True when the set method implements its own test (<c>implementsPretest</c>): dsc then skips its test call.</summary>
    public bool ImplementsPretest => _method.Value<bool?>("implementsPretest") == true;

    /// <summary>True when the arguments carry a <c>whatIfArg</c>: dsc asks the program itself for what-if.</summary>
    public bool HasWhatIfArg => Args.OfType<JObject>().Any(a => a.ContainsKey("whatIfArg"));

    private JArray Args => _method["args"] as JArray ?? [];

    /// <summary>The argument list dsc passes for <paramref name="input"/> (empty string: no input).</summary>
    public IReadOnlyList<string> BuildArgs(string input, bool whatIf = false)
    {
        var args = new List<string>();
        foreach (var arg in Args)
        {
            if (arg is JValue { Type: JTokenType.String } s)
            {
                args.Add(s.Value<string>()!);
                continue;
            }

            var o = (JObject)arg;
            if (o.Value<string>("jsonInputArg") is { } jsonArg)
            {
                if (input.Length == 0 && o.Value<bool?>("mandatory") != true)
                {
                    continue;
                }

                args.Add(jsonArg);
                args.Add(input);
            }
            else if (o.Value<string>("whatIfArg") is { } whatIfArg)
            {
                if (whatIf)
                {
                    args.Add(whatIfArg);
                }
            }
            else if (o.Value<string>("resourceTypeArg") is { } typeArg)
            {
                args.AddRange([typeArg, _type]);
            }
            else
            {
                throw new NotSupportedException($"argument kind the protocol check does not know: {o.ToString(Newtonsoft.Json.Formatting.None)}");
            }
        }

        return args;
    }
}
