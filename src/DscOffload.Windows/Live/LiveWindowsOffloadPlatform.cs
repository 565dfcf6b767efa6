using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Platform;

namespace DscOffload.Windows.Live;

/// <summary>
/// Creates the platform for the host this process runs on: the CIM/registry mapping over
/// Microsoft.Management.Infrastructure and the Win32 registry.
/// </summary>
internal static class LiveWindowsOffloadPlatform
{
    /// <summary>
    /// The live platform. Its CIM session lives as long as the process (dscoffload runs one operation
    /// per process, so nothing is gained by closing it earlier).
    /// </summary>
    /// <exception cref="DscOffloadException"><c>NotSupported</c> on an operating system other than Windows.</exception>
    public static IWindowsOffloadPlatform Create()
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new DscOffloadException(ErrorKind.NotSupported, "the Windows offload resources can read and change only a Windows host; use --against to test recorded state on this system");
        }

        return new CimWindowsOffloadPlatform(new MiCimGateway(), new Win32RegistryGateway());
    }
}
