namespace DscOffload.Linux.Tests.Privileged;

/// <summary>
/// A fact that needs root on Linux: skipped with a reason otherwise, unless
/// <c>DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1</c> makes it run (and fail).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrivilegedFactAttribute : FactAttribute
{
    /// <param name="needsProgram">A program (such as <c>ethtool</c>) whose absence from PATH also skips the test.</param>
    public PrivilegedFactAttribute(string? needsProgram = null)
    {
        if (!PrivilegedTestEnvironment.ShouldRun)
        {
            Skip = PrivilegedTestEnvironment.SkipReason;
        }
        else if (needsProgram is not null && ExternalProgram.Find(needsProgram) is null)
        {
            Skip = $"needs the '{needsProgram}' program on PATH for a cross-check";
        }
    }
}
