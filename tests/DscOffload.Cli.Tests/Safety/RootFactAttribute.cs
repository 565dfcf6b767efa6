namespace DscOffload.Cli.Tests.Safety;

/// <summary>
/// A fact that changes offloads of veth interfaces in a private network namespace, so it needs root on Linux
/// and the <c>ip</c> and <c>ethtool</c> programs: skipped with the reason otherwise, unless
/// <c>DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1</c> makes it run (and fail with the real reason).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!VethNamespace.CanRun)
        {
            Skip = VethNamespace.SkipReason;
        }
    }
}
