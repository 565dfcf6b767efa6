using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DscOffload.Core.Documents;

/// <summary>
/// Builds a located <see cref="JToken"/> tree from YAML text via YamlDotNet's representation model.
/// The event stream is guarded by <see cref="YamlLimitGuard"/>; aliases (which the model shares rather
/// than copies) are measured before expansion so that an alias bomb fails fast, and expansion itself
/// counts every node it produces.
/// </summary>
internal sealed class YamlTokenBuilder
{
    private readonly string file;
    private Dictionary<YamlNode, long>? expandedSizes;
    private int nodes;

    private YamlTokenBuilder(string file) => this.file = file;

    public static JToken Build(string text, string file)
    {
        var scanner = new Scanner(new StringReader(text));
        var guard = new YamlLimitGuard(new Parser(scanner), file);
        var stream = new YamlStream();
        try
        {
            stream.Load(guard);
        }
        catch (YamlException e)
        {
            throw Translate(e, file);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections instead of a YamlException.
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                "invalid YAML: unexpected text; check for an unclosed '[' or '{' or a missing ','",
                LocationOf(scanner.CurrentPosition, file),
                e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, "the file is empty", new SourceLocation(file, 1, 1));
        }

        var root = stream.Documents[0].RootNode;
        var builder = new YamlTokenBuilder(file);
        if (guard.SawAlias)
        {
            builder.expandedSizes = new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance);
            builder.MeasureExpanded(root);
        }

        return builder.Convert(root, 0);
    }

    internal static SourceLocation LocationOf(Mark mark, string file) =>
        new(file, (int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));

    /// <summary>
    /// The number of nodes <paramref name="node"/> becomes once aliases are expanded, memoised on the
    /// anchored (shared) nodes so the cost is linear in the text, not in the expansion.
    /// </summary>
    private long MeasureExpanded(YamlNode node)
    {
        var shared = !node.Anchor.IsEmpty;
        if (shared && expandedSizes!.TryGetValue(node, out var known))
        {
            return known >= 0
                ? known
                : throw new DscOffloadException(
                    ErrorKind.InvalidInput,
                    $"the alias '*{node.Anchor}' refers to a node that contains it (a recursive alias)",
                    LocationOf(node.Start, file));
        }

        if (shared)
        {
            expandedSizes![node] = -1;
        }

        long size = 1;
        switch (node)
        {
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    size += MeasureExpanded(child);
                    CheckExpanded(size, node);
                }

                break;
            case YamlMappingNode mapping:
                foreach (var pair in mapping.Children)
                {
                    size += MeasureExpanded(pair.Key) + MeasureExpanded(pair.Value);
                    CheckExpanded(size, node);
                }

                break;
        }

        if (shared)
        {
            expandedSizes![node] = size;
        }

        return size;
    }

    private void CheckExpanded(long size, YamlNode node)
    {
        if (size > InputLimits.MaxNodes)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"aliases expand the document to more than {InputLimits.MaxNodes} nodes (InputLimits.MaxNodes)",
                LocationOf(node.Start, file));
        }
    }

    /// <param name="node">The node to convert.</param>
    /// <param name="depth">How many containers enclose <paramref name="node"/>.</param>
    private JToken Convert(YamlNode node, int depth)
    {
        var at = LocationOf(node.Start, file);
        if (++nodes > InputLimits.MaxNodes)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"aliases expand the document to more than {InputLimits.MaxNodes} nodes (InputLimits.MaxNodes)",
                at);
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return YamlScalarResolver.Resolve(scalar.Value ?? string.Empty, scalar.Style, scalar.Tag, at).At(at);
            case YamlSequenceNode sequence:
                CheckContainer(node, depth, "!!seq", at);
                var array = new JArray().At(at);
                foreach (var child in sequence.Children)
                {
                    array.Add(Convert(child, depth + 1));
                }

                return array;
            case YamlMappingNode mapping:
                CheckContainer(node, depth, "!!map", at);
                var obj = new JObject().At(at);
                foreach (var pair in mapping.Children)
                {
                    var keyAt = LocationOf(pair.Key.Start, file);
                    if (pair.Key is not YamlScalarNode key)
                    {
                        throw new DscOffloadException(
                            ErrorKind.InvalidInput,
                            "a mapping key must be a scalar (a name), not a mapping or sequence",
                            keyAt);
                    }

                    var name = key.Value ?? string.Empty;
                    if (obj.ContainsKey(name))
                    {
                        throw new DscOffloadException(ErrorKind.InvalidInput, $"duplicate key '{name}'", keyAt);
                    }

                    obj.Add(new JProperty(name, Convert(pair.Value, depth + 1)).At(keyAt));
                }

                return obj;
            default:
                throw new DscOffloadException(ErrorKind.InvalidInput, $"unsupported YAML node ({node.NodeType})", at);
        }
    }

    private static void CheckContainer(YamlNode node, int depth, string standardTag, SourceLocation at)
    {
        if (depth + 1 > InputLimits.MaxNestingDepth)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"nesting is deeper than {InputLimits.MaxNestingDepth} levels (InputLimits.MaxNestingDepth)",
                at);
        }

        var tag = node.Tag;
        if (!tag.IsEmpty && tag.Value != "!" && tag.Value != "tag:yaml.org,2002:" + standardTag[2..])
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"unsupported tag '{tag.Value}' on a {(standardTag == "!!seq" ? "sequence" : "mapping")}; supported: {standardTag}, !",
                at);
        }
    }

    private static DscOffloadException Translate(YamlException e, string file)
    {
        var message = StructuredTextParser.OneLine(e.Message);
        if (message.StartsWith("Duplicate key ", StringComparison.Ordinal))
        {
            message = $"duplicate key '{message["Duplicate key ".Length..]}'";
        }
        else if (e is AnchorNotFoundException)
        {
            message = "invalid YAML: an alias refers to an anchor that is not defined before it (" + message + ")";
        }
        else
        {
            message = "invalid YAML: " + (message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "syntax error");
        }

        return new DscOffloadException(ErrorKind.InvalidInput, message, LocationOf(e.Start, file), e);
    }
}
