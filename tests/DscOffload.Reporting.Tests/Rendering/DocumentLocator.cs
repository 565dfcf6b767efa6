using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

/// <summary>
/// Finds where an instance and its properties are written in a YAML document's text, by reading lines
/// (the instance's <c>name:</c> line, then each property key below it in turn), and attaches those locations to
/// an envelope's tokens like the engine does: the result entry's <c>name</c>, and every token of its
/// <c>desiredState</c> (or <c>afterState</c> for what-if).
/// </summary>
internal static class DocumentLocator
{
    /// <summary>1-based line and column of the key of <paramref name="path"/> in instance <paramref name="instance"/>, or null.</summary>
    public static (int Line, int Column)? Find(string documentText, string instance, params string[] path)
    {
        var lines = documentText.Split('\n');
        var at = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart(' ', '-').TrimEnd('\r');
            if (trimmed == "name: " + instance)
            {
                at = i;
                break;
            }
        }

        if (at < 0)
        {
            return null;
        }

        var column = lines[at].IndexOf("name:", StringComparison.Ordinal) + 1;
        foreach (var segment in path)
        {
            var next = -1;
            for (var i = at + 1; i < lines.Length; i++)
            {
                var trimmed = lines[i].TrimStart(' ');
                if (trimmed.StartsWith("- name:", StringComparison.Ordinal))
                {
                    break;
                }

                if (trimmed.StartsWith(segment + ":", StringComparison.Ordinal))
                {
                    next = i;
                    break;
                }
            }

            if (next < 0)
            {
                return null;
            }

            at = next;
            column = lines[at].Length - lines[at].TrimStart(' ').Length + 1;
        }

        return (at + 1, column);
    }

    public static void Attach(JObject envelope, string documentPath, string documentText)
    {
        foreach (var entry in envelope["results"]!.Children<JObject>())
        {
            var instance = (string)entry["name"]!;
            if (Find(documentText, instance) is { } named)
            {
                entry["name"]!.At(new SourceLocation(documentPath, named.Line, named.Column));
            }

            if (entry["result"] is JObject result && (result["desiredState"] ?? result["afterState"]) is JObject desired)
            {
                AttachMembers(desired, documentPath, documentText, instance, []);
            }
        }
    }

    private static void AttachMembers(JObject state, string documentPath, string documentText, string instance, string[] parent)
    {
        foreach (var property in state.Properties())
        {
            string[] path = [.. parent, property.Name];
            if (Find(documentText, instance, path) is not { } found)
            {
                continue;
            }

            property.Value.At(new SourceLocation(documentPath, found.Line, found.Column));
            if (property.Value is JObject nested)
            {
                AttachMembers(nested, documentPath, documentText, instance, path);
            }
        }
    }
}
