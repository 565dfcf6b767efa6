using System.Globalization;
using System.Text;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Packaging.PowerShell;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.MachineConfiguration;

/// <summary>
/// Writes the compiled configuration (MOF) of a Machine Configuration package in the shape a PSDSC
/// <c>Configuration</c> compiles to: one <c>instance of &lt;Class&gt; as $&lt;Class&gt;Nref</c> per resource
/// instance with <c>ResourceID</c>, <c>SourceInfo</c>, <c>ModuleName</c>, <c>ModuleVersion</c>,
/// <c>ConfigurationName</c> and <c>DependsOn</c>, then the <c>OMI_ConfigurationDocument</c> instance. No
/// generation date or host is written, so the same document always gives the same bytes (and hash).
/// </summary>
public static class MofDocumentWriter
{
    /// <summary>The MOF text of <paramref name="instances"/> as configuration <paramref name="configurationName"/>.</summary>
    public static string Write(string configurationName, IReadOnlyList<MofResourceInstance> instances)
    {
        var text = new StringBuilder();
        text.Append("/*\n@TargetNode='localhost'\n@GeneratedBy=dscoffload ").Append(ProductInfo.Version).Append("\n*/\n");
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            var className = instance.Wrapper.ClassName;
            var number = aliases[className] = aliases.GetValueOrDefault(className) + 1;
            text.Append($"\ninstance of {className} as ${className}{number.ToString(CultureInfo.InvariantCulture)}ref\n{{\n");
            Property(text, "ResourceID", MofText.Quote(instance.ResourceId));
            Property(text, "SourceInfo", MofText.Quote(instance.SourceInfo));
            if (instance.Wrapper.IsSingleInstance)
            {
                Property(text, WrapperClass.SingleInstanceKey, MofText.Quote("Yes"));
            }

            foreach (var (name, literal) in Values(instance))
            {
                Property(text, name, literal);
            }

            Property(text, "ModuleName", MofText.Quote(WrapperClass.ModuleName));
            Property(text, "ModuleVersion", MofText.Quote(PowerShellModuleWriter.ModuleVersion));
            Property(text, "ConfigurationName", MofText.Quote(configurationName));
            if (instance.DependsOn.Count > 0)
            {
                Property(text, "DependsOn", MofText.StringArray(instance.DependsOn));
            }

            text.Append("};\n");
        }

        text.Append("\ninstance of OMI_ConfigurationDocument\n{\n");
        Property(text, "Version", MofText.Quote("2.0.0"));
        Property(text, "MinimumCompatibleVersion", MofText.Quote("1.0.0"));
        Property(text, "CompatibleVersionAdditionalProperties", MofText.StringArray(["Omi_BaseResource:ConfigurationName"]));
        Property(text, "Name", MofText.Quote(configurationName));
        text.Append("};\n");
        return text.ToString();
    }

    /// <summary>The MOF literal of each property the instance declares, in the wrapper class's order.</summary>
    public static IEnumerable<(string Name, string Literal)> Values(MofResourceInstance instance)
    {
        foreach (var property in instance.Wrapper.Properties)
        {
            if (property.Source is null || property.Role == WrapperPropertyRole.ReadOnly
                || instance.Properties.Property(property.Name, StringComparison.Ordinal) is not { } declared)
            {
                continue;
            }

            yield return (property.Name, Literal(instance, property, declared.Value));
        }
    }

    private static string Literal(MofResourceInstance instance, WrapperProperty property, JToken value)
    {
        if (value.Type == JTokenType.Null)
        {
            throw Problem(instance, property, value, "is null; a Machine Configuration package cannot declare a null top-level value (leave the property out to leave it alone)");
        }

        switch (property.Kind)
        {
            case WrapperValueKind.Boolean when value.Type == JTokenType.Boolean:
                return MofText.Boolean((bool)value);
            case WrapperValueKind.Integer when value.Type == JTokenType.Integer:
                return ((long)value).ToString(CultureInfo.InvariantCulture);
            case WrapperValueKind.String when value.Type == JTokenType.String:
                return MofText.Quote((string)value!);
            case WrapperValueKind.StringArray when value is JArray array && array.All(v => v.Type == JTokenType.String):
                return MofText.StringArray(array.Select(v => (string)v!));
            case WrapperValueKind.JsonText:
                return MofText.Quote(value.ToString(Formatting.None));
            default:
                throw Problem(instance, property, value, $"has a {value.Type} value where the wrapper class holds {property.PowerShellType}");
        }
    }

    private static DscOffloadException Problem(MofResourceInstance instance, WrapperProperty property, JToken value, string what) =>
        new(ErrorKind.ValidationFailed, $"property '{property.Name}' of '{instance.Name}' {what}",
            value.Location());

    private static void Property(StringBuilder text, string name, string literal) =>
        text.Append(' ').Append(name).Append(" = ").Append(literal).Append(";\n");
}
