using System.Text;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// Evaluates DSC/ARM-style expressions embedded in document values. A string that starts with
/// <c>[</c> and ends with <c>]</c> is an expression (<c>[concat(parameters('a'), '-x')]</c>); a string that
/// starts with <c>[[</c> is a literal with its first <c>[</c> removed. <c>dsc</c> evaluates expressions before it
/// invokes a resource, so resources only ever see plain values; this type does the same for the engine.
/// Supported functions: <c>parameters</c>, <c>variables</c>, <c>concat</c>, <c>resourceId</c>, <c>equals</c>,
/// <c>if</c>, <c>not</c>, <c>and</c>, <c>or</c>, <c>true</c>, <c>false</c>, plus <c>.name</c> and <c>[index]</c>
/// after a call. Every error is an <see cref="ErrorKind.InvalidInput"/> located at the string that contains it.
/// </summary>
public sealed class ExpressionEvaluator
{
    private readonly JObject variables = new();
    private readonly JObject? variablesBeingDefined;

    /// <summary>
    /// Creates an evaluator over bound parameter values and evaluates <paramref name="variables"/> in
    /// document order: a variable may use parameters and the variables defined before it.
    /// </summary>
    /// <param name="parameterValues">Parameter name → value, already bound and checked (values are not evaluated).</param>
    /// <param name="variables">The document's <c>variables</c> map as written, or null for none.</param>
    public ExpressionEvaluator(JObject parameterValues, JObject? variables = null)
    {
        ArgumentNullException.ThrowIfNull(parameterValues);
        ParameterValues = parameterValues;
        if (variables is null)
        {
            return;
        }

        variablesBeingDefined = variables;
        for (var t = variables.First; t is not null; t = t.Next)
        {
            var property = (JProperty)t;
            this.variables.Add(new JProperty(property.Name, Evaluate(property.Value)).WithLocationOf(property));
        }

        variablesBeingDefined = null;
    }

    /// <summary>The parameter values <c>parameters('name')</c> reads.</summary>
    public JObject ParameterValues { get; }

    /// <summary>The evaluated variables <c>variables('name')</c> reads.</summary>
    public JObject Variables => variables;

    /// <summary>
    /// Returns a deep copy of <paramref name="token"/> in which every string expression (in objects, arrays or
    /// the token itself) is replaced by its value. Each result node keeps the location of the node it came from.
    /// Object keys are never evaluated.
    /// </summary>
    public JToken Evaluate(JToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        switch (token)
        {
            case JObject obj:
                var copy = new JObject();
                for (var t = obj.First; t is not null; t = t.Next)
                {
                    var property = (JProperty)t;
                    copy.Add(new JProperty(property.Name, Evaluate(property.Value)).WithLocationOf(property));
                }

                return copy.WithLocationOf(token);
            case JArray array:
                var items = new JArray();
                foreach (var item in array)
                {
                    items.Add(Evaluate(item));
                }

                return items.WithLocationOf(token);
            case JValue { Type: JTokenType.String } value:
                return EvaluateString((string)value.Value!, token.Location()).WithLocationOf(token);
            case JValue value:
                return new JValue(value).WithLocationOf(token);
            default:
                return token.DeepClone();
        }
    }

    /// <summary>True when <paramref name="text"/> is an expression (not plain text and not a <c>[[</c> escape).</summary>
    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[1] != '[' && text[^1] == ']';

    private JToken EvaluateString(string text, SourceLocation? at)
    {
        if (text.Length >= 2 && text[0] == '[' && text[1] == '[')
        {
            return new JValue(text[1..]);
        }

        if (!IsExpression(text))
        {
            return new JValue(text);
        }

        var node = ExpressionParser.Parse(text, at);
        return Eval(node, at);
    }

    private JToken Eval(ExpressionNode node, SourceLocation? at) => node switch
    {
        LiteralNode literal => new JValue(literal.Value),
        CallNode call => Call(call, at),
        MemberNode member => Member(Eval(member.Target, at), member.Name, at),
        IndexNode index => Index(Eval(index.Target, at), Eval(index.Index, at), at),
        _ => throw new InvalidOperationException("unknown expression node"),
    };

    private JToken Call(CallNode call, SourceLocation? at)
    {
        var args = call.Arguments;
        switch (call.Function)
        {
            case ExpressionFunction.Parameters:
                return Parameter(StringArg(call, 0, at), at);
            case ExpressionFunction.Variables:
                return Variable(StringArg(call, 0, at), at);
            case ExpressionFunction.Concat:
                return Concat(call, at);
            case ExpressionFunction.ResourceId:
                return new JValue(string.Concat(StringArg(call, 0, at), "/", StringArg(call, 1, at)));
            case ExpressionFunction.Equals:
                return new JValue(JToken.DeepEquals(Eval(args[0], at), Eval(args[1], at)));
            case ExpressionFunction.If:
                return Eval(args[BoolArg(call, 0, at) ? 1 : 2], at);
            case ExpressionFunction.Not:
                return new JValue(!BoolArg(call, 0, at));
            case ExpressionFunction.And:
            case ExpressionFunction.Or:
                var isAnd = call.Function == ExpressionFunction.And;
                var result = isAnd;
                for (var i = 0; i < args.Length; i++)
                {
                    // Every argument is checked, so a type error is never hidden by short-circuiting.
                    var value = BoolArg(call, i, at);
                    result = isAnd ? result && value : result || value;
                }

                return new JValue(result);
            case ExpressionFunction.True:
                return new JValue(true);
            case ExpressionFunction.False:
                return new JValue(false);
            default:
                throw new InvalidOperationException("unknown function");
        }
    }

