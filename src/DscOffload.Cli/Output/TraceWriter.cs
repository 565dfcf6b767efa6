using System.Globalization;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Output;

/// <summary>
/// Writes messages to stderr as dsc's trace lines: only those at or above the chosen level (dsc's default is
/// warnings and errors), as <c>TIMESTAMP LEVEL message</c> (<c>default</c>, <c>plaintext</c>) or as one JSON object
/// per line with <c>timestamp</c>, <c>level</c> and <c>fields.message</c> (<c>json</c>), so a script that reads dsc's
/// stderr reads these the same way.
/// </summary>
public sealed class TraceWriter
{
    /// <summary>dsc's trace level names, most severe first.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["error", "warn", "info", "debug", "trace"];

    /// <summary>dsc's trace format names.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["default", "plaintext", "json"];

    private readonly TextWriter _error;
    internal MessageLevel Threshold { get; }
    private readonly bool _json;

    /// <summary>A writer at <paramref name="level"/> (null: warn) in <paramref name="format"/> (null: default).</summary>
    public TraceWriter(TextWriter error, string? level, string? format)
    {
        _error = error;
        Threshold = (MessageLevel)Math.Max(0, Levels.ToList().IndexOf(level ?? "warn"));
        _json = format == "json";
    }

    /// <summary>Writes <paramref name="text"/> when <paramref name="level"/> is at or above the threshold.</summary>
    public void Write(MessageLevel level, string text)
    {
        if (level > Threshold)
        {
            return;
        }

        var timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var name = LevelName(level);
        _error.WriteLine(_json
            ? new JObject { ["timestamp"] = timestamp, ["level"] = name, ["fields"] = new JObject { ["message"] = text }, ["target"] = "dscoffload" }.ToString(Newtonsoft.Json.Formatting.None)
            : $"{timestamp} {name,5} {text}");
    }

    private static string LevelName(MessageLevel level) => level switch
    {
        MessageLevel.Error => "ERROR",
        MessageLevel.Warning => "WARN",
        MessageLevel.Information => "INFO",
        MessageLevel.Debug => "DEBUG",
        _ => "TRACE",
    };
}
