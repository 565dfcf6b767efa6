using System.Diagnostics;
using System.Text;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Tests.Documents.SourceText;

namespace DscOffload.Core.Tests.Documents;

public class StructuredTextParserTests
{
    private const string File = "doc.yaml";

    private static string Where(JToken token) => token.Location()!.Value.ToString();

    [Fact]
    public void Parse_Json_LocatesEveryNodeAtItsFirstCharacter()
    {
        const string text = "{\n  \"name\" : \"web\",\n  \"ports\": [ 80,\n    443 ],\n  \"on\": true, \"off\": null,\n  \"ratio\": -1.5\n}\n";
        var root = (JObject)StructuredTextParser.Parse(text, File);

        Where(root).Should().Be(Locate(text, File, "{"));
        Where(root.Property("name")!).Should().Be(Locate(text, File, "\"name\""));
        Where(root["name"]!).Should().Be(Locate(text, File, "\"web\""));
        Where(root["ports"]!).Should().Be(Locate(text, File, "["));
        Where(root["ports"]![0]!).Should().Be(Locate(text, File, "80"));
        Where(root["ports"]![1]!).Should().Be(Locate(text, File, "443"));
        Where(root["on"]!).Should().Be(Locate(text, File, "true"));
        Where(root.Property("off")!).Should().Be(Locate(text, File, "\"off\""));
        Where(root["off"]!).Should().Be(Locate(text, File, "null"));
        Where(root["ratio"]!).Should().Be(Locate(text, File, "-1.5"));
        root["ports"]![1]!.Type.Should().Be(JTokenType.Integer);
        root["ratio"]!.Value<double>().Should().Be(-1.5);
    }

    [Fact]
    public void Parse_JsonWithCommentsAndCrLf_StillLocatesNodes()
    {
        const string text = "{ /* first */ \"a\": 1, // trailing\r\n  \"b\": /* x */ \"two\"\r\n}";
        var root = (JObject)StructuredTextParser.Parse(text, File);

        Where(root["a"]!).Should().Be(Locate(text, File, "1"));
        Where(root.Property("b")!).Should().Be(Locate(text, File, "\"b\""));
        Where(root["b"]!).Should().Be(Locate(text, File, "\"two\""));
    }

    [Fact]
    public void Parse_Yaml_LocatesEveryNodeAtItsFirstCharacter()
    {
        const string text = "name: web\nports:\n  - 80\n  - \"443\"\nnested: {a: [1, x]}\n";
        var root = (JObject)StructuredTextParser.Parse(text, File);

        Where(root).Should().Be(Locate(text, File, "name"));
        Where(root.Property("ports")!).Should().Be(Locate(text, File, "ports"));
        Where(root["name"]!).Should().Be(Locate(text, File, "web"));
        Where(root["ports"]![0]!).Should().Be(Locate(text, File, "80"));
        Where(root["ports"]![1]!).Should().Be(Locate(text, File, "\"443\""));
        Where(root["nested"]!).Should().Be(Locate(text, File, "{"));
        Where(root["nested"]!["a"]![1]!).Should().Be(Locate(text, File, "x]"));
    }

    [Fact]
    public void Parse_SameDocumentAsYamlAndJson_GivesEqualTrees()
    {
        const string yaml = """
            $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json
            parameters:
              count: { type: int, defaultValue: 3, minValue: 0 }
            resources:
              - name: base
                type: Contoso.Example/Setting
                properties:
                  enabled: true
                  ratio: 0.25
                  hex: 0x10
                  text: "[parameters('count')]"
                  nothing: ~
                  list: [a, 'b', "c"]
                  block: |
                    line one
                    line two
            """;
        const string json = """
            {
              "$schema": "https://aka.ms/dsc/schemas/v3/bundled/config/document.json",
              "parameters": { "count": { "type": "int", "defaultValue": 3, "minValue": 0 } },
              "resources": [
                {
                  "name": "base",
                  "type": "Contoso.Example/Setting",
                  "properties": {
                    "enabled": true, "ratio": 0.25, "hex": 16, "text": "[parameters('count')]",
                    "nothing": null, "list": ["a", "b", "c"], "block": "line one\nline two\n"
                  }
                }
              ]
            }
            """;

        var fromYaml = StructuredTextParser.Parse(yaml + "\n", "a.yaml");
        var fromJson = StructuredTextParser.Parse(json, "a.json");

        JToken.DeepEquals(fromYaml, fromJson).Should().BeTrue(because: $"YAML gave {fromYaml} and JSON gave {fromJson}");
    }

