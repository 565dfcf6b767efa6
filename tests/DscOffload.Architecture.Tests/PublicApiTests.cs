using System.Reflection;
using PublicApiGenerator;

namespace DscOffload.Architecture.Tests;

/// <summary>
/// The public API of each library package is the reviewed listing checked in under
/// <c>tests/DscOffload.Architecture.Tests/PublicApi</c>, so that the surface a NuGet user compiles against only grows
/// or changes on purpose. After a deliberate change, rewrite the listings with
/// <c>DSCOFFLOAD_ACCEPT_PUBLIC_API=1 dotnet test tests/DscOffload.Architecture.Tests --filter PublicApi</c> and
/// review their diff with the code (docs/library.md says what belongs in the surface).
/// </summary>
public sealed class PublicApiTests
{
    private static readonly string[] Packed = ["DscOffload.Core", "DscOffload.Linux", "DscOffload.Windows", "DscOffload.Reporting"];

    /// <summary>The assemblies <c>scripts/pack.sh</c> packs.</summary>
    public static TheoryData<string> PackedAssemblies => new(Packed);

    [Theory]
    [MemberData(nameof(PackedAssemblies))]
    public void PublicApi_OfEachPackedAssembly_IsTheReviewedListing(string assemblyName)
    {
        var actual = Listing(Assembly.Load(assemblyName));
        var path = Path.Combine(SourceTree.Root, "tests", "DscOffload.Architecture.Tests", "PublicApi", assemblyName + ".txt");
        if (Environment.GetEnvironmentVariable("DSCOFFLOAD_ACCEPT_PUBLIC_API") == "1")
        {
            File.WriteAllText(path, actual);
        }

        File.Exists(path).Should().BeTrue($"{SourceTree.Relative(path)} lists the reviewed public API of {assemblyName}");
        var approved = File.ReadAllText(path).ReplaceLineEndings("\n");
        var approvedLines = approved.Split('\n').ToHashSet(StringComparer.Ordinal);
        var actualLines = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
        var added = actualLines.Except(approvedLines).Select(l => "+ " + l.Trim());
        var removed = approvedLines.Except(actualLines).Select(l => "- " + l.Trim());

        added.Concat(removed).Should().BeEmpty(
            $"the public API of {assemblyName} must match {SourceTree.Relative(path)}; make new types internal, or review the change and " +
            "accept it with DSCOFFLOAD_ACCEPT_PUBLIC_API=1 (see docs/library.md)");
        actual.Should().Be(approved, "the listing also fixes the order of types and members");
    }

    [Fact]
    public void PublicApi_OfThePackedAssemblies_KeepsTheirImplementationInternal()
    {
        // Platform gateways, interop and persistence are implementation: reachable by the project's own assemblies
        // (InternalsVisibleTo), never by a package user.
        var exposed = Packed.Select(Assembly.Load)
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.Namespace is { } ns && (ns.EndsWith(".Interop", StringComparison.Ordinal) || ns.EndsWith(".Live", StringComparison.Ordinal)
                || ns.EndsWith(".Cim", StringComparison.Ordinal) || ns.EndsWith(".Registry", StringComparison.Ordinal)
                || ns.EndsWith(".Persistence", StringComparison.Ordinal) || ns.EndsWith(".Rendering", StringComparison.Ordinal) && t.Name.EndsWith("Renderer", StringComparison.Ordinal) && !t.IsInterface))
            .Select(t => t.FullName);

        exposed.Should().BeEmpty();
    }

    private static string Listing(Assembly assembly) =>
        assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n") + "\n";
}
