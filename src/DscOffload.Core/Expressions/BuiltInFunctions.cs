using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>Routes a checked call to the function that implements it (one switch; no table built at start-up).</summary>
internal static class BuiltInFunctions
{
    public static JToken Invoke(FunctionCall call) => call.Name switch
    {
        "and" or "or" or "not" or "if" or "true" or "false" or "bool" or "equals" or "greater" or "greaterOrEquals"
            or "less" or "lessOrEquals" or "coalesce" or "null" => LogicalFunctions.Invoke(call),
        "add" or "sub" or "mul" or "div" or "mod" or "max" or "min" or "int" or "range" => NumericFunctions.Invoke(call),
        "concat" or "format" or "toLower" or "toUpper" or "trim" or "startsWith" or "endsWith" or "substring" or "string"
            or "join" or "json" or "path" or "uniqueString" => StringFunctions.Invoke(call),
        "base64" or "base64ToString" or "dataUri" or "dataUriToString" or "uri" or "uriComponent"
            or "uriComponentToString" => EncodingFunctions.Invoke(call),
        "map" or "filter" or "lambdaVariables" => LambdaFunctions.Invoke(call),
        "parseCidr" or "cidrHost" or "cidrSubnet" => CidrFunctions.Invoke(call),
        "parameters" or "variables" or "reference" or "copyIndex" or "resourceId" or "envvar" or "context" or "utcNow"
            or "systemRoot" or "tryWhich" or "secret" or "stdout" or "stateChanged" or "restartRequired" => DeploymentFunctions.Invoke(call),
        _ => CollectionFunctions.Invoke(call),
    };
}
