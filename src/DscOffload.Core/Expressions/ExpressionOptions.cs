namespace DscOffload.Core.Expressions;

/// <summary>What an <see cref="ExpressionEvaluator"/> may use beyond parameters and variables.</summary>
internal sealed class ExpressionOptions
{
    /// <summary>Options with the process as host and no user functions.</summary>
    public static ExpressionOptions Default { get; } = new();

    /// <summary>Answers the functions that need a machine or a run (<c>reference()</c>, <c>envvar()</c>, <c>utcNow()</c>, …).</summary>
    public IExpressionHost Host { get; init; } = new ProcessExpressionHost();

    /// <summary>The document's user functions by call name (<c>namespace.member</c>).</summary>
    public IReadOnlyDictionary<string, UserFunction> UserFunctions { get; init; } = new Dictionary<string, UserFunction>(StringComparer.Ordinal);
}
