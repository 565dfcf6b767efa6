namespace DscOffload.Core.Expressions;

/// <summary>The functions an expression may call; anything else is an error naming these.</summary>
internal enum ExpressionFunction
{
    And,
    Concat,
    Equals,
    False,
    If,
    Not,
    Or,
    Parameters,
    ResourceId,
    True,
    Variables,
}
