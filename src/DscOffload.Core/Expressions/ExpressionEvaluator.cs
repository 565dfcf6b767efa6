using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// Evaluates dsc expressions embedded in document values. A string that starts with <c>[</c> and ends with
/// <c>]</c> is an expression (<c>[concat(parameters('a'), '-x')]</c>); a string that starts with <c>[[</c> is a
/// literal with its first <c>[</c> removed. <c>dsc</c> evaluates expressions before it invokes a resource, so
/// resources only ever see plain values; this type does the same for the engine. Every built-in function of
/// dsc's library is known (see <see cref="ExpressionFunctionLibrary"/>), with dsc's argument rules: all arguments
/// are evaluated before the call, as dsc does. Every error is an <see cref="ErrorKind.InvalidInput"/> located at
/// the string that contains it, and every result stays inside <see cref="ExpressionLimits"/>.
/// </summary>
internal sealed class ExpressionEvaluator
{
    private readonly JObject variables = new();
    private readonly JObject? variablesBeingDefined;

    /// <summary>
    /// Creates an evaluator over bound parameter values and evaluates <paramref name="variables"/> in
    /// document order: a variable may use parameters and the variables defined before it.
    /// </summary>
    /// <param name="parameterValues">Parameter name → value, already bound and checked (values are not evaluated).</param>
    /// <param name="variables">The document's <c>variables</c> map as written, or null for none.</param>
    /// <param name="options">Host and user functions; <see cref="ExpressionOptions.Default"/> when null.</param>
    public ExpressionEvaluator(JObject parameterValues, JObject? variables = null, ExpressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameterValues);
        ParameterValues = parameterValues;
        Options = options ?? ExpressionOptions.Default;
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

    /// <summary>The host and user functions this evaluator uses.</summary>
    public ExpressionOptions Options { get; }

    /// <summary>
    /// Returns a deep copy of <paramref name="token"/> in which every string expression (in objects, arrays or
    /// the token itself) is replaced by its value. Each result node keeps the location of the node it came from.
    /// Object keys are never evaluated.
    /// </summary>
    public JToken Evaluate(JToken token) => Evaluate(token, null);

    /// <summary>As <see cref="Evaluate(JToken)"/>, inside iteration <paramref name="copy"/> of a copy loop (for <c>copyIndex()</c>).</summary>
    public JToken Evaluate(JToken token, CopyLoopPosition? copy) => Walk(token, copy, isParameterDefault: false);

    /// <summary>
    /// Evaluates a parameter's <c>defaultValue</c>: the one place dsc allows <c>utcNow()</c>. Parameters are not
    /// yet known, so <paramref name="bound"/> holds the ones bound so far.
    /// </summary>
    public static JToken EvaluateParameterDefault(JToken token, JObject bound, ExpressionOptions? options = null) =>
        new ExpressionEvaluator(bound, null, options).Walk(token, null, isParameterDefault: true);

    /// <summary>True when <paramref name="text"/> is an expression (not plain text and not a <c>[[</c> escape).</summary>
    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[1] != '[' && text[^1] == ']';

    private JToken Walk(JToken token, CopyLoopPosition? copy, bool isParameterDefault)
    {
        ArgumentNullException.ThrowIfNull(token);
        switch (token)
        {
            case JObject obj:
                var result = new JObject();
                for (var t = obj.First; t is not null; t = t.Next)
                {
                    var property = (JProperty)t;
                    result.Add(new JProperty(property.Name, Walk(property.Value, copy, isParameterDefault)).WithLocationOf(property));
                }

                return result.WithLocationOf(token);
            case JArray array:
                var items = new JArray();
                foreach (var item in array)
                {
                    items.Add(Walk(item, copy, isParameterDefault));
                }

                return items.WithLocationOf(token);
            case JValue { Type: JTokenType.String } value:
                return EvaluateString((string)value.Value!, token.Location(), new EvaluationScope(ParameterValues, copy, isParameterDefault)).WithLocationOf(token);
            case JValue value:
                return new JValue(value).WithLocationOf(token);
            default:
                return token.DeepClone();
        }
    }

