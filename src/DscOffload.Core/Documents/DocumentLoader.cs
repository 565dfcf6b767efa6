using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Documents.DocumentShape;

namespace DscOffload.Core.Documents;

/// <summary>
/// Reads a DSC v3 configuration document (YAML or JSON) and checks its shape the way <c>dsc</c> does
/// (unknown keys are errors, <c>$schema</c> and <c>resources</c> are required, instance types must be
/// well-formed and (type, name) pairs unique). Every error is an <see cref="ErrorKind.InvalidInput"/>
/// with the file, line and column of the offending node.
/// </summary>
internal static class DocumentLoader
{
    private static readonly string[] TopLevelKeys =
    [
        "$schema", "contentVersion", "directives", "executionInformation", "functions", "metadata", "outputs", "parameters", "resources", "variables",
    ];

    private static readonly string[] InstanceAllowedKeys =
    [
        "type", "name", "properties", "dependsOn", "metadata", "condition", "requireVersion", "apiVersion", "directives", "copy", "executionInformation",
    ];

    private static readonly string[] ParameterKeys =
    [
        "type", "defaultValue", "allowedValues", "minValue", "maxValue", "minLength", "maxLength", "description", "metadata",
    ];

    private const string ParameterTypes = "string, secureString, int, bool, object, secureObject, array";

    private const string Where = "the configuration document";

    /// <summary>Reads and checks the document at <paramref name="path"/> (the path as given names the file in errors).</summary>
    public static ConfigurationDocument Load(string path) => FromToken(StructuredTextParser.ParseFile(path), path);

    /// <summary>Checks a document given as text; <paramref name="displayName"/> names it in errors.</summary>
    public static ConfigurationDocument Parse(string text, string displayName) =>
        FromToken(StructuredTextParser.Parse(text, displayName), displayName);

    private static ConfigurationDocument FromToken(JToken token, string file)
    {
        if (token is not JObject root)
        {
            throw Error($"{Where} must be a mapping/object with '$schema' and 'resources', not {Describe(token)}", token, file);
        }

        CheckKeys(root, TopLevelKeys, Where, file);
        if (root.Property("$schema", StringComparison.Ordinal) is not { } schema)
        {
            throw Error($"{Where} has no '$schema'; add $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json", root, file);
        }

        if (schema.Value.Type != JTokenType.String)
        {
            throw Error($"'$schema' must be a string, not {Describe(schema.Value)}", schema.Value, file);
        }

        OptionalObject(root, "metadata", Where, file);
        OptionalObject(root, "directives", Where, file);
        var parameters = ReadParameters(OptionalObject(root, "parameters", Where, file), file);
        var variables = OptionalObject(root, "variables", Where, file) ?? new JObject().At(LocationOf(root, file));
        if (root.Property("resources", StringComparison.Ordinal) is null)
        {
            throw Error($"{Where} has no 'resources'; it needs a sequence/array of resource instances", root, file);
        }

        var resourcesArray = OptionalArray(root, "resources", Where, file)
            ?? throw Error("'resources' must be a sequence/array of resource instances, not null", root["resources"], file);
        var (resources, index) = ReadResources(resourcesArray, file);
        return new ConfigurationDocument(file, root, parameters, variables, resources, index);
    }

    private static (List<ResourceInstance>, Dictionary<string, int>) ReadResources(JArray array, string file)
    {
        if (array.Count > InputLimits.MaxResources)
        {
            throw Error(
                $"{Where} has {array.Count} resource instances; at most {InputLimits.MaxResources} are allowed (InputLimits.MaxResources)",
                array[InputLimits.MaxResources],
                file);
        }

        var resources = new List<ResourceInstance>(array.Count);
        var index = new Dictionary<string, int>(array.Count, StringComparer.Ordinal);
        foreach (var item in array)
        {
            var instance = ReadInstance(item, resources.Count, file);
            if (!index.TryAdd(InstanceKeys.Of(instance.Type, instance.Name), instance.Index))
            {
                throw Error(
                    $"resource named '{instance.Name}' for type '{instance.Type}' is specified more than once",
                    instance.Raw,
                    file);
            }

            resources.Add(instance);
        }

        return (resources, index);
    }

