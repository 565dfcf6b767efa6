namespace DscOffload.Core.Expressions;

/// <summary>
/// Hard limits on what one expression may build. A document can nest functions that double a string or an
/// array at every level, call lambdas over large arrays or ask <c>range()</c> for millions of numbers; these limits
/// stop such a document in well under a second, with an error that names the limit, before any host change.
/// </summary>
internal static class ExpressionLimits
{
    /// <summary>Most elements an array result may have, and most numbers <c>range()</c> gives (10,000, as dsc's <c>range()</c>).</summary>
    public const int MaxArrayItems = 10_000;

    /// <summary>Longest string result, in UTF-16 characters (1 Mi).</summary>
    public const int MaxStringLength = 1024 * 1024;

    /// <summary>Most values (scalars and containers) one result may hold (100,000).</summary>
    public const int MaxResultNodes = 100_000;

    /// <summary>
    /// Most work while evaluating one document value (1,000,000 units): each function call is one unit, and each array
    /// element or 64 string characters it builds one more, so that lambdas over large arrays stop early too.
    /// </summary>
    public const int MaxWorkPerValue = 1_000_000;

    /// <summary>Most instances a <c>copy</c> loop may make (1,000; the whole document stays under its instance limit too).</summary>
    public const int MaxCopyCount = 1_000;

    /// <summary>Deepest nesting of a value parsed by <c>json()</c> (64, as documents).</summary>
    public const int MaxJsonDepth = 64;
}
