using DscOffload.Tests.Privileged;

namespace DscOffload.Linux.Tests.Privileged;

/// <summary>
/// A privileged fact that also needs a link kind the running kernel may not have (<c>bond</c>,
/// <c>team</c>): skipped with the reason when neither the driver is loaded nor a module for it exists.
/// The check reads the driver's sysfs and module files only; it creates nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinkKindFactAttribute : FactAttribute
{
    public LinkKindFactAttribute(string kind)
    {
        if (!PrivilegedTestEnvironment.ShouldRun)
        {
            Skip = PrivilegedTestEnvironment.SkipReason;
        }
        else if (!IsAvailable(kind))
        {
            Skip = $"this kernel has no '{kind}' driver (not loaded, not built in, no module), so 'ip link add … type {kind}' cannot work here";
        }
    }

    private static bool IsAvailable(string kind)
    {
        var module = kind == "bond" ? "bonding" : kind;
        if (Directory.Exists($"/sys/module/{module}") || (kind == "bond" && File.Exists("/sys/class/net/bonding_masters")))
        {
            return true;
        }

        var release = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "";
        var directory = Path.Combine("/lib/modules", release);
        if (release.Length == 0 || !Directory.Exists(directory))
        {
            return false;
        }

        var builtIn = Path.Combine(directory, "modules.builtin");
        return (File.Exists(builtIn) && File.ReadLines(builtIn).Any(l => Path.GetFileName(l) == module + ".ko"))
            || Directory.EnumerateFiles(directory, module + ".ko*", SearchOption.AllDirectories).Any();
    }
}
