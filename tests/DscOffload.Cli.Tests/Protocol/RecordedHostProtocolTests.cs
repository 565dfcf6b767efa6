using DscOffload.Cli.Tests.Process;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>
/// The protocol checks against a recorded host: the binary reads the snapshot named by
/// <c>DSCOFFLOAD_RESOURCE_STATE</c> instead of the machine, so the Windows types run on any machine, and the
/// host stays read-only (a real set is refused).
/// </summary>
public abstract class RecordedHostProtocolTests : CommandResourceProtocolTests
{
    /// <summary>The snapshot (a path under the repository) the binary reads as its host.</summary>
    protected abstract string Snapshot { get; }

    /// <inheritdoc />
    protected override bool ReadOnlyHost => true;

    /// <inheritdoc />
    protected override ProcessResult RunBinary(IReadOnlyList<string> args, string? stdin, IDictionary<string, string?> env, IReadOnlyList<string>? launcher = null)
    {
        var environment = new Dictionary<string, string?>(env) { ["DSCOFFLOAD_RESOURCE_STATE"] = RepositoryPaths.InRepo(Snapshot) };
        return DscOffloadProcess.Run(args, stdin, environment, launcher: launcher);
    }
}
