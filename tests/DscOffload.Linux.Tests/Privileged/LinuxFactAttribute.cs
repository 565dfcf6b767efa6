namespace DscOffload.Linux.Tests.Privileged;

/// <summary>A fact that depends on Linux file-system semantics; skipped elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "depends on Linux file-system semantics";
        }
    }
}
