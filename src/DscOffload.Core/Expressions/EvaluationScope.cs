using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// What the functions of one evaluation can see: the copy loop, the lambdas made so far and their variables,
/// whether this is a parameter default or a user function body, and the call budget shared by all of it.
/// </summary>
internal sealed class EvaluationScope
{
    private long calls;

    public EvaluationScope(JObject parameters, CopyLoopPosition? copy, bool isParameterDefault)
    {
        Parameters = parameters;
        Copy = copy;
        IsParameterDefault = isParameterDefault;
    }

    /// <summary>What <c>parameters()</c> reads: the document's, or a user function's own arguments.</summary>
    public JObject Parameters { get; private init; }

    public CopyLoopPosition? Copy { get; }

    public bool IsParameterDefault { get; }

    /// <summary>Set in a user function body: no user functions, no variables, no <c>reference()</c>.</summary>
    public string? UserFunctionName { get; private init; }

    public Dictionary<string, JToken> LambdaVariables { get; private init; } = new(StringComparer.Ordinal);

    public Dictionary<string, LambdaNode> Lambdas { get; private init; } = new(StringComparer.Ordinal);

    private EvaluationScope? Root { get; init; }

    /// <summary>Counts <paramref name="units"/> of work (a call, or the values a call built) against <see cref="ExpressionLimits.MaxWorkPerValue"/>; false once it is spent.</summary>
    public bool Spend(int units = 1)
    {
        var root = Root ?? this;
        root.calls += units;
        return root.calls <= ExpressionLimits.MaxWorkPerValue;
    }

    public EvaluationScope ForUserFunction(string name, JObject arguments) => new(arguments, null, false)
    {
        UserFunctionName = name,
        Root = Root ?? this,
    };

    public EvaluationScope WithLambdaVariables(Dictionary<string, JToken> variables) => new(Parameters, Copy, IsParameterDefault)
    {
        UserFunctionName = UserFunctionName,
        LambdaVariables = variables,
        Lambdas = Lambdas,
        Root = Root ?? this,
    };
}
