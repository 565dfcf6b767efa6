using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// A user-defined function of a document's <c>functions</c> section, called as <c>namespace.member(…)</c>.
/// As in dsc, its body sees only its own parameters (through <c>parameters('name')</c>) and may call no
/// user function, so user functions can never recurse.
/// </summary>
/// <param name="Name">The call name, <c>namespace.member</c>.</param>
/// <param name="Parameters">Parameter names and dsc data types (<c>string</c>, <c>int</c>, …) in call order.</param>
/// <param name="OutputType">The declared data type of the result.</param>
/// <param name="OutputValue">The result expression as written (a located string).</param>
internal sealed record UserFunction(string Name, IReadOnlyList<KeyValuePair<string, string>> Parameters, string OutputType, JToken OutputValue);
