using DscOffload.Cli.Tests.Process;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>One program run dsc made for an operation: what it passed and what came back.</summary>
public sealed record DscInvocation(string Operation, IReadOnlyList<string> Args, string? Stdin, ProcessResult Result)
{
    /// <summary>The stderr lines dsc logs (in order).</summary>
    public IReadOnlyList<DscTraceLine> Traces => [.. Result.StderrLines.Select(DscTraceLine.Parse).OfType<DscTraceLine>()];

    /// <summary>The stderr lines dsc cannot read as trace lines (shown only at trace level).</summary>
    public IReadOnlyList<string> UnreadStderr => [.. Result.StderrLines.Where(l => DscTraceLine.Parse(l) is null)];

    /// <inheritdoc />
    public override string ToString() => $"{Operation}: dscoffload {string.Join(' ', Args)}{(Stdin is null ? "" : " <<< " + Stdin)}\n{Result}";
}
