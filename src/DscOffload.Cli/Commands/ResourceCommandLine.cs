using DscOffload.Core.Protocol;

namespace DscOffload.Cli.Commands;

/// <summary>
/// Recognises, without building the command-line parser, the argument lists dsc passes to a command resource
/// (<c>resource get|test|set|export|schema --type TYPE [--input JSON] [--what-if]</c>, as the manifests write them), so
/// that the call the whole product exists for does not pay for constructing every command of the program at each
/// start (docs/performance.md). Anything else, including other spellings the parser accepts (<c>--type=T</c>,
/// response files, repeated options, help), is declined and goes through the parser, which then runs the same
/// <see cref="ResourceCommand.Run"/>.
/// </summary>
internal static class ResourceCommandLine
{
    /// <summary>The call, or null when the arguments are not exactly such a list.</summary>
    public static ResourceCall? TryRead(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count < 4 || args[0] != "resource" || Operation(args[1]) is not { } operation)
        {
            return null;
        }

        string? type = null;
        string? input = null;
        var whatIf = false;
        for (var i = 2; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--type" or "-r" when type is null && i + 1 < args.Count && IsTypeName(args[i + 1]):
                    type = args[++i];
                    break;
                case "--input" or "-i" when input is null && operation != ResourceOperation.Schema && i + 1 < args.Count && IsJsonObject(args[i + 1]):
                    input = args[++i];
                    break;
                case "--what-if" or "-w" when !whatIf && operation == ResourceOperation.Set:
                    whatIf = true;
                    break;
                default:
                    return null;
            }
        }

        return type is null ? null : new ResourceCall(operation, type, input, whatIf);
    }

    private static ResourceOperation? Operation(string name) => name switch
    {
        "get" => ResourceOperation.Get,
        "test" => ResourceOperation.Test,
        "set" => ResourceOperation.Set,
        "export" => ResourceOperation.Export,
        "schema" => ResourceOperation.Schema,
        _ => null,
    };

    // Values that the parser could read as anything but a value (an option, a help alias such as /?, a response
    // file) are declined; type names always hold a '/' and dsc's input is a JSON object.
    private static bool IsTypeName(string value) =>
        value.Length > 1 && value.Contains('/', StringComparison.Ordinal) && value[0] is not ('-' or '/' or '@');

    private static bool IsJsonObject(string value) => value.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal);
}
