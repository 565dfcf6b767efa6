using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Protocol;

/// <summary>
/// Writes resource messages to stderr as one compact JSON object per line
/// (<c>{"info":"…"}</c>), which dsc re-emits at that level. Lines below the level in
/// <c>DSC_TRACE_LEVEL</c> (default <c>warn</c>, dsc's own default) are not written.
/// </summary>
internal sealed class StderrMessageWriter
{
    private readonly TextWriter _error;

    /// <summary>Creates the writer with the level taken from <paramref name="traceLevel"/> (the env var value).</summary>
    public StderrMessageWriter(TextWriter error, string? traceLevel)
    {
        _error = error;
        Level = Parse(traceLevel);
    }

    /// <summary>The most detailed level written.</summary>
    public MessageLevel Level { get; }

    /// <summary>Writes <paramref name="message"/> if its level passes the filter.</summary>
    public void Write(ResourceMessage message)
    {
        if (message.Level > Level)
        {
            return;
        }

        var key = message.Level switch
        {
            MessageLevel.Error => "error",
            MessageLevel.Warning => "warn",
            MessageLevel.Information => "info",
            MessageLevel.Debug => "debug",
            _ => "trace",
        };
        _error.WriteLine(JsonText.Compact(new JObject { [key] = message.Text }));
    }

    /// <summary>Maps dsc's level names (case-insensitive) to a level; unknown or empty means warn.</summary>
    public static MessageLevel Parse(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        "error" => MessageLevel.Error,
        "info" or "information" => MessageLevel.Information,
        "debug" => MessageLevel.Debug,
        "trace" => MessageLevel.Trace,
        _ => MessageLevel.Warning,
    };
}
