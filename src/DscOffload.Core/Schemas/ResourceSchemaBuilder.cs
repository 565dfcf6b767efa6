using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Schemas;

/// <summary>
/// Generates the JSON Schema (draft 2020-12) of a resource type from its descriptor. The schema is
/// embedded in the manifest: dsc validates both our input and our output against it, so it declares
/// every canonical property we emit and forbids everything else.
/// </summary>
internal static class ResourceSchemaBuilder
{
    /// <summary>The JSON Schema dialect used for embedded schemas.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Builds the complete schema object for <paramref name="descriptor"/>.</summary>
    public static JObject Build(ResourceDescriptor descriptor)
    {
        var properties = new JObject();
        foreach (var p in descriptor.Properties)
        {
            properties[p.Name] = PropertySchema(p);
        }

        foreach (var p in descriptor.CanonicalProperties)
        {
            properties[p.Name] = PropertySchema(p);
        }

        var schema = new JObject
        {
            ["$schema"] = Dialect,
            ["$id"] = $"https://dscoffload.dev/schemas/{descriptor.Type.Replace('/', '.')}/{descriptor.Version}.json",
            ["title"] = descriptor.Type,
            ["description"] = descriptor.Description,
            ["type"] = "object",
        };
        var required = new JArray(descriptor.Keys.Select(k => k.Name));
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        schema["additionalProperties"] = false;
        schema["properties"] = properties;
        return schema;
    }

    private static JObject PropertySchema(PropertyDescriptor p)
    {
        var s = new JObject();
        if (p.Description.Length > 0)
        {
            s["description"] = p.Description;
        }

        switch (p.Type)
        {
            case PropertyType.String:
                s["type"] = TypeName("string", p.CanBeNull);
                break;
            case PropertyType.Boolean:
                s["type"] = TypeName("boolean", p.CanBeNull);
                break;
            case PropertyType.Integer:
                s["type"] = TypeName("integer", p.CanBeNull);
                if (p.Minimum is { } min)
                {
                    s["minimum"] = min;
                }

                if (p.Maximum is { } max)
                {
                    s["maximum"] = max;
                }

                break;
            case PropertyType.Enum:
                s["type"] = TypeName("string", p.CanBeNull);
                var values = new JArray(p.AllowedValues);
                if (p.CanBeNull)
                {
                    values.Add(JValue.CreateNull());
                }

                s["enum"] = values;
                break;
            case PropertyType.Object:
                s["type"] = "object";
                if (p.Members.Count > 0)
                {
                    var members = new JObject();
                    foreach (var m in p.Members)
                    {
                        members[m.Name] = PropertySchema(m);
                    }

                    s["additionalProperties"] = false;
                    s["properties"] = members;
                }

                break;
            case PropertyType.BooleanMap:
                s["type"] = "object";
                s["additionalProperties"] = new JObject { ["type"] = "boolean" };
                break;
            case PropertyType.StringMap:
                s["type"] = "object";
                s["additionalProperties"] = new JObject { ["type"] = "string" };
                break;
            case PropertyType.StringArray:
                s["type"] = "array";
                s["items"] = p.AllowedValues.Count > 0
                    ? new JObject { ["type"] = "string", ["enum"] = new JArray(p.AllowedValues) }
                    : new JObject { ["type"] = "string" };
                break;
            case PropertyType.ObjectArray:
                s["type"] = "array";
                s["items"] = new JObject { ["type"] = "object" };
                break;
        }

        if (p.Default is { } d)
        {
            s["default"] = d.DeepClone();
        }

        if (p.IsReadOnly)
        {
            s["readOnly"] = true;
        }

        return s;
    }

    private static JToken TypeName(string name, bool canBeNull) =>
        canBeNull ? new JArray(name, "null") : new JValue(name);
}
