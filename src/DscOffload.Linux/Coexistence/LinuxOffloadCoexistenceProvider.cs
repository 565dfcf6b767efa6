using DscOffload.Core.Coexistence;
using DscOffload.Core.Diagnostics;

namespace DscOffload.Linux.Coexistence;

/// <summary>
/// Provider of <c>DscOffload.Linux/OffloadCoexistence</c>: the read-only report of IPsec (xfrm)
/// policies and SAs, bond and team devices on a Linux host, and what they mean for the kernel's
/// offloads. It is a separate type with its own table, not part of the Windows KB 951037 table.
/// </summary>
public sealed class LinuxOffloadCoexistenceProvider : CoexistenceResourceProvider
{
    /// <summary>The DSC type name.</summary>
    public const string TypeName = "DscOffload.Linux/OffloadCoexistence";

    /// <summary>Creates the provider.</summary>
    public LinuxOffloadCoexistenceProvider()
        : base(TypeName, "Linux", "Read-only: IPsec (xfrm) policies and SAs, bond and team devices on this Linux host, and what they mean for TSO/GSO, checksum, LRO and ESP offload.")
    {
    }

    /// <inheritdoc />
    protected override ICoexistenceProbe CreateLiveProbe()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new DscOffloadException(ErrorKind.NotSupported,
                $"{TypeName} reads Linux hosts; this host is not Linux (use --against to test recorded state)");
        }

        return NetlinkCoexistenceProbe.Open();
    }
}
