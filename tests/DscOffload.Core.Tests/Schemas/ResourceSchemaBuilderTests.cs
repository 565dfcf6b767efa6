using DscOffload.Core.Resources;
using DscOffload.Core.Schemas;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Schemas;

public class ResourceSchemaBuilderTests
{
    private static readonly ResourceDescriptor Descriptor = ThingDescriptor.With(
        new PropertyDescriptor { Name = "value", Type = PropertyType.Boolean, CanBeNull = true, IsReadOnly = true });

    [Fact]
    public void Build_ForbidsUndeclaredPropertiesAndRequiresKeys()
    {
        var schema = ResourceSchemaBuilder.Build(Descriptor);
        schema["additionalProperties"]!.Value<bool>().Should().BeFalse();
        schema["required"]!.Values<string>().Should().Equal("name");
        schema["$schema"]!.Value<string>().Should().Be("https://json-schema.org/draft/2020-12/schema");
    }

    [Fact]
    public void Build_DeclaresEveryCanonicalPropertyTheResourcesEmit()
    {
        var properties = (JObject)ResourceSchemaBuilder.Build(Descriptor)["properties"]!;
        properties.Properties().Select(p => p.Name).Should().Contain(["_name", "_inDesiredState", "_restartRequired", "_metadata"]);
    }

    [Fact]
    public void Build_EnumAndNullableTypes_AreExpressed()
    {
        var properties = (JObject)ResourceSchemaBuilder.Build(Descriptor)["properties"]!;
        properties["mode"]!["enum"]!.Values<string>().Should().Equal("Disabled", "Enabled");
        properties["value"]!["type"]!.Values<string>().Should().Equal("boolean", "null");
        properties["value"]!["readOnly"]!.Value<bool>().Should().BeTrue();
    }
}