    [Theory]
    [InlineData("", "null")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("false", "false")]
    [InlineData("FALSE", "false")]
    [InlineData("tRUE", "\"tRUE\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("off", "\"off\"")]
    [InlineData("0", "0")]
    [InlineData("-17", "-17")]
    [InlineData("+5", "5")]
    [InlineData("012", "12")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0x7FFFFFFFFFFFFFFF", "9223372036854775807")]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    [InlineData("1.5", "1.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("1.", "1.0")]
    [InlineData("1e3", "1000.0")]
    [InlineData("2.5E-1", "0.25")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("0b101", "\"0b101\"")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("0o8", "\"0o8\"")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    [InlineData("e3", "\"e3\"")]
    [InlineData("1e", "\"1e\"")]
    [InlineData("+.nan", "\"+.nan\"")]
    [InlineData("2024-01-01", "\"2024-01-01\"")]
    [InlineData("hello world", "\"hello world\"")]
    public void Parse_YamlPlainScalar_ResolvesByCoreSchema(string scalar, string expectedJson)
    {
        var value = StructuredTextParser.Parse($"key: {scalar}\n", File)["key"]!;
        var expected = JToken.Parse(expectedJson);

        value.Type.Should().Be(expected.Type);
        JToken.DeepEquals(value, expected).Should().BeTrue(because: $"'{scalar}' gave {value}");
    }

    [Theory]
    [InlineData("\"true\"", "true")]
    [InlineData("'123'", "123")]
    [InlineData("\"null\"", "null")]
    [InlineData("''", "")]
    [InlineData("|\n  42\n", "42\n")]
    [InlineData(">-\n  0x10\n", "0x10")]
    public void Parse_YamlQuotedOrBlockScalar_IsAlwaysAString(string scalar, string expected)
    {
        var value = StructuredTextParser.Parse($"key: {scalar}\n", File)["key"]!;

        value.Type.Should().Be(JTokenType.String);
        value.Value<string>().Should().Be(expected);
    }

    [Theory]
    [InlineData("!!str 12", "\"12\"")]
    [InlineData("!!int \"12\"", "12")]
    [InlineData("!!float 2", "2.0")]
    [InlineData("!!bool 'true'", "true")]
    [InlineData("!!null ''", "null")]
    [InlineData("! 12", "\"12\"")]
    [InlineData("!!seq [1]", "[1]")]
    [InlineData("!!map {a: 1}", "{\"a\": 1}")]
    public void Parse_YamlStandardTag_DecidesTheType(string scalar, string expectedJson)
    {
        var value = StructuredTextParser.Parse($"key: {scalar}\n", File)["key"]!;

        JToken.DeepEquals(value, JToken.Parse(expectedJson)).Should().BeTrue(because: $"'{scalar}' gave {value}");
    }

    [Theory]
    [InlineData("!custom x", "unsupported tag '!custom'")]
    [InlineData("!!int abc", "tagged as an integer")]
    [InlineData("!!map [1]", "unsupported tag")]
    public void Parse_YamlUnsupportedOrMismatchedTag_IsAnErrorAtTheNode(string scalar, string fragment)
    {
        var text = $"key: {scalar}\n";

        ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, "!"), fragment);
    }

    [Fact]
    public void Parse_YamlDuplicateKey_IsAnErrorAtTheSecondKey()
    {
        const string text = "a: 1\nb: 2\na: 3\n";

        ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, "a:", 2), "duplicate key 'a'");
    }

    [Fact]
    public void Parse_YamlKeysEqualOnlyAsJsonNames_AreDuplicates()
    {
        const string text = "1: a\n\"1\": b\n";

        ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, "\"1\""), "duplicate key '1'");
    }

    [Fact]
    public void Parse_JsonDuplicateKey_IsAnErrorAtTheSecondKey()
    {
        const string text = "{\n  \"a\": 1,\n  \"a\": 2\n}";

        ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, "\"a\"", 2), "duplicate key 'a'");
    }

    [Theory]
    [InlineData("? [1, 2]\n: value\n", "[1")]
    [InlineData("outer:\n  {a: 1}: value\n", "{a")]
    public void Parse_YamlNonScalarKey_IsAnErrorAtTheKey(string text, string keyStart)
    {
        ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, keyStart), "mapping key must be a scalar");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# just a comment\n")]
    public void Parse_EmptyText_IsAnError(string text)
    {
        ShouldFailAt(() => StructuredTextParser.Parse(text, File), $"{File}:1:1", "the file is empty");
    }

    [Fact]
    public void Parse_TwoYamlDocuments_IsAnErrorAtTheSecond()
    {
        const string text = "a: 1\n---\nb: 2\n";

        ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, "---"), "more than one YAML document");
    }

    [Fact]
    public void Parse_TextWithByteOrderMark_IsAccepted()
    {
        var yaml = StructuredTextParser.Parse("\uFEFFa: 1\n", File);
        var json = StructuredTextParser.Parse("\uFEFF{\"a\": 1}", File);

        yaml["a"]!.Value<long>().Should().Be(1);
        json["a"]!.Value<long>().Should().Be(1);
        Where(yaml["a"]!).Should().Be($"{File}:1:4");
    }

    [Fact]
    public void ParseFile_Utf8WithByteOrderMark_IsAcceptedAndNamedByItsPath()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("name: caf\u00e9\n")).ToArray();
        using var file = new TempFile(bytes);

        var root = StructuredTextParser.ParseFile(file.Path);

        root["name"]!.Value<string>().Should().Be("caf\u00e9");
        Where(root["name"]!).Should().Be($"{file.Path}:1:7");
    }

    [Fact]
    public void ParseFile_InvalidUtf8_IsAnErrorAtTheBadByte()
    {
        var bytes = Encoding.UTF8.GetBytes("a: 1\nbb: x").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        using var file = new TempFile(bytes);

        ShouldFailAt(() => StructuredTextParser.ParseFile(file.Path), $"{file.Path}:2:6", "not valid UTF-8", "0xC3");
    }

    [Fact]
    public void ParseFile_Pipe_IsReadToTheEnd()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Opens the pipe through /proc/self/fd.
        }

        using var client = WritePipe("a: 1\nb: [x, y]\n");
        var path = $"/proc/self/fd/{client.DangerousGetHandle()}";

        var root = StructuredTextParser.ParseFile(path);

        root["b"]![1]!.Value<string>().Should().Be("y");
        Where(root["b"]!).Should().Be($"{path}:2:4");
    }

    /// <summary>A pipe holding <paramref name="content"/> whose writer is closed; returns the reading end.</summary>
    private static Microsoft.Win32.SafeHandles.SafePipeHandle WritePipe(string content)
    {
        using var server = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        server.Write(Encoding.UTF8.GetBytes(content));
        var client = server.ClientSafePipeHandle;
        return client;
    }

    [Fact]
    public void Parse_NulCharacter_IsAnErrorAtIt()
    {
        const string text = "a: 1\nb: x\0y\n";

        ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, "\0"), "NUL");
    }

    [Fact]
    public void ParseFile_MissingFile_IsAnInvalidInputError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dscoffload-missing-{Guid.NewGuid():N}.yaml");

        var error = FluentActions.Invoking(() => StructuredTextParser.ParseFile(path)).Should().Throw<DscOffloadException>().Which;

        error.Kind.Should().Be(ErrorKind.InvalidInput);
        error.Message.Should().Contain(path).And.Contain("does not exist");
    }

    [Theory]
    [InlineData("a: 99999999999999999999\n", "99999999999999999999")]
    [InlineData("a: 0x8000000000000000\n", "0x8000000000000000")]
    [InlineData("a: 1e999\n", "1e999")]
    [InlineData("{\"a\": 99999999999999999999}", "99999999999999999999")]
    public void Parse_NumberOutOfRange_IsNumberTooLarge(string text, string number)
    {
        ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, number), "number too large", number);
    }

    [Theory]
    [InlineData("a: .inf\n", ".inf")]
    [InlineData("a: -.Inf\n", "-.Inf")]
    [InlineData("a: .NaN\n", ".NaN")]
    [InlineData("{\"a\": NaN}", "NaN")]
    public void Parse_NonFiniteNumber_IsAnError(string text, string token)
    {
        ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, token), "not a finite number");
    }

    [Fact]
    public void Parse_JsonDateLikeString_StaysAString()
    {
        var value = StructuredTextParser.Parse("{\"when\": \"2020-01-01T00:00:00Z\"}", File)["when"]!;

        value.Type.Should().Be(JTokenType.String);
        value.Value<string>().Should().Be("2020-01-01T00:00:00Z");
    }

    [Theory]
    [InlineData("{\"a\": 1 \"b\": 2}", "\"b\"", "unexpected character")]
    [InlineData("[1, 2] [3]", "[3", "additional text")]
    [InlineData("{\"a\": tru}", "}", "boolean")]
    public void Parse_JsonSyntaxError_IsOneLineWithPosition(string text, string at, string fragment)
    {
        var error = ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, at), "invalid JSON", fragment);

        error.Message.Should().NotContain("Path '").And.NotContain("line 1");
    }

    [Fact]
    public void Parse_TruncatedJson_IsAnErrorAtTheEnd()
    {
        const string text = "{\"a\": [1,\n  2";

        ShouldFailAt(() => StructuredTextParser.Parse(text, File), LocateOffset(text, File, text.Length), "invalid JSON");
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n", "b: 3")]
    [InlineData("a: 'open\n", "'open")]
    [InlineData("a:\n  - 1\n - 2\n", " - 2")]
    public void Parse_YamlSyntaxError_IsOneLineOnTheOffendingLine(string text, string lineMarker)
    {
        var expectedLine = Locate(text, File, lineMarker).Split(':')[1];

        var error = ShouldFailAt(() => StructuredTextParser.Parse(text, File), File, "invalid YAML");

        error.OneLine.Should().StartWith($"{File}:{expectedLine}:");
        error.Message.Should().NotContain("Line:").And.NotContain("Idx");
    }

    [Fact]
    public void Parse_UndefinedAlias_IsAnError()
    {
        var error = FluentActions.Invoking(() => StructuredTextParser.Parse("a: *missing\n", File)).Should().Throw<DscOffloadException>().Which;

        error.Kind.Should().Be(ErrorKind.InvalidInput);
        error.Message.Should().Contain("anchor").And.Contain("missing");
    }

    [Fact]
    public void Parse_Alias_IsExpandedToACopyOfTheAnchoredNode()
    {
        const string text = "base: &common {size: 3, tags: [x]}\ncopy: *common\n";

        var root = StructuredTextParser.Parse(text, File);

        JToken.DeepEquals(root["copy"], root["base"]).Should().BeTrue();
        ReferenceEquals(root["copy"], root["base"]).Should().BeFalse();
        Where(root["copy"]!["size"]!).Should().Be(Locate(text, File, "3"));
    }

    [Fact]
    public void Parse_AliasBomb_IsRejectedQuickly()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append($"a{i}: &a{i} [");
            text.AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 10));
            text.Append("]\n");
        }

        var stopwatch = Stopwatch.StartNew();
        var error = FluentActions.Invoking(() => StructuredTextParser.Parse(text.ToString(), File)).Should().Throw<DscOffloadException>().Which;
        stopwatch.Stop();

        error.Kind.Should().Be(ErrorKind.InvalidInput);
        error.Message.Should().Contain("InputLimits.MaxNodes");
        stopwatch.ElapsedMilliseconds.Should().BeLessThan(2000);
    }

    [Fact]
    public void Parse_RecursiveAlias_IsAnError()
    {
        var error = FluentActions.Invoking(() => StructuredTextParser.Parse("a: &loop [1, *loop]\n", File)).Should().Throw<DscOffloadException>().Which;

        error.Kind.Should().Be(ErrorKind.InvalidInput);
        error.Message.Should().Contain("recursive alias");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parse_NestingAtTheLimit_IsAccepted(bool json)
    {
        var depth = InputLimits.MaxNestingDepth;
        var text = json ? new string('[', depth) + new string(']', depth) : "a: " + new string('[', depth - 1) + new string(']', depth - 1);

        var act = () => StructuredTextParser.Parse(text, File);

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData(true, 65)]
    [InlineData(false, 65)]
    [InlineData(true, 200_000)]
    [InlineData(false, 200_000)]
    public void Parse_NestingBeyondTheLimit_IsAnErrorAtTheFirstTooDeepContainer(bool json, int depth)
    {
        var prefix = json ? string.Empty : "a: ";
        var brackets = json ? depth : depth - 1;
        var text = prefix + new string('[', brackets) + new string(']', brackets);
        var tooDeep = prefix.Length + (json ? InputLimits.MaxNestingDepth : InputLimits.MaxNestingDepth - 1);

        ShouldFailAt(() => StructuredTextParser.Parse(text, File), LocateOffset(text, File, tooDeep), "InputLimits.MaxNestingDepth");
    }

    [Fact]
    public void Parse_DeepBlockYaml_IsRejected()
    {
        var text = new StringBuilder();
        for (var i = 0; i < InputLimits.MaxNestingDepth + 1; i++)
        {
            text.Append(' ', i).Append("k:\n");
        }

        text.Append(' ', InputLimits.MaxNestingDepth + 1).Append("v\n");
        var error = FluentActions.Invoking(() => StructuredTextParser.Parse(text.ToString(), File)).Should().Throw<DscOffloadException>().Which;

        error.Message.Should().Contain("InputLimits.MaxNestingDepth");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parse_ScalarLongerThanTheLimit_IsAnError(bool json)
    {
        var longText = new string('x', InputLimits.MaxScalarLength + 1);
        var text = json ? $"{{\"a\": \"{longText}\"}}" : $"a: {longText}\n";

        ShouldFailAt(() => StructuredTextParser.Parse(text, File), Locate(text, File, json ? "\"x" : "x"), "InputLimits.MaxScalarLength");
    }

    [Fact]
    public void Parse_ScalarAtTheLimit_IsAccepted()
    {
        var value = new string('x', InputLimits.MaxScalarLength);

        StructuredTextParser.Parse($"a: {value}\n", File)["a"]!.Value<string>().Should().HaveLength(InputLimits.MaxScalarLength);
    }

    [Fact]
    public void Parse_TextLargerThanTheLimit_IsAnError()
    {
        var text = "a: " + new string('x', InputLimits.MaxInputBytes);

        ShouldFailAt(() => StructuredTextParser.Parse(text, File), $"{File}:1:1", "InputLimits.MaxInputBytes");
    }

    [Fact]
    public void ParseFile_FileLargerThanTheLimit_IsAnError()
    {
        using var file = new TempFile(new byte[InputLimits.MaxInputBytes + 1]);

        ShouldFailAt(() => StructuredTextParser.ParseFile(file.Path), $"{file.Path}:1:1", "InputLimits.MaxInputBytes");
    }

    [Fact]
    public void Parse_JsonWithTooManyNodes_IsAnError()
    {
        var text = "[" + string.Join(",", Enumerable.Repeat("0", InputLimits.MaxNodes)) + "]";

        var error = FluentActions.Invoking(() => StructuredTextParser.Parse(text, File)).Should().Throw<DscOffloadException>().Which;

        error.Message.Should().Contain("InputLimits.MaxNodes");
        error.Location!.Value.Column.Should().Be(text.Length - 1);
    }
}
