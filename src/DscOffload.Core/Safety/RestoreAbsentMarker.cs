using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Safety;

/// <summary>
/// The rollback-only way to say "this value did not exist; make it absent again". In desired state a
/// <c>null</c> means "leave alone", so a journal cannot restore a value that was missing (a Windows
/// Tcpip\Parameters REG_DWORD that did not exist) by writing <c>null</c>. Instead the restore instance lists
/// the dotted paths in <c>_metadata.restoreAbsent</c> (<c>["tcpipParameters.enableRSS"]</c>), which a
/// resource type whose properties can be <c>null</c> honours by deleting the value. <c>_metadata</c> is a
/// canonical DSC property, so the entry stays a valid document for dscoffload and for dsc.
/// </summary>
public static class RestoreAbsentMarker
{
    /// <summary>The member of <c>_metadata</c> that carries the paths.</summary>
    public const string Member = "restoreAbsent";

    /// <summary>Adds <paramref name="path"/> (<c>property.member</c>) to the marker of <paramref name="properties"/>.</summary>
    public static void Add(JObject properties, string path)
    {
        if (properties["_metadata"] is not JObject metadata)
        {
            metadata = [];
            properties["_metadata"] = metadata;
        }

        if (metadata[Member] is not JArray list)
        {
            list = [];
            metadata[Member] = list;
        }

        if (!list.Any(t => t.Type == JTokenType.String && t.Value<string>() == path))
        {
            list.Add(path);
        }
    }

    /// <summary>
    /// The paths marked in <paramref name="desired"/>, each split into property and member. Throws
    /// <see cref="ErrorKind.ValidationFailed"/> (located) for a malformed marker.
    /// </summary>
    public static IReadOnlyList<(string Property, string Member)> Read(JObject desired)
    {
        if (desired["_metadata"]?[Member] is not { } marker)
        {
            return [];
        }

        if (marker is not JArray list)
        {
            throw new DscOffloadException(ErrorKind.ValidationFailed, $"'_metadata.{Member}' must be an array of \"property.member\" strings", marker.Location());
        }

        var result = new List<(string, string)>();
        foreach (var item in list)
        {
            var text = item.Type == JTokenType.String ? item.Value<string>()! : "";
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == text.Length - 1)
            {
                throw new DscOffloadException(ErrorKind.ValidationFailed,
                    $"'_metadata.{Member}' items must be \"property.member\" strings, not {item.ToString(Newtonsoft.Json.Formatting.None)}", item.Location());
            }

            result.Add((text[..dot], text[(dot + 1)..]));
        }

        return result;
    }
}
