using CsCheck;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Expressions;

/// <summary>
/// Whatever a document writes inside <c>[…]</c>, evaluation ends with a value or a one-line
/// <see cref="DscOffloadException"/>: never another exception (a crash with a stack trace).
/// </summary>
public class ExpressionRobustnessPropertyTests
{
    private static readonly string[] Functions = [.. ExpressionFunctionLibrary.Known];

    private static readonly Gen<string> Argument = Gen.Recursive<string>((depth, inner) =>
    {
        var literal = Gen.OneOf(
            Gen.Int[-3, 20].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.OneOfConst("'a'", "''", "'10.0.0.0/24'", "'{0}'", "'x y'", "true", "false", "'data:;base64,aGk='", "'%zz'", "'::'", "'ab'", "9223372036854775807", "'1.5'", "-9223372036854775808", "'{0:99999999999}'", "'{1}{}'", "'1e400'", "'[1,'"));
        if (depth >= 3)
        {
            return literal;
        }

        var call = Gen.Select(Gen.OneOfConst(Functions), inner.Array[0, 3]).Select((name, args) => $"{name}({string.Join(", ", args)})");
        var lambda = inner.Select(body => $"lambda('x', {body})");
        var lambdaVariable = Gen.Const("lambdaVariables('x')");
        return Gen.Frequency((3, literal), (4, call), (1, lambda), (1, lambdaVariable));
    });

    [Fact]
    public void Evaluate_AnyCallOfDscFunctions_GivesAValueOrAOneLineError()
    {
        var evaluator = new ExpressionEvaluator(new JObject { ["p"] = "v" }, null, new ExpressionOptions { Host = new ProcessExpressionHost("/") });

        Gen.Select(Gen.OneOfConst(Functions), Argument.Array[0, 3])
            .Select((name, args) => $"[{name}({string.Join(", ", args)})]")
            .Sample(
                expression =>
                {
                    try
                    {
                        evaluator.Evaluate(new JValue(expression));
                    }
                    catch (DscOffloadException e)
                    {
                        e.OneLine.Should().NotContain("\n");
                    }
                },
                iter: 20_000);
    }

    [Fact]
    public void Evaluate_AnyCallInACopyLoop_GivesAValueOrAOneLineError()
    {
        var evaluator = new ExpressionEvaluator(new JObject(), null, new ExpressionOptions { Host = new ProcessExpressionHost("/") });

        Gen.Select(Gen.OneOfConst("copyIndex", "substring", "skip", "take", "range", "format", "cidrSubnet", "int", "add", "mul", "div", "mod", "sub"), Argument.Array[0, 3])
            .Select((name, args) => $"[{name}({string.Join(", ", args)})]")
            .Sample(
                expression =>
                {
                    try
                    {
                        evaluator.Evaluate(new JValue(expression), new CopyLoopPosition("loop", 3));
                    }
                    catch (DscOffloadException)
                    {
                        // The one outcome besides a value.
                    }
                },
                iter: 20_000);
    }

    [Fact]
    public void Evaluate_AnyText_GivesAValueOrAOneLineError()
    {
        var evaluator = new ExpressionEvaluator(new JObject(), null, new ExpressionOptions { Host = new ProcessExpressionHost("/") });

        Gen.Char["abcfnotrueslq()[].,' 0123456789-_"].Array[0, 40]
            .Select(chars => "[" + new string(chars) + "]")
            .Sample(
                expression =>
                {
                    try
                    {
                        evaluator.Evaluate(new JValue(expression));
                    }
                    catch (DscOffloadException)
                    {
                        // The one outcome besides a value.
                    }
                },
                iter: 20_000);
    }
}
