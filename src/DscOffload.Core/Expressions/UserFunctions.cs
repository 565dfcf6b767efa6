using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>Calls a document's user functions with dsc's rules: exact argument count and types, checked result type, no nesting.</summary>
internal static class UserFunctions
{
    public static JToken Invoke(string name, JToken[] args, EvaluationScope scope, ExpressionEvaluator evaluator, SourceLocation? at)
    {
        if (scope.UserFunctionName is { } caller)
        {
            // dsc clears the user functions inside a user function body: they cannot call each other or recurse.
            throw new DscOffloadException(ErrorKind.InvalidInput, $"user function '{caller}' calls '{name}'; a user function cannot call user functions", at);
        }

        if (!evaluator.Options.UserFunctions.TryGetValue(name, out var function))
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"unknown user function '{name}'; defined: {JsonValueText.NameList(evaluator.Options.UserFunctions.Keys.Order(StringComparer.Ordinal))}",
                at);
        }

        if (args.Length != function.Parameters.Count)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, $"user function '{name}' takes {function.Parameters.Count} argument(s); got {args.Length}", at);
        }

        var arguments = new JObject();
        for (var i = 0; i < args.Length; i++)
        {
            var (parameter, type) = (function.Parameters[i].Key, function.Parameters[i].Value);
            if (!DataTypes.Matches(type, args[i]))
            {
                throw new DscOffloadException(ErrorKind.InvalidInput, $"argument {i + 1} ('{parameter}') of user function '{name}' must be of type {type}, not {JsonValueText.Describe(args[i])}", at);
            }

            arguments[parameter] = args[i];
        }

        var body = function.OutputValue;
        var bodyAt = body.Location() ?? at;
        var result = body.Type == JTokenType.String && ExpressionEvaluator.IsExpression((string)body!)
            ? evaluator.Eval(ExpressionParser.Parse((string)body!, bodyAt), scope.ForUserFunction(name, arguments), bodyAt)
            : body.DeepClone();
        return DataTypes.Matches(function.OutputType, result)
            ? result
            : throw new DscOffloadException(ErrorKind.InvalidInput, $"user function '{name}' gives {JsonValueText.Describe(result)}, but its output type is {function.OutputType}", at);
    }
}
