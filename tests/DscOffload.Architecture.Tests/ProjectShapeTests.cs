using System.Text.RegularExpressions;

namespace DscOffload.Architecture.Tests;

/// <summary>Where things live: the executable stays thin, and each platform fact has one home.</summary>
public sealed partial class ProjectShapeTests
{
    private const int CliLineBudget = 2000;

    [Fact]
    public void CliProject_HoldsOnlyCommandLineWork_UnderItsLineBudget()
    {
        var lines = SourceTree.CSharpFiles("src/DscOffload.Cli").Sum(f => File.ReadAllLines(f).Length);

        lines.Should().BeLessThan(CliLineBudget,
            "src/DscOffload.Cli keeps commands, option parsing and output streams; libraries belong in Core, Reporting or Packaging");
    }

    [Fact]
    public void EveryNdisKeyword_IsNamedInOneProductSourceFile()
    {
        var sources = SourceTree.CSharpFiles("src").ToDictionary(SourceTree.Relative, File.ReadAllText, StringComparer.Ordinal);
        var keywords = sources.Values
            .SelectMany(text => NdisKeywordLiteral().Matches(text).Select(m => m.Groups["keyword"].Value))
            .ToHashSet(StringComparer.Ordinal);

        // Any mention counts (descriptions and comments too): a second mention is a second place to update.
        var mentions = keywords.ToDictionary(
            keyword => keyword,
            keyword => sources.Where(s => Regex.IsMatch(s.Value, Regex.Escape(keyword) + @"(?![A-Za-z0-9])")).Select(s => s.Key).ToList(),
            StringComparer.Ordinal);

        keywords.Should().Contain("*LsoV2IPv4", "the check must see the keyword table it guards");
        mentions.Where(k => k.Value.Count > 1)
            .Select(k => $"{k.Key}: {string.Join(", ", k.Value)}")
            .Should().BeEmpty("a keyword is declared once, in its resource's settings table");
    }

    [Fact]
    public void NoFile_PointsAtADesignDocumentOutsideTheRepository()
    {
        // Built from parts so that this file does not match itself.
        var marker = "DESIGN" + " §";
        var offenders = new[] { "src", "tests", "docs", "scripts", "examples" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(SourceTree.Root, dir), "*", SearchOption.AllDirectories))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Append(Path.Combine(SourceTree.Root, "README.md"))
            .Where(path => File.ReadAllText(path).Contains(marker, StringComparison.Ordinal))
            .Select(SourceTree.Relative);

        offenders.Should().BeEmpty("documents the repository relies on live in docs/");
    }

    // A standardized NDIS keyword in a string literal, such as "*LsoV2IPv4" or "*RSS".
    [GeneratedRegex("\"(?<keyword>\\*[A-Za-z][A-Za-z0-9]+)\"")]
    private static partial Regex NdisKeywordLiteral();
}
