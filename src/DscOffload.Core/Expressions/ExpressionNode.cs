using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>A node of a parsed expression.</summary>
internal abstract class ExpressionNode;

/// <summary>A string (<c>'text'</c>) or integer literal.</summary>
internal sealed class LiteralNode(JValue value) : ExpressionNode
{
    public JValue Value { get; } = value;
}

/// <summary>A function call <c>name(arg, …)</c>.</summary>
internal sealed class CallNode(ExpressionFunction function, ExpressionNode[] arguments) : ExpressionNode
{
    public ExpressionFunction Function { get; } = function;

    public ExpressionNode[] Arguments { get; } = arguments;
}

/// <summary>Member access <c>target.name</c>.</summary>
internal sealed class MemberNode(ExpressionNode target, string name) : ExpressionNode
{
    public ExpressionNode Target { get; } = target;

    public string Name { get; } = name;
}

/// <summary>Index access <c>target[index]</c> (integer into an array, string into an object).</summary>
internal sealed class IndexNode(ExpressionNode target, ExpressionNode index) : ExpressionNode
{
    public ExpressionNode Target { get; } = target;

    public ExpressionNode Index { get; } = index;
}
