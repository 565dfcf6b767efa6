using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>map, filter and lambdaVariables: a lambda's body runs once per element with its parameters bound to the element and its index.</summary>
internal static class LambdaFunctions
{
    public static JToken Invoke(FunctionCall call)
    {
        if (call.Name == "lambdaVariables")
        {
            var name = call.Text(0);
            return call.Scope.LambdaVariables.TryGetValue(name, out var value)
                ? value.DeepClone()
                : throw call.Fail($"no lambda parameter named '{name}' here; lambdaVariables() reads the parameters of the lambda it is in");
        }

        var array = (JArray)call.Args[0];
        var lambda = call.Scope.Lambdas.TryGetValue(call.Text(1), out var found) ? found : throw call.Fail("argument 2 must be a lambda()");
        if (lambda.Parameters.Length > 2)
        {
            throw call.Fail($"the lambda takes {lambda.Parameters.Length} parameters; {call.Name}() gives an element and its index (1 or 2)");
        }

        var result = new JArray();
        for (var i = 0; i < array.Count; i++)
        {
            var variables = new Dictionary<string, JToken>(StringComparer.Ordinal) { [lambda.Parameters[0]] = array[i] };
            if (lambda.Parameters.Length == 2)
            {
                variables[lambda.Parameters[1]] = new JValue(i);
            }

            var value = call.Evaluator.Eval(lambda.Body, call.Scope.WithLambdaVariables(variables), call.At);
            if (call.Name == "map")
            {
                result.Add(value);
            }
            else if (value.Type == JTokenType.Boolean)
            {
                if ((bool)value)
                {
                    result.Add(array[i].DeepClone());
                }
            }
            else
            {
                throw call.Fail($"the lambda must give a boolean for each element; it gave {FunctionCall.Describe(value)}");
            }
        }

        return result;
    }
}
