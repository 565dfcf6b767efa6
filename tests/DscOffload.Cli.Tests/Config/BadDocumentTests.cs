using DscOffload.Cli.Tests.Process;

namespace DscOffload.Cli.Tests.Config;

/// <summary>Bad documents give one clear line with file:line:column, a documented exit code and no stack trace.</summary>
public class BadDocumentTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-bad-");

    public void Dispose() => _dir.Delete(true);

    private ProcessResult Validate(string text, string name = "doc.dsc.yaml")
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return DscOffloadProcess.Run(["validate", path]);
    }

    private const string Head = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n";

    public static TheoryData<string, int, int, string> Cases => new()
    {
        // text, expected exit code, expected line, expected message fragment
        { Head + "- name: a\n  type: DscOffload.Windows/GlobalOffload\n  properties:\n    chimney: [unclosed\n", 4, 0, "doc.dsc.yaml:" },
        { Head + "- name: a\n  type: DscOffload.Windows/GlobalOffload\n  properties:\n    chimny: Disabled\n", 5, 6, "unknown property 'chimny'" },
        { Head + "- name: a\n  type: DscOffload.Windows/GlobalOffload\n  properties:\n    chimney: Off\n", 5, 6, "allowed: Disabled, Enabled, Automatic" },
        { Head + "- name: a\n  type: Contoso.Example/Thing\n  properties: {}\n", 5, 4, "not a DscOffload resource type" },
        { Head + "- name: a\n  type: DscOffload.Windows/GlobalOffload\n  properties:\n    chimney: \"[reference('x')]\"\n", 4, 6, "reference" },
        { Head + "- name: a\n  type: DscOffload.Windows/GlobalOffload\n  properties: {}\n- name: a\n  type: DscOffload.Windows/GlobalOffload\n  properties: {}\n", 4, 6, "more than once" },
        { Head + "- name: a\n  type: DscOffload.Windows/GlobalOffload\n  dependsOn: [\"[resourceId('DscOffload.Windows/GlobalOffload','b')]\"]\n  properties: {}\n- name: b\n  type: DscOffload.Windows/GlobalOffload\n  dependsOn: [\"[resourceId('DscOffload.Windows/GlobalOffload','a')]\"]\n  properties: {}\n", 4, 0, "cycle" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_BadDocument_GivesOneLocatedLineAndTheDocumentedCode(string text, int exitCode, int line, string fragment)
    {
        var result = Validate(text);
        result.ExitCode.Should().Be(exitCode, result.ToString());
        result.StderrLines.Should().ContainSingle(result.ToString());
        var error = result.StderrLines[0];
        error.Should().Contain("doc.dsc.yaml:").And.NotContain("   at ").And.Contain(fragment);
        if (line > 0)
        {
            error.Should().Contain($"doc.dsc.yaml:{line}:");
        }
    }

    [Fact]
    public void ConfigTest_UnknownType_SuggestsDscOrIgnoreForeignTypes()
    {
        var path = Path.Combine(_dir.FullName, "foreign.dsc.yaml");
        File.WriteAllText(path, Head + "- name: a\n  type: Microsoft.Windows/Registry\n  properties: {}\n- name: b\n  type: DscOffload.Windows/GlobalOffload\n  properties: {chimney: Disabled}\n");
        var strict = DscOffloadProcess.Run("config", "test", "--file", path, "--against", RepositoryPaths.InRepo("examples/snapshots/windows/fast-01.dsc.json"), "--format", "json");
        strict.ExitCode.Should().Be(5);
        strict.Stderr.Should().Contain("run this document with dsc").And.Contain("--ignore-foreign-types");
        var lenient = DscOffloadProcess.Run("config", "test", "--file", path, "--against", RepositoryPaths.InRepo("examples/snapshots/windows/fast-01.dsc.json"), "--format", "json", "--ignore-foreign-types");
        lenient.ExitCode.Should().Be(0, lenient.ToString());
        lenient.Stdout.Should().Contain("skipped (--ignore-foreign-types)");
    }
}
