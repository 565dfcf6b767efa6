using DscOffload.Core.Resources;

namespace DscOffload.Core.Tests.Schemas;

/// <summary>
/// The test type <c>Test.Group/Thing</c> that the schema and validation tests describe: a key <c>name</c> and an
/// enum <c>mode</c>, plus whatever properties a test needs on top.
/// </summary>
internal static class ThingDescriptor
{
    /// <summary>The type with <paramref name="more"/> after <c>name</c> and <c>mode</c>.</summary>
    public static ResourceDescriptor With(params PropertyDescriptor[] more) => new()
    {
        Type = "Test.Group/Thing",
        Version = "1.0.0",
        Description = "t",
        Platform = "Linux",
        Properties =
        [
            new() { Name = "name", Type = PropertyType.String, IsKey = true },
            new() { Name = "mode", Type = PropertyType.Enum, AllowedValues = ["Disabled", "Enabled"] },
            .. more,
        ],
    };
}
