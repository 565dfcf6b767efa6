using DscOffload.Core.Expressions;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Documents.DocumentShape;

namespace DscOffload.Core.Documents;

/// <summary>
/// Binds values to declared parameters (parameters-file value, else <c>defaultValue</c>) and enforces
/// the declared type, <c>allowedValues</c> and the min/max constraints, pointing errors at the value.
/// </summary>
internal static class ParameterBinder
{
    public static JObject Bind(ConfigurationDocument document, JObject? supplied, ExpressionOptions options)
    {
        var file = document.Path;
        if (supplied is not null)
        {
            for (var t = supplied.First; t is not null; t = t.Next)
            {
                var property = (JProperty)t;
                if (Find(document, property.Name) is null)
                {
                    throw Error(
                        $"parameter '{property.Name}' is not declared in {file}; declared parameters: {NameList(DeclaredNames(document))}",
                        property,
                        file);
                }
            }
        }

        var bound = new JObject();
        foreach (var definition in document.Parameters)
        {
            var suppliedProperty = supplied?.Property(definition.Name, StringComparison.Ordinal);
            var value = suppliedProperty?.Value ?? EvaluateDefault(definition, bound, options)
                ?? throw new Diagnostics.DscOffloadException(
                    Diagnostics.ErrorKind.InvalidInput,
                    $"parameter '{definition.Name}' has no value and no defaultValue; give it a value in a parameters file",
                    definition.Location);
            Check(definition, value, file);
            var entry = new JProperty(definition.Name, value.DeepClone());
            if (suppliedProperty is not null)
            {
                entry.WithLocationOf(suppliedProperty);
            }
            else
            {
                entry.At(definition.Location);
            }

            bound.Add(entry);
        }

        return bound;
    }

    // dsc evaluates a default in document order, seeing the parameters bound before it; only here is utcNow() allowed.
    private static JToken? EvaluateDefault(ParameterDefinition definition, JObject bound, ExpressionOptions options) =>
        definition.DefaultValue is { } written ? ExpressionEvaluator.EvaluateParameterDefault(written, bound, options) : null;

    private static ParameterDefinition? Find(ConfigurationDocument document, string name)
    {
        foreach (var definition in document.Parameters)
        {
            if (definition.Name == name)
            {
                return definition;
            }
        }

        return null;
    }

    private static IEnumerable<string> DeclaredNames(ConfigurationDocument document)
    {
        foreach (var definition in document.Parameters)
        {
            yield return definition.Name;
        }
    }

    private static void Check(ParameterDefinition definition, JToken value, string file)
    {
        var (expected, ok) = definition.Type switch
        {
            ParameterType.Int => ("an integer (int)", value.Type == JTokenType.Integer),
            ParameterType.Bool => ("a boolean (bool)", value.Type == JTokenType.Boolean),
            ParameterType.String => ("a string", value.Type == JTokenType.String),
            ParameterType.SecureString => ("a string (secureString)", value.Type == JTokenType.String),
            ParameterType.Object => ("a mapping/object", value.Type == JTokenType.Object),
            ParameterType.SecureObject => ("a mapping/object (secureObject)", value.Type == JTokenType.Object),
            _ => ("a sequence/array", value.Type == JTokenType.Array),
        };

        var name = definition.Name;
        if (!ok)
        {
            throw Error($"parameter '{name}' must be {expected}, not {Describe(value)}", value, file);
        }

        if (definition.AllowedValues is { } allowed && !IsAllowed(allowed, value))
        {
            throw Error($"parameter '{name}' has a value that is not allowed{Shown(definition, value)}; allowed: {AllowedList(definition, allowed)}", value, file);
        }

        if (value.Type == JTokenType.Integer)
        {
            var number = (long)value;
            if (number < definition.MinValue)
            {
                throw Error($"parameter '{name}' is {number}, less than its minValue {definition.MinValue}", value, file);
            }

            if (number > definition.MaxValue)
            {
                throw Error($"parameter '{name}' is {number}, more than its maxValue {definition.MaxValue}", value, file);
            }
        }

        long length = value switch
        {
            JArray array => array.Count,
            JValue { Type: JTokenType.String } text => ((string)text!).Length,
            _ => -1,
        };
        if (length >= 0)
        {
            if (length < definition.MinLength)
            {
                throw Error($"parameter '{name}' has length {length}, less than its minLength {definition.MinLength}", value, file);
            }

            if (length > definition.MaxLength)
            {
                throw Error($"parameter '{name}' has length {length}, more than its maxLength {definition.MaxLength}", value, file);
            }
        }
    }

    private static bool IsAllowed(IReadOnlyList<JToken> allowed, JToken value)
    {
        foreach (var candidate in allowed)
        {
            if (JToken.DeepEquals(candidate, value))
            {
                return true;
            }
        }

        return false;
    }

    private static string Shown(ParameterDefinition definition, JToken value) =>
        definition.IsSecure ? string.Empty : $" ({value.ToString(Newtonsoft.Json.Formatting.None)})";

    private static string AllowedList(ParameterDefinition definition, IReadOnlyList<JToken> allowed)
    {
        if (definition.IsSecure)
        {
            return $"{allowed.Count} values (not shown for a secure parameter)";
        }

        var names = new List<string>(allowed.Count);
        foreach (var candidate in allowed)
        {
            names.Add(candidate.ToString(Newtonsoft.Json.Formatting.None));
        }

        return NameList(names);
    }
}
