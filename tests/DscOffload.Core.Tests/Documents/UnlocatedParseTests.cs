using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Tests.Documents.SourceText;

namespace DscOffload.Core.Tests.Documents;

/// <summary>
/// A fleet's snapshots are parsed without locations: the same tree as the located parse, and bad input still
/// reported with its file:line:column, because it is parsed again, located, to say where.
/// </summary>
public class UnlocatedParseTests
{
    [Fact]
    public void ParseFileUnlocated_Json_GivesTheLocatedTreeWithoutLocations()
    {
        const string text = "{ // a snapshot\n  \"resources\": [ { \"type\": \"A/B\", \"n\": 1, \"r\": -1.5, \"on\": true, \"off\": null } ],\n  \"s\": \"x\"\n}\n";
        using var file = new TempFile(text, ".json");

        var located = StructuredTextParser.ParseFile(file.Path);
        var unlocated = StructuredTextParser.ParseFileUnlocated(file.Path);

        JToken.DeepEquals(unlocated, located).Should().BeTrue();
        unlocated["resources"]![0]!["n"]!.Type.Should().Be(JTokenType.Integer);
        unlocated["resources"]![0]!["r"]!.Type.Should().Be(JTokenType.Float);
        ((JContainer)unlocated).DescendantsAndSelf().Should().OnlyContain(t => t.Location(null) == null);
        located["resources"]![0]!["n"]!.Location().ToString().Should().Be(Locate(text, file.Path, "1, \"r\""));
    }

    [Theory]
    [InlineData("{\"a\": 1, \"a\": 2}", "\"a\": 2", "duplicate key 'a'")]
    [InlineData("{\"a\": 123456789012345678901234567890}", "123", "does not fit in a 64-bit integer")]
    public void ParseFileUnlocated_BadJson_IsReportedAtItsLocationAsTheLocatedParseReportsIt(string text, string at, string message)
    {
        using var file = new TempFile(text, ".json");

        var located = Record.Exception(() => StructuredTextParser.ParseFile(file.Path));
        var error = ShouldFailAt(() => StructuredTextParser.ParseFileUnlocated(file.Path), Locate(text, file.Path, at), message);

        error.OneLine.Should().Be(located!.Should().BeOfType<DscOffloadException>().Which.OneLine);
    }

    [Fact]
    public void ParseFileUnlocated_MalformedJson_IsTheLocatedParsesError()
    {
        using var file = new TempFile("{\"a\": [1, 2}\n", ".json");

        var located = Record.Exception(() => StructuredTextParser.ParseFile(file.Path)).Should().BeOfType<DscOffloadException>().Which;
        var error = Record.Exception(() => StructuredTextParser.ParseFileUnlocated(file.Path)).Should().BeOfType<DscOffloadException>().Which;

        error.OneLine.Should().Be(located.OneLine).And.StartWith(file.Path + ":1:").And.Contain("invalid JSON");
    }

    [Fact]
    public void ParseFileUnlocated_Yaml_IsLocatedAsBefore()
    {
        const string text = "resources:\n- type: A/B\n  name: x\n";
        using var file = new TempFile(text);

        var root = StructuredTextParser.ParseFileUnlocated(file.Path);

        root["resources"]![0]!["name"]!.Location()!.Value.ToString().Should().Be(Locate(text, file.Path, "x"));
    }
}
