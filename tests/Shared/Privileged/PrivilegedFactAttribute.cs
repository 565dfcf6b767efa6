namespace DscOffload.Tests.Privileged;

/// <summary>
/// A fact that needs root on Linux: skipped with a reason otherwise, unless
/// <c>DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1</c> makes it run (and fail).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrivilegedFactAttribute : FactAttribute
{
    /// <param name="needsProgram">
    /// A program (such as <c>ethtool</c>) the test cross-checks with: its absence from PATH skips the test
    /// with that reason, except when privileged tests are required, where the test runs and fails.
    /// </param>
    public PrivilegedFactAttribute(string? needsProgram = null) => Skip = PrivilegedTestEnvironment.SkipReasonFor(needsProgram);
}
