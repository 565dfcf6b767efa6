using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Safety;

/// <summary>Structural JSON equality (property order ignored) with both texts in the failure message.</summary>
public static class JsonAssert
{
    public static void Same(JToken? actual, string expected) => Same(actual, JToken.Parse(expected));

    public static void Same(JToken? actual, JToken? expected) =>
        JToken.DeepEquals(actual, expected).Should().BeTrue($"expected {expected?.ToString(Newtonsoft.Json.Formatting.None)} but got {actual?.ToString(Newtonsoft.Json.Formatting.None)}");
}
