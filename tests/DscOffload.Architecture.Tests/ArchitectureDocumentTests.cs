using System.Text.RegularExpressions;

namespace DscOffload.Architecture.Tests;

/// <summary>
/// docs/architecture.md names real things: every path, type and member it writes in backticks exists in the
/// tree, and every relative link opens a file. A rename that forgets the map fails here.
/// </summary>
public sealed partial class ArchitectureDocumentTests
{
    private const string DocumentPath = "docs/architecture.md";

    // The guide "adding a resource type" describes a project that does not exist yet, by design.
    private const string HypotheticalProject = "MacOS";

    private static readonly string[] PathRoots = ["src/", "tests/", "docs/", "schemas/", "examples/", "scripts/"];

    private static readonly Lazy<SourceIndex> Index = new(SourceIndex.Build);

    [Fact]
    public void EveryPathTheMapNames_Exists()
    {
        var paths = CodeSpans().Where(IsPath).ToList();

        paths.Should().Contain("src/DscOffload.Core/Engine", "the check must see the paths of the map");
        paths.Where(p => !PathExists(p)).Should().BeEmpty($"every path in {DocumentPath} is a file or folder of the repository");
    }

    [Fact]
    public void EveryTypeAndMemberTheMapNames_IsDeclaredInTheSource()
    {
        var names = CodeSpans().Where(s => DottedName().IsMatch(s) && !s.Contains(HypotheticalProject, StringComparison.Ordinal)).ToList();

        names.Should().Contain(["ConfigurationEngine", "GuardedChange.BeforeSet", "DscOffload.Core"], "the check must see the names of the map");
        names.Where(n => !Index.Value.Knows(n)).Should().BeEmpty($"every type, member and project named in {DocumentPath} exists under src or tests");
    }

    [Fact]
    public void EveryConstantTheMapNames_AppearsInTheSource()
    {
        var constants = CodeSpans().Where(s => ConstantName().IsMatch(s)).ToList();

        constants.Should().Contain("SIOCETHTOOL", "the check must see the kernel constants of the map");
        constants.Where(c => !Index.Value.MentionsWord(c)).Should().BeEmpty("a kernel constant the map names is one the interop code uses");
    }

    [Fact]
    public void EveryRelativeLinkOfTheMap_OpensAFile()
    {
        var directory = Path.GetDirectoryName(Path.Combine(SourceTree.Root, DocumentPath))!;
        var targets = MarkdownLink().Matches(Prose()).Select(m => m.Groups["target"].Value)
            .Where(t => !t.Contains("://", StringComparison.Ordinal))
            .Select(t => t.Split('#')[0])
            .ToList();

        targets.Should().Contain("safety.md");
        targets.Where(t => !File.Exists(Path.Combine(directory, t))).Should().BeEmpty("links point at documents in the repository");
    }

    [Fact]
    public void Readme_LinksTheMap()
    {
        File.ReadAllText(Path.Combine(SourceTree.Root, "README.md")).Should().Contain("(docs/architecture.md)");
    }

    private static bool IsPath(string span) =>
        PathRoots.Any(r => span.StartsWith(r, StringComparison.Ordinal))
        && !span.Contains(HypotheticalProject, StringComparison.Ordinal)
        && !span.Contains('<', StringComparison.Ordinal)
        && !span.Contains('…', StringComparison.Ordinal)
        && !span.Contains(' ', StringComparison.Ordinal);

    private static bool PathExists(string relative)
    {
        var full = Path.Combine(SourceTree.Root, relative.TrimEnd('/'));
        return File.Exists(full) || Directory.Exists(full);
    }

    // The document without its fenced code blocks: shell commands there are not names to check.
    private static string Prose() =>
        FencedBlock().Replace(File.ReadAllText(Path.Combine(SourceTree.Root, DocumentPath)), string.Empty);

    private static IEnumerable<string> CodeSpans() =>
        InlineCode().Matches(Prose()).Select(m => m.Groups["code"].Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex("```.*?```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex("`(?<code>[^`\n]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    // ConfigurationEngine, GuardedChange.BeforeSet, DscOffload.Core: identifiers with a lower-case letter.
    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)?$")]
    private static partial Regex DottedName();

    // SIOCETHTOOL, ETHTOOL_GFEATURES.
    [GeneratedRegex("^[A-Z][A-Z0-9_]{3,}$")]
    private static partial Regex ConstantName();

    /// <summary>What the C# sources under src and tests declare.</summary>
    private sealed partial class SourceIndex
    {
        private readonly Dictionary<string, List<string>> _typeFiles = new(StringComparer.Ordinal);
        private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);
        private readonly HashSet<string> _words = new(StringComparer.Ordinal);

        public static SourceIndex Build()
        {
            var index = new SourceIndex();
            foreach (var file in SourceTree.CSharpFiles("src").Concat(SourceTree.CSharpFiles("tests")))
            {
                var text = File.ReadAllText(file);
                foreach (Match m in TypeDeclaration().Matches(text))
                {
                    var name = m.Groups["name"].Value;
                    if (!index._typeFiles.TryGetValue(name, out var files))
                    {
                        index._typeFiles[name] = files = [];
                    }

                    files.Add(text);
                }

                foreach (Match m in NamespaceDeclaration().Matches(text))
                {
                    index._namespaces.Add(m.Groups["name"].Value);
                }

                index._words.UnionWith(Word().Matches(text).Select(w => w.Value));
            }

            foreach (var project in Directory.EnumerateFiles(Path.Combine(SourceTree.Root, "src"), "*.csproj", SearchOption.AllDirectories))
            {
                index._words.UnionWith(Word().Matches(File.ReadAllText(project)).Select(w => w.Value));
            }

            return index;
        }

        /// <summary>
        /// A project or namespace; a type; <c>Type.Member</c> where the type's file names the member; or, for a
        /// single name that is not a type (a property, a method), a word the source uses.
        /// </summary>
        public bool Knows(string name)
        {
            if (name.StartsWith("DscOffload.", StringComparison.Ordinal))
            {
                return _namespaces.Contains(name)
                    || Directory.Exists(Path.Combine(SourceTree.Root, "src", name))
                    || Directory.Exists(Path.Combine(SourceTree.Root, "tests", name));
            }

            var parts = name.Split('.');
            if (parts.Length == 2)
            {
                return _typeFiles.TryGetValue(parts[0], out var files)
                    && files.Any(text => Regex.IsMatch(text, $@"\b{Regex.Escape(parts[1])}\b"));
            }

            return _typeFiles.ContainsKey(name) || _words.Contains(name);
        }

        public bool MentionsWord(string word) => _words.Contains(word);

        [GeneratedRegex(@"\b(?:class|interface|record|struct|enum)\s+(?<name>[A-Z][A-Za-z0-9]*)")]
        private static partial Regex TypeDeclaration();

        [GeneratedRegex(@"^namespace\s+(?<name>[A-Za-z0-9.]+)", RegexOptions.Multiline)]
        private static partial Regex NamespaceDeclaration();

        [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
        private static partial Regex Word();
    }
}
