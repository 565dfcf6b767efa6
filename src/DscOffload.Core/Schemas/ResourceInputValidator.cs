using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Schemas;

/// <summary>
/// Checks resource input against a descriptor with messages an operator can act on: the property,
/// where it is, and what is allowed. This is the same check the embedded JSON Schema expresses, done
/// in code so that the errors are precise and located.
/// </summary>
internal static class ResourceInputValidator
{
    /// <summary>
    /// Validates <paramref name="input"/>; throws <see cref="DscOffloadException"/> with
    /// <see cref="ErrorKind.ValidationFailed"/> on the first problem.
    /// </summary>
    /// <param name="descriptor">The resource type.</param>
    /// <param name="input">The instance properties (located tokens give file:line:column).</param>
    /// <param name="fileForLineInfo">Display name for inputs parsed without location annotations.</param>
    /// <param name="requireKeys">False for get/export filters, which may leave the key out.</param>
    public static void Validate(ResourceDescriptor descriptor, JObject input, string? fileForLineInfo = null, bool requireKeys = true)
    {
        foreach (var property in input.Properties())
        {
            var p = descriptor.Property(property.Name)
                ?? throw Fail(property, fileForLineInfo,
                    $"unknown property '{property.Name}' for {descriptor.Type}; allowed: {Names(descriptor.Properties)}");
            CheckValue(descriptor.Type, p, property.Name, property.Value, fileForLineInfo);
        }

        foreach (var key in requireKeys ? descriptor.Keys : [])
        {
            if (input[key.Name] is null || input[key.Name]!.Type == JTokenType.Null)
            {
                throw new DscOffloadException(ErrorKind.ValidationFailed,
                    $"{descriptor.Type} requires the key property '{key.Name}'", input.Location(fileForLineInfo));
            }
        }

        if (descriptor.CrossPropertyRule?.Invoke(input) is var (message, at))
        {
            throw Fail(at, fileForLineInfo, message);
        }
    }

    private static void CheckValue(string type, PropertyDescriptor p, string path, JToken value, string? file)
    {
        if (value.Type == JTokenType.Null)
        {
            // Null means "leave alone" for settable properties; reported nulls are fine for read-only ones.
            return;
        }

        switch (p.Type)
        {
            case PropertyType.String:
                Expect(value, JTokenType.String, "a string", path, file);
                break;
            case PropertyType.Boolean:
                Expect(value, JTokenType.Boolean, "true or false", path, file);
                break;
            case PropertyType.Integer:
                Expect(value, JTokenType.Integer, "an integer", path, file);
                var n = value.Value<long>();
                if ((p.Minimum is { } min && n < min) || (p.Maximum is { } max && n > max))
                {
                    throw Fail(value, file, $"'{path}' is {n}; allowed: {p.Minimum} to {p.Maximum}");
                }

                break;
            case PropertyType.Enum:
                Expect(value, JTokenType.String, $"one of {string.Join(", ", p.AllowedValues)}", path, file);
                var text = value.Value<string>()!;
                if (!p.AllowedValues.Contains(text, StringComparer.Ordinal))
                {
                    var hint = p.AllowedValues.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
                    var suffix = hint is null ? "" : $" (did you mean '{hint}'? values are case-sensitive)";
                    throw Fail(value, file, $"'{path}' has invalid value '{text}'; allowed: {string.Join(", ", p.AllowedValues)}{suffix}");
                }

                break;
            case PropertyType.Object:
                Expect(value, JTokenType.Object, "an object", path, file);
                if (p.Members.Count > 0)
                {
                    foreach (var member in ((JObject)value).Properties())
                    {
                        var m = p.Member(member.Name)
                            ?? throw Fail(member, file, $"unknown property '{path}.{member.Name}' for {type}; allowed: {Names(p.Members)}");
                        CheckValue(type, m, $"{path}.{member.Name}", member.Value, file);
                    }
                }

                break;
            case PropertyType.BooleanMap:
                Expect(value, JTokenType.Object, "an object of name: true|false", path, file);
                foreach (var member in ((JObject)value).Properties())
                {
                    Expect(member.Value, JTokenType.Boolean, "true or false", $"{path}.{member.Name}", file);
                }

                break;
            case PropertyType.StringMap:
                Expect(value, JTokenType.Object, "an object of keyword: \"value\"", path, file);
                foreach (var member in ((JObject)value).Properties())
                {
                    Expect(member.Value, JTokenType.String, "a string (registry values are strings, e.g. \"0\")", $"{path}.{member.Name}", file);
                }

                break;
            case PropertyType.StringArray:
                Expect(value, JTokenType.Array, "an array of strings", path, file);
                foreach (var item in (JArray)value)
                {
                    Expect(item, JTokenType.String, "a string", $"{path}[]", file);
                    if (p.AllowedValues.Count > 0 && !p.AllowedValues.Contains(item.Value<string>()!, StringComparer.Ordinal))
                    {
                        throw Fail(item, file, $"'{path}' has invalid item '{item.Value<string>()}'; allowed: {string.Join(", ", p.AllowedValues)}");
                    }
                }

                break;
            case PropertyType.ObjectArray:
                Expect(value, JTokenType.Array, "an array of objects", path, file);
                break;
        }
    }

    private static void Expect(JToken value, JTokenType expected, string what, string path, string? file)
    {
        if (value.Type != expected)
        {
            throw Fail(value, file, $"'{path}' must be {what}, not {Describe(value)}");
        }
    }

    private static string Describe(JToken value) => value.Type switch
    {
        JTokenType.String => $"the string \"{Truncate(value.Value<string>()!)}\"",
        JTokenType.Integer or JTokenType.Float => $"the number {value}",
        JTokenType.Boolean => $"the boolean {value.ToString().ToLowerInvariant()}",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        _ => value.Type.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static string Names(IEnumerable<PropertyDescriptor> properties) =>
        string.Join(", ", properties.Where(p => !p.IsReadOnly).Select(p => p.Name));

    private static DscOffloadException Fail(JToken at, string? file, string message) =>
        new(ErrorKind.ValidationFailed, message, at.Location(file));
}
