using DscOffload.Tests.Privileged;

namespace DscOffload.Linux.Tests.Privileged;

/// <summary>
/// A fact that runs the real <c>netplan generate</c> (Debian's <c>netplan.io</c>, which scripts/prerequisites.sh
/// installs) on files in a temporary root; it needs no root. Skipped when netplan is missing, unless
/// <c>DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1</c> makes it run (and fail).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NetplanFactAttribute : FactAttribute
{
    public NetplanFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || (ExternalProgram.Find("netplan") is null && !PrivilegedTestEnvironment.IsRequired))
        {
            Skip = $"needs Linux and the 'netplan' program (package netplan.io) (set {PrivilegedTestEnvironment.RequireVariable}=1 to fail instead of skip)";
        }
    }
}
