namespace DscOffload.Reporting.Tests.Rendering;

/// <summary>
/// Compares output with a checked-in golden file byte for byte; with DSCOFFLOAD_UPDATE_GOLDEN=1 it rewrites the
/// file instead (see Golden/README.md).
/// </summary>
internal static class GoldenFile
{
    public static bool Updating => Environment.GetEnvironmentVariable("DSCOFFLOAD_UPDATE_GOLDEN") == "1";

    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(RenderingFixtures.GoldenDirectory, name);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue($"golden file {name} should exist (run the tests once with DSCOFFLOAD_UPDATE_GOLDEN=1 to create it)");
        actual.Should().Be(File.ReadAllText(path), $"the output should equal Golden/{name}; if the change is intended, rerun with DSCOFFLOAD_UPDATE_GOLDEN=1 and review the diff");
    }
}
