using System.Text;
using DscOffload.Core.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Json;

/// <summary>
/// <see cref="JsonText.Compact"/> writes the protocol's output without Newtonsoft's writer; dsc and the golden files
/// read those bytes, so they must be exactly Newtonsoft's <c>ToString(Formatting.None)</c>.
/// </summary>
public class CompactJsonTextTests
{
    private static string Newtonsoft(JToken token) => token.ToString(Formatting.None);

    public static TheoryData<string> Documents => new()
    {
        "{}",
        "[]",
        "{\"a\":[],\"b\":{},\"c\":[{}, [[]]]}",
        "{\"name\":\"eth0\",\"features\":{\"rx-gro\":false,\"tx-checksum-ip-generic\":true},\"channels\":{\"rx\":4},\"persisted\":null}",
        "[0, -1, 9223372036854775807, -9223372036854775808, 1.5, -0.0, 1e20, 1E-7, 3.0, 0.1, 123456789.125, 5e-324, 1.7976931348623157E+308]",
        "{\"quote\\\"back\\\\slash\":\"/\\b\\f\\n\\r\\t \\u0000\\u001f\\u007f\\u0080\\u0085\\u00a0\\u2028\\u2029\\ud83d\\ude00 é\"}",
        "{\"unpaired\":\"\\ud800 x \\udc00\",\"empty\":\"\",\"nested\":{\"deeper\":{\"list\":[true,false,null,\"\"]}}}",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Compact_WritesExactlyNewtonsoftsText(string json)
    {
        var token = JToken.Parse(json, new JsonLoadSettings());

        CompactJsonWriter.TryWrite(token).Should().Be(Newtonsoft(token), "the writer itself handles every token of the protocol's model");
        JsonText.Compact(token).Should().Be(Newtonsoft(token));
    }

    [Fact]
    public void Compact_EscapesEveryCharacterAsNewtonsoftDoes()
    {
        var all = new StringBuilder();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            all.Append((char)c);
        }

        var token = new JObject { [all.ToString()] = all.ToString(), ["list"] = new JArray(all.ToString()) };

        CompactJsonWriter.TryWrite(token).Should().Be(Newtonsoft(token));
    }

    [Fact]
    public void Compact_OfTokensOutsideTheProtocolsModel_FallsBackToNewtonsoft()
    {
        var token = new JObject
        {
            ["date"] = new JValue(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
            ["decimal"] = new JValue(1.10m),
            ["nan"] = new JValue(double.NaN),
            ["guid"] = new JValue(Guid.Empty),
            ["bytes"] = new JValue(new byte[] { 1, 2 }),
            ["raw"] = new JRaw("[1,  2]"),
            ["unsigned"] = new JValue(ulong.MaxValue),
        };

        foreach (var property in token.Properties())
        {
            CompactJsonWriter.TryWrite(property.Value).Should().BeNull(property.Name);
            JsonText.Compact(property.Value).Should().Be(Newtonsoft(property.Value), property.Name);
        }

        JsonText.Compact(token).Should().Be(Newtonsoft(token));
    }

    [Fact]
    public void Compact_OfPropertiesAndStringNulls_MatchesNewtonsoft()
    {
        var property = new JProperty("k\n", new JArray(1, "two", 3.25, true));
        var nullString = new JValue((string?)null);

        CompactJsonWriter.TryWrite(property).Should().Be(Newtonsoft(property));
        CompactJsonWriter.TryWrite(nullString).Should().Be(Newtonsoft(nullString));
    }
}
