using DscOffload.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DscOffload.Core.Documents;

/// <summary>
/// Sits between YamlDotNet's parser and its representation model and enforces the
/// <see cref="InputLimits"/> on the event stream, before the (recursive) representation model
/// builds anything: nesting depth, scalar length, node count and the one-document rule. It also
/// notes whether the text uses aliases, so alias expansion is only measured when there are any.
/// </summary>
internal sealed class YamlLimitGuard : IParser
{
    private readonly IParser inner;
    private readonly string file;
    private int depth;
    private int nodes;
    private int documents;

    public YamlLimitGuard(IParser inner, string file)
    {
        this.inner = inner;
        this.file = file;
    }

    /// <summary>True once an alias (<c>*name</c>) has been read.</summary>
    public bool SawAlias { get; private set; }

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                if (++depth > InputLimits.MaxNestingDepth)
                {
                    throw Limit($"nesting is deeper than {InputLimits.MaxNestingDepth} levels (InputLimits.MaxNestingDepth)");
                }

                CountNode();
                break;
            case MappingEnd or SequenceEnd:
                depth--;
                break;
            case Scalar scalar:
                if (scalar.Value.Length > InputLimits.MaxScalarLength)
                {
                    throw Limit($"a scalar is longer than {InputLimits.MaxScalarLength} characters (InputLimits.MaxScalarLength)");
                }

                CountNode();
                break;
            case AnchorAlias:
                SawAlias = true;
                CountNode();
                break;
            case DocumentStart when ++documents > 1:
                throw Limit("the text contains more than one YAML document; only one is allowed");
        }

        return true;
    }

    private void CountNode()
    {
        if (++nodes > InputLimits.MaxNodes)
        {
            throw Limit($"the document has more than {InputLimits.MaxNodes} nodes (InputLimits.MaxNodes)");
        }
    }

    private DscOffloadException Limit(string message) =>
        new(ErrorKind.InvalidInput, message, YamlTokenBuilder.LocationOf(inner.Current!.Start, file));
}