    private JToken Concat(CallNode call, SourceLocation? at)
    {
        var first = Eval(call.Arguments[0], at);
        if (first is JArray firstArray)
        {
            var result = new JArray();
            Append(result, firstArray);
            for (var i = 1; i < call.Arguments.Length; i++)
            {
                if (Eval(call.Arguments[i], at) is not JArray next)
                {
                    throw MixedConcat(call, i, at);
                }

                Append(result, next);
            }

            return result;
        }

        if (first.Type != JTokenType.String)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"concat() joins strings or arrays; argument 1 is {Describe(first)}",
                at);
        }

        var text = new StringBuilder((string)first!);
        for (var i = 1; i < call.Arguments.Length; i++)
        {
            var next = Eval(call.Arguments[i], at);
            if (next.Type != JTokenType.String)
            {
                throw MixedConcat(call, i, at);
            }

            text.Append((string)next!);
        }

        return new JValue(text.ToString());
    }

    private static void Append(JArray target, JArray source)
    {
        // Moving the items (they belong to a fresh result) avoids Newtonsoft cloning them.
        while (source.First is { } item)
        {
            item.Remove();
            target.Add(item);
        }
    }

    private DscOffloadException MixedConcat(CallNode call, int index, SourceLocation? at) =>
        new(
            ErrorKind.InvalidInput,
            $"concat() arguments must be all strings or all arrays; argument 1 is {Describe(Eval(call.Arguments[0], at))} but argument {index + 1} is {Describe(Eval(call.Arguments[index], at))}",
            at);

    private JToken Parameter(string name, SourceLocation? at)
    {
        if (ParameterValues.Property(name, StringComparison.Ordinal) is { } found)
        {
            return found.Value.DeepClone();
        }

        throw new DscOffloadException(
            ErrorKind.InvalidInput,
            $"unknown parameter '{name}'; defined parameters: {Names(ParameterValues)}",
            at);
    }

    private JToken Variable(string name, SourceLocation? at)
    {
        if (variables.Property(name, StringComparison.Ordinal) is { } found)
        {
            return found.Value.DeepClone();
        }

        if (variablesBeingDefined?.Property(name, StringComparison.Ordinal) is not null)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"variable '{name}' is used before it is defined; a variable can only use the variables above it",
                at);
        }

        throw new DscOffloadException(
            ErrorKind.InvalidInput,
            $"unknown variable '{name}'; defined variables: {Names(variablesBeingDefined ?? variables)}",
            at);
    }

    private static JToken Member(JToken target, string name, SourceLocation? at)
    {
        if (target is not JObject obj)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, $"cannot read property '{name}' of {Describe(target)}", at);
        }

        return obj.Property(name, StringComparison.Ordinal)?.Value
            ?? throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"the object has no property '{name}'; it has: {Names(obj)}",
                at);
    }

    private static JToken Index(JToken target, JToken index, SourceLocation? at)
    {
        if (index.Type == JTokenType.String)
        {
            return Member(target, (string)index!, at);
        }

        if (index.Type != JTokenType.Integer)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, $"an index must be an integer or a string, not {Describe(index)}", at);
        }

        if (target is not JArray array)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, $"cannot index {Describe(target)} with an integer", at);
        }

        var i = (long)index;
        if (i < 0 || i >= array.Count)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"index {i} is out of range; the array has {array.Count} element{(array.Count == 1 ? string.Empty : "s")}",
                at);
        }

        return array[(int)i];
    }

    private string StringArg(CallNode call, int index, SourceLocation? at)
    {
        var value = Eval(call.Arguments[index], at);
        return value.Type == JTokenType.String
            ? (string)value!
            : throw ArgumentType(call, index, "a string", value, at);
    }

    private bool BoolArg(CallNode call, int index, SourceLocation? at)
    {
        var value = Eval(call.Arguments[index], at);
        return value.Type == JTokenType.Boolean
            ? (bool)value
            : throw ArgumentType(call, index, "a boolean", value, at);
    }

    private static DscOffloadException ArgumentType(CallNode call, int index, string expected, JToken got, SourceLocation? at) =>
        new(
            ErrorKind.InvalidInput,
            $"{ExpressionFunctionCatalog.NameOf(call.Function)}() expects {expected} as argument {index + 1}; got {Describe(got)}",
            at);

    private static string Describe(JToken token) => JsonValueText.Describe(token);

    private static string Names(JObject obj)
    {
        var names = new List<string>();
        for (var t = obj.First; t is not null; t = t.Next)
        {
            names.Add(((JProperty)t).Name);
        }

        return JsonValueText.NameList(names);
    }
}
