using System.Runtime.InteropServices;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// The <c>os</c> object of <c>context()</c> in the shape dsc gives it (its OsInfo: family, version, codename, bitness,
/// architecture), so that a document's <c>condition</c> or <c>if()</c> compares the same values under both engines.
/// dsc takes the Linux version and codename from the distribution (as <c>lsb_release</c> reports them, "12",
/// "bookworm"), not from the kernel, and the architecture as <c>uname -m</c> names it ("x86_64", "aarch64").
/// </summary>
internal static class OperatingSystemFacts
{
    /// <summary>Where the distribution's identity is read, in the order os-release(5) gives.</summary>
    private static readonly string[] OsReleasePaths = ["/etc/os-release", "/usr/lib/os-release"];

    /// <summary>The <c>os</c> object for the running process.</summary>
    public static JObject Current()
    {
        var windows = OperatingSystem.IsWindows();
        var os = new JObject { ["family"] = windows ? "Windows" : OperatingSystem.IsMacOS() ? "macOS" : "Linux" };
        if (windows || OperatingSystem.IsMacOS())
        {
            var v = Environment.OSVersion.Version;
            os["version"] = $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}";
        }
        else
        {
            var release = ReadOsRelease();
            os["version"] = release.Version ?? "Unknown";
            if (release.Codename is { } codename)
            {
                os["codename"] = codename;
            }
        }

        // An integer, as dsc's OsInfo serialises it (Option<i32>), so comparisons with 64 behave alike.
        os["bitness"] = Environment.Is64BitOperatingSystem ? 64 : 32;
        if (ArchitectureName(RuntimeInformation.OSArchitecture, windows) is { } architecture)
        {
            os["architecture"] = architecture;
        }

        return os;
    }

    /// <summary>
    /// The architecture as dsc reports it: <c>uname -m</c>'s name on Linux, the processor architecture's usual name on
    /// Windows; null for one neither names (dsc then leaves the property out).
    /// </summary>
    public static string? ArchitectureName(Architecture architecture, bool windows) => architecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => windows ? "arm64" : "aarch64",
        Architecture.X86 => windows ? "i386" : "i686",
        Architecture.Arm => windows ? "arm" : "armv7l",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loongarch64",
        _ => null,
    };

    /// <summary>
    /// <c>VERSION_ID</c> and <c>VERSION_CODENAME</c> of an os-release file (shell-style assignments, values optionally
    /// quoted); null for each that is missing or empty.
    /// </summary>
    public static (string? Version, string? Codename) ParseOsRelease(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? version = null, codename = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var value = Unquote(line[(equals + 1)..].Trim());
            switch (line[..equals])
            {
                case "VERSION_ID":
                    version = value.Length > 0 ? value : null;
                    break;
                case "VERSION_CODENAME":
                    codename = value.Length > 0 ? value : null;
                    break;
            }
        }

        return (version, codename);
    }

    private static (string? Version, string? Codename) ReadOsRelease()
    {
        foreach (var path in OsReleasePaths)
        {
            try
            {
                return ParseOsRelease(File.ReadAllText(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The next location, then none: an unknown distribution still evaluates context().
            }
        }

        return (null, null);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
