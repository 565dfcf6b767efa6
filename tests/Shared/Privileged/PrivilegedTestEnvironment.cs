namespace DscOffload.Tests.Privileged;

/// <summary>
/// Whether tests that create network namespaces can run: they need Linux and root. CI sets
/// <c>DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1</c> so that a missing privilege fails them instead of
/// skipping them silently.
/// </summary>
public static class PrivilegedTestEnvironment
{
    public const string RequireVariable = "DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS";

    public static bool IsPrivileged => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess;

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Run when possible, and also when required (then they fail with the real reason).</summary>
    public static bool ShouldRun => IsPrivileged || IsRequired;

    public static string SkipReason =>
        $"needs root on Linux to create network namespaces and veth pairs (set {RequireVariable}=1 to fail instead of skip)";

    /// <summary>
    /// Why a privileged test is skipped here, or null when it runs. A program it cross-checks with (such as
    /// <c>ethtool</c>) must be on PATH, except when privileged tests are required: then the test runs and fails.
    /// </summary>
    public static string? SkipReasonFor(string? needsProgram) =>
        !ShouldRun ? SkipReason
        : needsProgram is not null && ExternalProgram.Find(needsProgram) is null && !IsRequired
            ? $"needs the '{needsProgram}' program on PATH for a cross-check (set {RequireVariable}=1 to fail instead of skip)"
            : null;
}
