using DscOffload.Core.Diagnostics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Json;

/// <summary>
/// Attaches and reads <see cref="SourceLocation"/>s on <see cref="JToken"/>s. YAML and JSON input are
/// both turned into JTokens; the location rides along as an annotation so that any later stage can
/// name the file, line and column of the value it rejects.
/// </summary>
internal static class SourceLocationAnnotations
{
    /// <summary>Records where <paramref name="token"/> came from, replacing any earlier location.</summary>
    public static T At<T>(this T token, SourceLocation location) where T : JToken
    {
        token.RemoveAnnotations<LocationBox>();
        token.AddAnnotation(new LocationBox(location));
        return token;
    }

    /// <summary>
    /// The location of <paramref name="token"/>, or of its nearest located ancestor, or null.
    /// Tokens parsed from JSON without an annotation fall back to Newtonsoft's own line info.
    /// </summary>
    public static SourceLocation? Location(this JToken? token, string? fileForLineInfo = null)
    {
        for (var t = token; t is not null; t = t.Parent)
        {
            if (t.Annotation<LocationBox>() is { } box)
            {
                return box.Location;
            }

            if (fileForLineInfo is not null && t is IJsonLineInfo info && info.HasLineInfo())
            {
                return new SourceLocation(fileForLineInfo, info.LineNumber, info.LinePosition);
            }
        }

        return null;
    }

    /// <summary>Copies the location of <paramref name="from"/> (if any) onto <paramref name="to"/>.</summary>
    public static T WithLocationOf<T>(this T to, JToken? from) where T : JToken
    {
        if (from.Location() is { } at)
        {
            to.At(at);
        }

        return to;
    }

    /// <summary>Attaches <paramref name="location"/> when it is known.</summary>
    public static T AtIfKnown<T>(this T token, SourceLocation? location) where T : JToken =>
        location is { } at ? token.At(at) : token;

    /// <summary>
    /// A deep copy that keeps the location annotations of every token (plain DeepClone drops them),
    /// so values handed to resources can still be traced to their document lines. One pass: locations are the only
    /// annotations this product attaches, so copying every annotation copies exactly them.
    /// </summary>
    public static JToken DeepCloneWithLocations(this JToken token) => token.DeepClone(CopyAnnotations);

    private static readonly JsonCloneSettings CopyAnnotations = new() { CopyAnnotations = true };

    /// <summary>Annotations are looked up by type; a class wrapper keeps the struct from being boxed ambiguously.</summary>
    private sealed record LocationBox(SourceLocation Location);
}
