using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

/// <summary>Builds small envelopes in the engine's shape for tests that need unusual names, values or sizes.</summary>
internal static class SyntheticEnvelopes
{
    public static JObject Host(string host, string? document, params JObject[] results)
    {
        var hadErrors = false;
        foreach (var result in results)
        {
            hadErrors |= result["error"] is not null;
        }

        var ours = new JObject { ["host"] = host, ["target"] = "recorded", ["snapshot"] = $"snapshots/{host}.dsc.json" };
        if (document is not null)
        {
            ours["document"] = document;
        }

        return new JObject
        {
            ["metadata"] = new JObject
            {
                ["Microsoft.DSC"] = new JObject { ["version"] = "0.1.0", ["operation"] = "test", ["executionType"] = "actual", ["duration"] = "PT0.001S" },
                ["DscOffload"] = ours,
            },
            ["results"] = new JArray(results),
            ["messages"] = new JArray(),
            ["hadErrors"] = hadErrors,
        };
    }

    /// <summary>A drifted test result; every property in <paramref name="desired"/> that differs from <paramref name="actual"/> is listed.</summary>
    public static JObject Drift(string instance, string type, JObject desired, JObject actual)
    {
        var differing = new JArray();
        foreach (var property in desired.Properties())
        {
            if (!JToken.DeepEquals(property.Value, actual[property.Name]))
            {
                differing.Add(property.Name);
            }
        }

        return new JObject
        {
            ["name"] = instance,
            ["type"] = type,
            ["result"] = new JObject
            {
                ["desiredState"] = desired,
                ["actualState"] = actual,
                ["inDesiredState"] = differing.Count == 0,
                ["differingProperties"] = differing,
            },
        };
    }

    public static JObject Failure(string instance, string type, string error) =>
        new() { ["name"] = instance, ["type"] = type, ["error"] = error };

    /// <summary>Marks where a token is written, as the engine does for parsed documents.</summary>
    public static T Located<T>(this T token, string file, int line, int column = 1) where T : JToken =>
        token.At(new SourceLocation(file, line, column));
}
