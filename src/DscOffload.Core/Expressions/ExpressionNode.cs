using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>A node of a parsed expression.</summary>
internal abstract class ExpressionNode;

/// <summary>A string (<c>'text'</c>), integer or boolean literal.</summary>
internal sealed class LiteralNode(JValue value) : ExpressionNode
{
    public JValue Value { get; } = value;
}

/// <summary>A function call <c>name(arg, …)</c>: a built-in function or a user function <c>namespace.name</c>.</summary>
internal sealed class CallNode(string name, ExpressionNode[] arguments) : ExpressionNode
{
    public string Name { get; } = name;

    public ExpressionNode[] Arguments { get; } = arguments;
}

/// <summary><c>lambda('p1', …, body)</c>: parameter names and a body evaluated once per element by the function it is given to.</summary>
internal sealed class LambdaNode(string[] parameters, ExpressionNode body) : ExpressionNode
{
    public string[] Parameters { get; } = parameters;

    public ExpressionNode Body { get; } = body;
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
