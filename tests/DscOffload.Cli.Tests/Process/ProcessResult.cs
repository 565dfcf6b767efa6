namespace DscOffload.Cli.Tests.Process;

/// <summary>What a dscoffload run printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, byte[] StdoutBytes)
{
    /// <summary>Non-empty stdout lines.</summary>
    public IReadOnlyList<string> StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Non-empty stderr lines.</summary>
    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
