using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Documents.DocumentShape;

namespace DscOffload.Core.Documents;

/// <summary>
/// Reads a parameters file as <c>dsc config --parameters-file</c> takes it: YAML or JSON with a top-level
/// <c>parameters</c> map of name → value (<c>$schema</c> and <c>contentVersion</c> are tolerated for
/// ARM-style files). Each value is either the value itself or, ARM style, an object <c>{"value": …}</c>.
/// </summary>
/// <remarks>
/// The two forms are ambiguous for <c>object</c> parameters: an object whose ONLY key is <c>value</c> is
/// always unwrapped. To pass an object that really is <c>{"value": x}</c>, wrap it once more:
/// <c>{"value": {"value": x}}</c>. Objects with any other key (or more keys) are passed as they are.
/// </remarks>
internal static class ParametersFile
{
    private static readonly string[] AllowedKeys = ["$schema", "contentVersion", "parameters"];

    private const string Where = "the parameters file";

    /// <summary>Reads the parameters file at <paramref name="path"/>; returns name → value, every value located.</summary>
    public static JObject Load(string path) => FromToken(StructuredTextParser.ParseFile(path), path);

    /// <summary>Reads parameters from text; <paramref name="displayName"/> names it in errors.</summary>
    public static JObject Parse(string text, string displayName) =>
        FromToken(StructuredTextParser.Parse(text, displayName), displayName);

    private static JObject FromToken(JToken token, string file)
    {
        if (token is not JObject root)
        {
            throw Error($"{Where} must be a mapping/object with 'parameters', not {Describe(token)}", token, file);
        }

        CheckKeys(root, AllowedKeys, Where, file);
        var parameters = OptionalObject(root, "parameters", Where, file)
            ?? throw Error($"{Where} has no 'parameters' mapping/object", root, file);
        var result = new JObject().WithLocationOf(parameters);
        for (var t = parameters.First; t is not null; t = t.Next)
        {
            var property = (JProperty)t;
            var value = property.Value;
            if (value is JObject { Count: 1 } wrapper && wrapper.First is JProperty { Name: "value" } inner)
            {
                value = inner.Value;
            }

            result.Add(new JProperty(property.Name, value).WithLocationOf(property));
        }

        return result;
    }
}
