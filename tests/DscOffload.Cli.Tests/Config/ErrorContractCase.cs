namespace DscOffload.Cli.Tests.Config;

/// <summary>
/// One row of the error contract: a command that must fail with <paramref name="ExitCode"/>, say why on stderr with
/// a line containing <paramref name="Cause"/>, and (config commands with JSON output) carry the result envelope on
/// stdout exactly when <paramref name="Envelope"/> is true. <paramref name="Args"/> may contain <c>{doc}</c> (the
/// document file) and <c>{snapshot}</c> (a recorded host file), replaced before the run.
/// </summary>
public sealed record ErrorContractCase(string Name, string[] Args, int ExitCode, string Cause, bool Envelope = false, string? Document = null, string? Snapshot = null)
{
    /// <summary>True for a resource-protocol command, whose stderr lines are JSON trace lines.</summary>
    public bool IsProtocol => Args[0] == "resource";

    /// <inheritdoc />
    public override string ToString() => Name;
}
