namespace DscOffload.Tests.Privileged;

/// <summary>The theory form of <see cref="PrivilegedFactAttribute"/>: skipped with the same reasons, required in CI the same way.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrivilegedTheoryAttribute : TheoryAttribute
{
    /// <param name="needsProgram">A program the test cross-checks with (see <see cref="PrivilegedFactAttribute"/>).</param>
    public PrivilegedTheoryAttribute(string? needsProgram = null) => Skip = PrivilegedTestEnvironment.SkipReasonFor(needsProgram);
}
