using System.Text.RegularExpressions;

namespace DscOffload.Architecture.Tests;

/// <summary>
/// Which namespace of the project uses which, read from source: <c>using</c> directives, qualified
/// names, and names of types declared in an enclosing namespace (which C# resolves without a
/// <c>using</c>). Only the project's own namespaces (prefix <c>DscOffload</c>) are nodes.
/// </summary>
public sealed partial class NamespaceGraph
{
    private const string ProjectPrefix = "DscOffload";
    private readonly Dictionary<(string From, string To), string> _edges = [];

    // Namespaces that declare at least one type: only those can be depended on.
    private readonly HashSet<string> _declaring;

    private NamespaceGraph(HashSet<string> declaring)
    {
        _declaring = declaring;
    }

    /// <summary>Every dependency between two different namespaces, with one file that shows it.</summary>
    public IReadOnlyList<NamespaceDependency> Dependencies =>
        _edges.Select(e => new NamespaceDependency(e.Key.From, e.Key.To, e.Value))
            .OrderBy(d => d.From, StringComparer.Ordinal).ThenBy(d => d.To, StringComparer.Ordinal).ToList();

    /// <summary>Reads the given files (name → text).</summary>
    public static NamespaceGraph FromSources(IReadOnlyDictionary<string, string> files)
    {
        var parsed = files.Select(f => (Name: f.Key, Code: CSharpCode.WithoutCommentsAndLiterals(f.Value)))
            .Select(f => (f.Name, f.Code, Namespace: DeclaredNamespace(f.Code)))
            .Where(f => f.Namespace is not null && IsProjectNamespace(f.Namespace))
            .ToList();

        var namespaces = parsed.Select(f => f.Namespace!).ToHashSet(StringComparer.Ordinal);
        foreach (var name in namespaces.ToList())
        {
            for (var parent = Parent(name); parent is not null && IsProjectNamespace(parent); parent = Parent(parent))
            {
                namespaces.Add(parent);
            }
        }

        var typesByNamespace = parsed
            .GroupBy(f => f.Namespace!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(f => DeclaredTypes(f.Code)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var graph = new NamespaceGraph(typesByNamespace.Where(t => t.Value.Count > 0).Select(t => t.Key).ToHashSet(StringComparer.Ordinal));
        foreach (var (name, code, own) in parsed)
        {
            var identifiers = Identifiers().Matches(code).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            foreach (Match match in UsingDirective().Matches(code))
            {
                graph.Add(own!, LongestNamespace(match.Groups["target"].Value, namespaces), name);
            }

            var body = UsingDirective().Replace(NamespaceDeclaration().Replace(code, string.Empty), string.Empty);
            foreach (Match match in DottedName().Matches(body))
            {
                for (var scope = own; scope is not null; scope = Parent(scope))
                {
                    graph.Add(own!, NamespaceNamedBy(scope, match.Value, namespaces), name);
                }

                graph.Add(own!, NamespaceNamedBy(null, match.Value, namespaces), name);
            }

            for (var ancestor = Parent(own!); ancestor is not null; ancestor = Parent(ancestor))
            {
                if (typesByNamespace.TryGetValue(ancestor, out var types) && types.Overlaps(identifiers))
                {
                    graph.Add(own!, ancestor, name);
                }
            }
        }

        return graph;
    }

    /// <summary>Reads every .cs file under the given directories of the repository.</summary>
    public static NamespaceGraph FromRepository(params string[] relativeDirectories) =>
        FromSources(relativeDirectories
            .SelectMany(SourceTree.CSharpFiles)
            .ToDictionary(SourceTree.Relative, File.ReadAllText, StringComparer.Ordinal));

    /// <summary>
    /// The groups of namespaces that depend on each other in a circle (strongly connected components
    /// with more than one member), each with the dependencies that close it.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<NamespaceDependency>> Cycles()
    {
        var components = StronglyConnectedComponents();
        return components
            .Where(c => c.Count > 1)
            .Select(c => (IReadOnlyList<NamespaceDependency>)Dependencies.Where(d => c.Contains(d.From) && c.Contains(d.To)).ToList())
            .ToList();
    }

    private void Add(string from, string? to, string file)
    {
        if (to is not null && to != from && _declaring.Contains(to) && !_edges.ContainsKey((from, to)))
        {
            _edges[(from, to)] = file;
        }
    }

    private List<HashSet<string>> StronglyConnectedComponents()
    {
        var nodes = _edges.Keys.SelectMany(k => new[] { k.From, k.To }).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var successors = nodes.ToDictionary(n => n, n => _edges.Keys.Where(k => k.From == n).Select(k => k.To).ToList(), StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<HashSet<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in successors[node])
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var component = new HashSet<string>(StringComparer.Ordinal);
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                result.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return result;
    }

    /// <summary>
    /// The longest namespace that <paramref name="dotted"/> names when read inside <paramref name="scope"/>
    /// (or fully qualified when scope is null); at least the name's first segment must be part of it.
    /// </summary>
    private static string? NamespaceNamedBy(string? scope, string dotted, HashSet<string> namespaces)
    {
        var segments = dotted.Split('.');
        for (var count = segments.Length; count >= 1; count--)
        {
            var candidate = string.Join('.', segments.Take(count));
            candidate = scope is null ? candidate : scope + "." + candidate;
            if (namespaces.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? LongestNamespace(string dotted, HashSet<string> namespaces)
    {
        for (var candidate = dotted; candidate is not null; candidate = Parent(candidate))
        {
            if (namespaces.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? DeclaredNamespace(string code)
    {
        var match = NamespaceDeclaration().Match(code);
        return match.Success ? match.Groups["name"].Value : null;
    }

    private static IEnumerable<string> DeclaredTypes(string code) =>
        TypeDeclaration().Matches(code).Select(m => m.Groups["name"].Value);

    private static bool IsProjectNamespace(string name) =>
        name == ProjectPrefix || name.StartsWith(ProjectPrefix + ".", StringComparison.Ordinal);

    private static string? Parent(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? null : name[..dot];
    }

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<target>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")]
    private static partial Regex DottedName();

    [GeneratedRegex(@"\b[A-Za-z_]\w*\b")]
    private static partial Regex Identifiers();
}
