using System.Text;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>One call of a built-in function with its arguments evaluated and already checked against the signature.</summary>
internal sealed class FunctionCall(string name, JToken[] arguments, EvaluationScope scope, ExpressionEvaluator evaluator, SourceLocation? at)
{
    public string Name { get; } = name;

    public JToken[] Args { get; } = arguments;

    public EvaluationScope Scope { get; } = scope;

    public ExpressionEvaluator Evaluator { get; } = evaluator;

    public SourceLocation? At { get; } = at;

    public IExpressionHost Host => Evaluator.Options.Host;

    public DscOffloadException Fail(string problem) => new(ErrorKind.InvalidInput, $"{Name}(): {problem}", At);

    public string Text(int index) => (string)Args[index]!;

    /// <summary>Argument <paramref name="index"/> as a 64-bit integer; dsc refuses fractions and numbers beyond that range.</summary>
    public long Integer(int index) => IntegerOf(Args[index]) ?? throw Fail($"argument {index + 1} must be an integer, not {Describe(Args[index])}");

    public static long? IntegerOf(JToken token) =>
        token.Type == JTokenType.Integer && ((JValue)token).Value is long or int ? (long)token : null;

    public static string Describe(JToken token) => JsonValueText.Describe(token);

    /// <summary>A string as dsc's <c>string()</c> writes it: strings as they are, everything else as compact JSON.</summary>
    public static string Stringify(JToken token) => token.Type switch
    {
        JTokenType.String => (string)token!,
        JTokenType.Boolean => (bool)token ? "true" : "false",
        JTokenType.Null => "null",
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };

    public static int RuneCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary><paramref name="count"/> Unicode characters from <paramref name="start"/> (dsc counts characters, not UTF-16 units).</summary>
    public static string Runes(string text, long start, long count)
    {
        var result = new StringBuilder();
        var i = 0L;
        foreach (var rune in text.EnumerateRunes())
        {
            if (i >= start && i - start < count)
            {
                result.Append(rune.ToString());
            }

            i++;
        }

        return result.ToString();
    }
}
