using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>Checks every function result against <see cref="ExpressionLimits"/>, so that blow-up stops at the call that causes it.</summary>
internal static class ResultSize
{
    public static void Check(string function, JToken result, SourceLocation? at)
    {
        switch (result)
        {
            case JValue { Type: JTokenType.String } text when ((string)text!).Length > ExpressionLimits.MaxStringLength:
                throw Over(function, $"a string of {((string)text!).Length:N0} characters; at most {ExpressionLimits.MaxStringLength:N0} are allowed (ExpressionLimits.MaxStringLength)", at);
            case JArray array when array.Count > ExpressionLimits.MaxArrayItems:
                throw Over(function, $"an array of {array.Count:N0} elements; at most {ExpressionLimits.MaxArrayItems:N0} are allowed (ExpressionLimits.MaxArrayItems)", at);
            case JContainer container when CountNodes(container) > ExpressionLimits.MaxResultNodes:
                throw Over(function, $"more than {ExpressionLimits.MaxResultNodes:N0} values; at most that many are allowed in one result (ExpressionLimits.MaxResultNodes)", at);
        }
    }

    /// <summary>Counts nodes, stopping as soon as the limit is passed, so a huge value costs no more than the limit.</summary>
    private static int CountNodes(JContainer container)
    {
        var count = 0;
        var pending = new Stack<JToken>();
        pending.Push(container);
        while (pending.Count > 0 && count <= ExpressionLimits.MaxResultNodes)
        {
            var token = pending.Pop();
            count++;
            if (token is JContainer inner)
            {
                foreach (var child in inner.Children())
                {
                    pending.Push(child is JProperty property ? property.Value : child);
                }
            }
        }

        return count;
    }

    private static DscOffloadException Over(string function, string what, SourceLocation? at) =>
        new(ErrorKind.InvalidInput, $"{function}() would give {what}", at);
}
