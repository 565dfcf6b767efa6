namespace DscOffload.Core.Expressions;

/// <summary>
/// Which of dsc's built-in functions dscoffload evaluates. Every name of dsc's library parses (so a document
/// is checked the same way); the ones listed in <see cref="NotImplemented"/> fail with an error naming them.
/// </summary>
internal static class ExpressionFunctionLibrary
{
    /// <summary>Functions of dsc's library that dscoffload refuses, each with the reason.</summary>
    public static IReadOnlyDictionary<string, string> NotImplemented { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["secret"] = "needs a dsc secret extension (a separate dsc executable); dscoffload has no extensions, so secret() fails with an error naming it — pass secrets as secureString parameters",
    };

    /// <summary>Every function name of dsc's library that this version knows, alphabetically.</summary>
    public static IEnumerable<string> Known => BuiltInFunctionSignatures.Names;

    /// <summary>True when <paramref name="name"/> is a function of dsc's library that dscoffload evaluates.</summary>
    public static bool IsImplemented(string name) => BuiltInFunctionSignatures.Find(name) is not null && !NotImplemented.ContainsKey(name);
}
