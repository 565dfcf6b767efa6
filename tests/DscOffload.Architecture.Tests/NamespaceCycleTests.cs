using Xunit.Abstractions;

namespace DscOffload.Architecture.Tests;

/// <summary>
/// No namespace of the project depends on another that depends back on it, directly or through
/// others: folders then read as layers, and a type can be moved without dragging its neighbours.
/// </summary>
public sealed class NamespaceCycleTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("src")]
    [InlineData("tests")]
    public void Tree_HasNoNamespaceCycle(string directory)
    {
        var graph = NamespaceGraph.FromRepository(directory);
        output.WriteLine($"{directory}: {graph.Dependencies.Count} dependencies between namespaces");

        var cycles = graph.Cycles();

        cycles.Should().BeEmpty("each group below uses itself in a circle:\n" + Describe(cycles));
    }

    [Fact]
    public void Cycles_WhenTwoSiblingsUseEachOther_ReportsBoth()
    {
        var graph = NamespaceGraph.FromSources(new Dictionary<string, string>
        {
            ["a.cs"] = "using DscOffload.Demo.B;\nnamespace DscOffload.Demo.A;\npublic sealed class Alpha { Beta? b; }",
            ["b.cs"] = "namespace DscOffload.Demo.B;\npublic sealed class Beta { DscOffload.Demo.A.Alpha? a; }",
        });

        graph.Cycles().Should().ContainSingle()
            .Which.Select(d => (d.From, d.To)).Should().BeEquivalentTo(
                [("DscOffload.Demo.A", "DscOffload.Demo.B"), ("DscOffload.Demo.B", "DscOffload.Demo.A")]);
    }

    [Fact]
    public void Cycles_WhenChildUsesTypeOfItsParentWithoutUsing_CountsTheDependency()
    {
        var graph = NamespaceGraph.FromSources(new Dictionary<string, string>
        {
            ["parent.cs"] = "using DscOffload.Demo.Child;\nnamespace DscOffload.Demo;\npublic sealed class Root { Leaf? l; }",
            ["child.cs"] = "namespace DscOffload.Demo.Child;\npublic sealed class Leaf { Root? r; }",
        });

        graph.Cycles().Should().ContainSingle();
    }

    [Fact]
    public void Cycles_WhenNameAppearsOnlyInCommentOrString_IgnoresIt()
    {
        var graph = NamespaceGraph.FromSources(new Dictionary<string, string>
        {
            ["a.cs"] = "using DscOffload.Demo.B;\nnamespace DscOffload.Demo.A;\npublic sealed class Alpha { Beta? b; }",
            ["b.cs"] = "namespace DscOffload.Demo.B;\n// see DscOffload.Demo.A.Alpha\npublic sealed class Beta { string s = \"DscOffload.Demo.A\"; }",
        });

        graph.Cycles().Should().BeEmpty();
        graph.Dependencies.Should().ContainSingle().Which.Should().Be(new NamespaceDependency("DscOffload.Demo.A", "DscOffload.Demo.B", "a.cs"));
    }

    private static string Describe(IReadOnlyList<IReadOnlyList<NamespaceDependency>> cycles) =>
        string.Join("\n", cycles.Select(c => string.Join("\n", c.Select(d => $"  {d.From} -> {d.To} ({d.File})")) + "\n"));
}
