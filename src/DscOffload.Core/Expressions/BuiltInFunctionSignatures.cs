using System.Collections.Frozen;

namespace DscOffload.Core.Expressions;

/// <summary>
/// Argument counts and accepted argument kinds of every built-in function of dsc's function library, as dsc
/// declares them, so that a call is refused here exactly when dsc refuses it. Kinds are letters:
/// A array, B boolean, L lambda, Z null, N number, O object, S string; one group per position, comma-separated.
/// </summary>
internal static class BuiltInFunctionSignatures
{
    private static readonly FrozenDictionary<string, FunctionSignature> Table = new Dictionary<string, FunctionSignature>(StringComparer.Ordinal)
    {
        ["add"] = new(2, 2, "N,N", null),
        ["and"] = new(2, int.MaxValue, "B,B", "B"),
        ["array"] = new(1, 1, "SNOA", null),
        ["base64"] = new(1, 1, "S", null),
        ["base64ToString"] = new(1, 1, "S", null),
        ["bool"] = new(1, 1, "SN", null),
        ["cidrHost"] = new(2, 2, "S,N", null),
        ["cidrSubnet"] = new(3, 3, "S,N,N", null),
        ["coalesce"] = new(1, int.MaxValue, "ABZNOS", "ABZNOS"),
        ["concat"] = new(2, int.MaxValue, "SA,SA", "SA"),
        ["contains"] = new(2, 2, "AOS,SN", null),
        ["context"] = new(0, 0, "", null),
        ["copyIndex"] = new(0, 2, "SN,N", null),
        ["createArray"] = new(0, int.MaxValue, "", "SNOA"),
        ["createObject"] = new(0, int.MaxValue, "", "SZNBOA"),
        ["dataUri"] = new(1, 1, "S", null),
        ["dataUriToString"] = new(1, 1, "S", null),
        ["div"] = new(2, 2, "N,N", null),
        ["empty"] = new(1, 1, "AOS", null),
        ["endsWith"] = new(2, 2, "S,S", null),
        ["envvar"] = new(1, 1, "S", null),
        ["equals"] = new(2, 2, "ZNSAO,ZNSAO", null),
        ["false"] = new(0, 0, "", null),
        ["filter"] = new(2, 2, "A,L", null),
        ["first"] = new(1, 1, "AS", null),
        ["format"] = new(2, int.MaxValue, "S", "BNS"),
        ["greater"] = new(2, 2, "NS,NS", null),
        ["greaterOrEquals"] = new(2, 2, "NS,NS", null),
        ["if"] = new(3, 3, "B,SNAO,SNAO", null),
        ["indexOf"] = new(2, 2, "A,SNAO", null),
        ["int"] = new(1, 1, "SN", null),
        ["intersection"] = new(2, int.MaxValue, "AO,AO", "AO"),
        ["items"] = new(1, 1, "O", null),
        ["join"] = new(2, 2, "A,S", null),
        ["json"] = new(1, 1, "S", null),
        ["lambda"] = new(0, 0, "", null),
        ["lambdaVariables"] = new(1, 1, "S", null),
        ["last"] = new(1, 1, "AS", null),
        ["lastIndexOf"] = new(2, 2, "A,SNAO", null),
        ["length"] = new(1, 1, "AOS", null),
        ["less"] = new(2, 2, "NS,NS", null),
        ["lessOrEquals"] = new(2, 2, "NS,NS", null),
        ["map"] = new(2, 2, "A,L", null),
        ["max"] = new(1, int.MaxValue, "NA", "NA"),
        ["min"] = new(1, int.MaxValue, "NA", "NA"),
        ["mod"] = new(2, 2, "N,N", null),
        ["mul"] = new(2, 2, "N,N", null),
        ["not"] = new(1, 1, "B", null),
        ["null"] = new(0, 0, "", null),
        ["objectKeys"] = new(1, 1, "O", null),
        ["or"] = new(2, int.MaxValue, "B,B", "B"),
        ["parameters"] = new(1, 1, "S", null),
        ["parseCidr"] = new(1, 1, "S", null),
        ["path"] = new(2, int.MaxValue, "S,S", "S"),
        ["range"] = new(2, 2, "N,N", null),
        ["reference"] = new(1, 1, "S", null),
        ["resourceId"] = new(2, 2, "S,S", null),
        ["restartRequired"] = new(1, 2, "S,S", null),
        ["secret"] = new(1, 2, "S,S", null),
        ["shallowMerge"] = new(1, 1, "A", null),
        ["skip"] = new(2, 2, "AS,N", null),
        ["startsWith"] = new(2, 2, "S,S", null),
        ["stateChanged"] = new(1, 1, "S", null),
        ["stdout"] = new(0, 0, "", null),
        ["string"] = new(1, 1, "SNBZAO", null),
        ["sub"] = new(2, 2, "N,N", null),
        ["substring"] = new(2, 3, "S,N,N", null),
        ["systemRoot"] = new(0, 0, "", null),
        ["take"] = new(2, 2, "AS,N", null),
        ["toLower"] = new(1, 1, "S", null),
        ["toUpper"] = new(1, 1, "S", null),
        ["trim"] = new(1, 1, "S", null),
        ["true"] = new(0, 0, "", null),
        ["tryGet"] = new(2, 2, "AO,NS", null),
        ["tryIndexFromEnd"] = new(2, 2, "A,N", null),
        ["tryWhich"] = new(1, 1, "S", null),
        ["union"] = new(2, int.MaxValue, "AO,AO", "AO"),
        ["uniqueString"] = new(1, int.MaxValue, "S", "S"),
        ["uri"] = new(2, 2, "S,S", null),
        ["uriComponent"] = new(1, 1, "S", null),
        ["uriComponentToString"] = new(1, 1, "S", null),
        ["utcNow"] = new(0, 1, "S", null),
        ["variables"] = new(1, 1, "S", null),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every name of dsc's library, alphabetically.</summary>
    public static IEnumerable<string> Names => Table.Keys.Order(StringComparer.Ordinal);

    /// <summary>The signature of <paramref name="name"/> (exact, case-sensitive), or null when dsc has no such function.</summary>
    public static FunctionSignature? Find(string name) => Table.TryGetValue(name, out var signature) ? signature : null;

    /// <summary>The library name that differs from <paramref name="name"/> only in case, if any.</summary>
    public static string? CaseInsensitiveMatch(string name)
    {
        foreach (var candidate in Table.Keys)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }
}
