using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>
/// One stderr line of a resource as dsc's log_stderr_line reads it: a tracing JSON object (<c>timestamp</c>,
/// <c>level</c> ERROR…TRACE, <c>fields.message</c>), or an object whose first known key of <c>error</c>,
/// <c>warn</c>, <c>info</c>, <c>debug</c>, <c>trace</c> carries the message. Anything else dsc only shows at
/// trace level, so a user at the default level would never see it.
/// </summary>
public sealed record DscTraceLine(string Level, string Message)
{
    private static readonly string[] Keys = ["error", "warn", "info", "debug", "trace"];

    /// <summary>The line as dsc logs it, or null when dsc would hide it at its default level.</summary>
    public static DscTraceLine? Parse(string line)
    {
        JObject o;
        try
        {
            o = JObject.Parse(line);
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }

        if (o["timestamp"]?.Type == JTokenType.String && o.Value<string>("level") is { } level && Keys.Contains(level.ToLowerInvariant())
            && o["fields"]?["message"]?.Type == JTokenType.String)
        {
            return new DscTraceLine(level.ToLowerInvariant(), o["fields"]!["message"]!.Value<string>()!);
        }

        // dsc takes the first key it knows in this order, and an empty message when the value is not a string.
        foreach (var key in Keys)
        {
            if (o[key] is { } value)
            {
                return new DscTraceLine(key, value.Type == JTokenType.String ? value.Value<string>()! : "");
            }
        }

        return null;
    }
}
