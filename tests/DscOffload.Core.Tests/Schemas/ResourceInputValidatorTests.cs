using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Core.Schemas;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Schemas;

public class ResourceInputValidatorTests
{
    private static readonly ResourceDescriptor Descriptor = ThingDescriptor.With(
        new() { Name = "count", Type = PropertyType.Integer, Minimum = 1, Maximum = 8 },
        new() { Name = "features", Type = PropertyType.BooleanMap },
        new() { Name = "nested", Type = PropertyType.Object, Members = [new() { Name = "flag", Type = PropertyType.Boolean, CanBeNull = true }] });

    private static Action Validate(string json) =>
        () => ResourceInputValidator.Validate(Descriptor, JObject.Parse(json, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load }), "input.json");

    [Fact]
    public void Validate_CrossPropertyRule_RunsAfterThePropertyChecks_AndIsReportedWhereItPoints()
    {
        var ruled = new ResourceDescriptor
        {
            Type = Descriptor.Type, Version = Descriptor.Version, Description = Descriptor.Description, Platform = Descriptor.Platform,
            Properties = Descriptor.Properties,
            CrossPropertyRule = input => input["mode"] is { } mode && input["count"] is not null ? ("mode and count exclude each other", mode) : null,
        };
        var parse = (string json) => JObject.Parse(json, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });

        var both = () => ResourceInputValidator.Validate(ruled, parse("{\"name\":\"a\",\n\"count\":2,\n \"mode\":\"Enabled\"}"), "input.json");
        var badCountFirst = () => ResourceInputValidator.Validate(ruled, parse("{\"name\":\"a\",\"count\":9,\"mode\":\"Enabled\"}"), "input.json");

        both.Should().Throw<DscOffloadException>().Where(e => e.OneLine.StartsWith("input.json:3:") && e.Message == "mode and count exclude each other");
        badCountFirst.Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("allowed: 1 to 8"));
        ResourceInputValidator.Validate(ruled, parse("{\"name\":\"a\",\"mode\":\"Enabled\"}"), "input.json");
    }

    [Fact]
    public void Validate_UnknownProperty_NamesItAndListsAllowed() =>
        Validate("{\"name\":\"a\",\n \"colour\":1}").Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.ValidationFailed && e.OneLine.StartsWith("input.json:2:") && e.Message.Contains("unknown property 'colour'") && e.Message.Contains("allowed: name, mode, count, features, nested"));

    [Fact]
    public void Validate_WrongEnumCase_SuggestsTheRightValue() =>
        Validate("{\"name\":\"a\",\"mode\":\"disabled\"}").Should().Throw<DscOffloadException>()
            .Where(e => e.Message.Contains("allowed: Disabled, Enabled") && e.Message.Contains("did you mean 'Disabled'"));

    [Fact]
    public void Validate_IntegerOutOfRange_SaysTheRange() =>
        Validate("{\"name\":\"a\",\"count\":9}").Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("allowed: 1 to 8"));

    [Fact]
    public void Validate_MapValueOfWrongType_NamesTheMember() =>
        Validate("{\"name\":\"a\",\"features\":{\"rx-gro\":\"off\"}}").Should().Throw<DscOffloadException>()
            .Where(e => e.Message.Contains("'features.rx-gro' must be true or false, not the string \"off\""));

    [Fact]
    public void Validate_MissingKey_IsAnError() =>
        Validate("{\"mode\":\"Enabled\"}").Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("requires the key property 'name'"));

    [Fact]
    public void Validate_UnknownNestedMember_IsAnError() =>
        Validate("{\"name\":\"a\",\"nested\":{\"flagg\":true}}").Should().Throw<DscOffloadException>().Where(e => e.Message.Contains("'nested.flagg'"));

    [Fact]
    public void Validate_ValidInput_Passes() =>
        Validate("{\"name\":\"a\",\"mode\":\"Enabled\",\"count\":2,\"features\":{\"x\":true},\"nested\":{\"flag\":null},\"_metadata\":{}}").Should().NotThrow();
}