    private JToken EvaluateString(string text, SourceLocation? at, EvaluationScope scope)
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
        var value = Eval(node, scope, at);
        return value is JValue { Type: JTokenType.String } s && ((string)s!).StartsWith(LambdaPrefix, StringComparison.Ordinal)
            ? throw new DscOffloadException(ErrorKind.InvalidInput, "a lambda() can only be an argument of a function that takes one (map, filter)", at)
            : value;
    }

    internal const string LambdaPrefix = "__lambda_";

    internal JToken Eval(ExpressionNode node, EvaluationScope scope, SourceLocation? at) => node switch
    {
        LiteralNode literal => new JValue(literal.Value),
        CallNode call => Call(call, scope, at),
        LambdaNode lambda => RegisterLambda(lambda, scope),
        MemberNode member => Member(Eval(member.Target, scope, at), member.Name, at),
        IndexNode index => Index(Eval(index.Target, scope, at), Eval(index.Index, scope, at), at),
        _ => throw new InvalidOperationException("unknown expression node"),
    };

    private static JValue RegisterLambda(LambdaNode lambda, EvaluationScope scope)
    {
        var id = LambdaPrefix + scope.Lambdas.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        scope.Lambdas[id] = lambda;
        return new JValue(id);
    }

    private JToken Call(CallNode call, EvaluationScope scope, SourceLocation? at)
    {
        if (!scope.Spend())
        {
            throw OverBudget(call.Name, at);
        }

        var args = new JToken[call.Arguments.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Eval(call.Arguments[i], scope, at);
        }

        var signature = BuiltInFunctionSignatures.Find(call.Name);
        if (signature is null)
        {
            return UserFunctions.Invoke(call.Name, args, scope, this, at);
        }

        for (var i = 0; i < args.Length; i++)
        {
            CheckKind(call.Name, signature.KindsAt(i), i, args[i], at);
        }

        var result = BuiltInFunctions.Invoke(new FunctionCall(call.Name, args, scope, this, at));
        ResultSize.Check(call.Name, result, at);
        var built = result switch
        {
            JContainer container => container.Count,
            JValue { Type: JTokenType.String } text => ((string)text!).Length / 64,
            _ => 0,
        };
        return built == 0 || scope.Spend(built) ? result : throw OverBudget(call.Name, at);
    }

    private static DscOffloadException OverBudget(string function, SourceLocation? at) =>
        new(
            ErrorKind.InvalidInput,
            $"{function}(): the expression does more than {ExpressionLimits.MaxWorkPerValue:N0} units of work (calls and values built; ExpressionLimits.MaxWorkPerValue)",
            at);

    private static void CheckKind(string function, string? accepted, int index, JToken value, SourceLocation? at)
    {
        if (accepted is null)
        {
            return;
        }

        var isLambda = value.Type == JTokenType.String && ((string)value!).StartsWith(LambdaPrefix, StringComparison.Ordinal);
        var kind = isLambda ? 'L' : value.Type switch
        {
            JTokenType.Array => 'A',
            JTokenType.Boolean => 'B',
            JTokenType.Null => 'Z',
            JTokenType.Integer or JTokenType.Float => 'N',
            JTokenType.Object => 'O',
            _ => 'S',
        };
        if (accepted.Contains(kind, StringComparison.Ordinal))
        {
            return;
        }

        throw new DscOffloadException(
            ErrorKind.InvalidInput,
            $"{function}() expects {KindNames(accepted)} as argument {index + 1}; got {(isLambda ? "a lambda" : JsonValueText.Describe(value))}",
            at);
    }

    private static string KindNames(string accepted)
    {
        var names = new List<string>();
        foreach (var kind in accepted)
        {
            names.Add(kind switch
            {
                'A' => "an array",
                'B' => "a boolean",
                'L' => "a lambda",
                'Z' => "null",
                'N' => "an integer",
                'O' => "an object",
                _ => "a string",
            });
        }

        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
    }

    internal static JToken Parameter(string name, EvaluationScope scope, SourceLocation? at)
    {
        if (scope.Parameters.Property(name, StringComparison.Ordinal) is { } found)
        {
            return found.Value.DeepClone();
        }

        var what = scope.UserFunctionName is { } function ? $"parameter of user function '{function}'" : "parameter";
        throw new DscOffloadException(
            ErrorKind.InvalidInput,
            $"unknown {what} '{name}'; defined parameters: {Names(scope.Parameters)}",
            at);
    }

    internal JToken Variable(string name, SourceLocation? at)
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
            throw new DscOffloadException(ErrorKind.InvalidInput, $"cannot read property '{name}' of {JsonValueText.Describe(target)}", at);
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
            throw new DscOffloadException(ErrorKind.InvalidInput, $"an index must be an integer or a string, not {JsonValueText.Describe(index)}", at);
        }

        if (target is not JArray array)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, $"cannot index {JsonValueText.Describe(target)} with an integer", at);
        }

        var i = FunctionCall.IntegerOf(index) ?? -1;
        if (i < 0 || i >= array.Count)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"index {index} is out of range; the array has {array.Count} element{(array.Count == 1 ? string.Empty : "s")}",
                at);
        }

        return array[(int)i];
    }

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
