using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Process;

/// <summary>
/// Checks a resource-protocol run the way dsc reads it: stdout is UTF-8 without BOM and made of
/// compact single-line JSON values only; every stderr line is a JSON object with exactly one of the
/// keys dsc understands (error, warn, info, debug, trace) and a string value.
/// </summary>
public static class ProtocolOutputShape
{
    private static readonly string[] MessageKeys = ["error", "warn", "info", "debug", "trace"];

    /// <summary>Asserts the shape and returns the parsed stdout lines.</summary>
    public static IReadOnlyList<JToken> Assert(ProcessResult result, int expectedLines)
    {
        result.StdoutBytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF }, "dsc fails on a BOM");
        var lines = result.Stdout.Split('\n');
        lines[^1].Should().BeEmpty("output ends with a newline");
        var values = lines[..^1].Select(l => JToken.Parse(l)).ToList();
        values.Should().HaveCount(expectedLines, result.ToString());
        foreach (var l in lines[..^1])
        {
            l.Should().NotContain("\r").And.NotStartWith(" ");
            JToken.Parse(l).ToString(Newtonsoft.Json.Formatting.None).Should().Be(l, "each value is one compact line");
        }

        AssertMessages(result);
        return values;
    }

    /// <summary>Asserts that every stderr line is a dsc message object and returns them as (level, text).</summary>
    public static IReadOnlyList<(string Level, string Text)> AssertMessages(ProcessResult result)
    {
        var messages = new List<(string, string)>();
        foreach (var line in result.StderrLines)
        {
            var o = JObject.Parse(line);
            o.Properties().Should().ContainSingle(line);
            var p = o.Properties().Single();
            MessageKeys.Should().Contain(p.Name);
            p.Value.Type.Should().Be(JTokenType.String);
            messages.Add((p.Name, p.Value.Value<string>()!));
        }

        return messages;
    }
}