    private static ResourceInstance ReadInstance(JToken item, int position, string file)
    {
        if (item is not JObject obj)
        {
            throw Error($"a resource instance must be a mapping/object with 'type' and 'name', not {Describe(item)}", item, file);
        }

        var nameToken = obj.Property("name", StringComparison.Ordinal)?.Value;
        var where = nameToken is { Type: JTokenType.String } ? $"resource instance '{(string)nameToken!}'" : $"resource instance #{position + 1}";
        CheckKeys(obj, InstanceAllowedKeys, where, file);
        var typeToken = obj.Property("type", StringComparison.Ordinal)?.Value
            ?? throw Error($"{where} has no 'type'", obj, file);
        if (typeToken.Type != JTokenType.String)
        {
            throw Error($"'type' in {where} must be a string, not {Describe(typeToken)}", typeToken, file);
        }

        var type = (string)typeToken!;
        if (!ResourceTypeName.IsValid(type))
        {
            throw Error($"resource type '{type}' in {where} is not valid; expected {ResourceTypeName.Expected}", typeToken, file);
        }

        if (nameToken is null)
        {
            throw Error($"{where} of type '{type}' has no 'name'", obj, file);
        }

        if (nameToken.Type != JTokenType.String || ((string)nameToken!).Length == 0)
        {
            throw Error($"'name' in {where} must be a non-empty string, not {Describe(nameToken)}", nameToken, file);
        }

        var properties = OptionalObject(obj, "properties", where, file) ?? new JObject().At(LocationOf(obj, file));
        var dependsOnArray = OptionalArray(obj, "dependsOn", where, file);
        var dependsOn = new List<JToken>(dependsOnArray?.Count ?? 0);
        if (dependsOnArray is not null)
        {
            foreach (var entry in dependsOnArray)
            {
                if (entry.Type != JTokenType.String)
                {
                    throw Error($"each 'dependsOn' entry in {where} must be a string such as \"[resourceId('Type','Name')]\", not {Describe(entry)}", entry, file);
                }

                dependsOn.Add(entry);
            }
        }

        var metadata = OptionalObject(obj, "metadata", where, file);
        OptionalObject(obj, "directives", where, file);
        OptionalString(obj, "requireVersion", where, file);
        OptionalString(obj, "apiVersion", where, file);
        return new ResourceInstance(
            position,
            (string)nameToken!,
            type,
            properties,
            dependsOn,
            metadata,
            obj,
            LocationOf(obj, file),
            LocationOf(typeToken, file),
            LocationOf(nameToken, file));
    }

    private static List<ParameterDefinition> ReadParameters(JObject? section, string file)
    {
        var result = new List<ParameterDefinition>();
        for (var t = section?.First; t is not null; t = t.Next)
        {
            var property = (JProperty)t;
            var where = $"parameter '{property.Name}'";
            if (property.Value is not JObject definition)
            {
                throw Error($"{where} must be a mapping/object with at least 'type', not {Describe(property.Value)}", property.Value, file);
            }

            CheckKeys(definition, ParameterKeys, where, file);
            var typeName = OptionalString(definition, "type", where, file)
                ?? throw Error($"{where} has no 'type'; allowed: {ParameterTypes}", definition, file);
            var type = typeName switch
            {
                "string" => ParameterType.String,
                "secureString" => ParameterType.SecureString,
                "int" => ParameterType.Int,
                "bool" => ParameterType.Bool,
                "object" => ParameterType.Object,
                "secureObject" => ParameterType.SecureObject,
                "array" => ParameterType.Array,
                _ => throw Error($"{where} has type '{typeName}'; allowed: {ParameterTypes}", definition["type"], file),
            };

            var allowed = OptionalArray(definition, "allowedValues", where, file);
            List<JToken>? allowedValues = null;
            if (allowed is not null)
            {
                allowedValues = new List<JToken>(allowed.Count);
                foreach (var value in allowed)
                {
                    allowedValues.Add(value);
                }
            }

            var minValue = Integer(definition, "minValue", where, file);
            var maxValue = Integer(definition, "maxValue", where, file);
            var minLength = Integer(definition, "minLength", where, file);
            var maxLength = Integer(definition, "maxLength", where, file);
            if ((minValue ?? maxValue) is not null && type != ParameterType.Int)
            {
                throw Error($"{where}: minValue/maxValue apply only to int parameters", definition[minValue is null ? "maxValue" : "minValue"], file);
            }

            if ((minLength ?? maxLength) is not null
                && type is not (ParameterType.String or ParameterType.SecureString or ParameterType.Array))
            {
                throw Error($"{where}: minLength/maxLength apply only to string, secureString and array parameters", definition[minLength is null ? "maxLength" : "minLength"], file);
            }

            if (minLength < 0 || maxLength < 0)
            {
                throw Error($"{where}: minLength/maxLength must not be negative", definition[minLength < 0 ? "minLength" : "maxLength"], file);
            }

            result.Add(new ParameterDefinition(
                property.Name,
                type,
                definition.Property("defaultValue", StringComparison.Ordinal)?.Value,
                allowedValues,
                minValue,
                maxValue,
                minLength,
                maxLength,
                OptionalString(definition, "description", where, file),
                LocationOf(property, file)));
        }

        return result;
    }

    private static long? Integer(JObject definition, string key, string where, string file) =>
        definition.Property(key, StringComparison.Ordinal)?.Value switch
        {
            null => null,
            { Type: JTokenType.Integer } value => (long)value,
            var other => throw Error($"'{key}' in {where} must be an integer, not {Describe(other)}", other, file),
        };
}
