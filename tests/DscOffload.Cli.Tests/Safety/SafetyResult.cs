namespace DscOffload.Cli.Tests.Safety;

/// <summary>What a dscoffload run printed, returned and how long it took.</summary>
public sealed record SafetyResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalMilliseconds:0} ms\n--- stdout\n{(Stdout.Length > 2000 ? Stdout[..2000] + "…" : Stdout)}\n--- stderr\n{Stderr}";
}
