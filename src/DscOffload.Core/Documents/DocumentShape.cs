using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Documents;

/// <summary>Shared checks and error wording for the document, parameters-file and resolver rules.</summary>
internal static class DocumentShape
{
    public static SourceLocation LocationOf(JToken? token, string file) => token.Location() ?? new SourceLocation(file, 1, 1);

    public static DscOffloadException Error(string message, JToken? at, string file) =>
        new(ErrorKind.InvalidInput, message, LocationOf(at, file));

    /// <summary>Rejects any key of <paramref name="obj"/> not in <paramref name="allowed"/>, naming them all.</summary>
    public static void CheckKeys(JObject obj, string[] allowed, string where, string file)
    {
        for (var t = obj.First; t is not null; t = t.Next)
        {
            var property = (JProperty)t;
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw Error($"unknown property '{property.Name}' in {where}; allowed: {string.Join(", ", allowed)}", property, file);
            }
        }
    }

    /// <summary>The object under <paramref name="key"/>; null when absent or null; an error for any other type.</summary>
    public static JObject? OptionalObject(JObject parent, string key, string where, string file) =>
        parent.Property(key, StringComparison.Ordinal)?.Value switch
        {
            null or { Type: JTokenType.Null } => null,
            JObject obj => obj,
            var other => throw Error($"'{key}' in {where} must be a mapping/object, not {Describe(other)}", other, file),
        };

    /// <summary>The array under <paramref name="key"/>; null when absent or null; an error for any other type.</summary>
    public static JArray? OptionalArray(JObject parent, string key, string where, string file) =>
        parent.Property(key, StringComparison.Ordinal)?.Value switch
        {
            null or { Type: JTokenType.Null } => null,
            JArray array => array,
            var other => throw Error($"'{key}' in {where} must be a sequence/array, not {Describe(other)}", other, file),
        };

    /// <summary>The string under <paramref name="key"/>; null when absent; an error for any other type.</summary>
    public static string? OptionalString(JObject parent, string key, string where, string file) =>
        parent.Property(key, StringComparison.Ordinal)?.Value switch
        {
            null => null,
            { Type: JTokenType.String } value => (string)value!,
            var other => throw Error($"'{key}' in {where} must be a string, not {Describe(other)}", other, file),
        };

    /// <summary>A short description of a value's JSON type for messages ("a string", "an integer", …).</summary>
    public static string Describe(JToken token) => JsonValueText.Describe(token);

    /// <summary>Names for a "defined: …" list; at most <paramref name="max"/> shown.</summary>
    public static string NameList(IEnumerable<string> names, int max = 20) => JsonValueText.NameList(names, max);
}
