using DscOffload.Core.Coexistence;
using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Live;

namespace DscOffload.Windows.Coexistence;

/// <summary>
/// Provider of <c>DscOffload.Windows/OffloadCoexistence</c>: the read-only report of which KB 951037
/// conditions hold on a Windows host and what they mean for TCP Chimney and the other offloads.
/// </summary>
public sealed class WindowsOffloadCoexistenceProvider : CoexistenceResourceProvider
{
    /// <summary>The DSC type name.</summary>
    public const string TypeName = "DscOffload.Windows/OffloadCoexistence";

    /// <summary>Creates the provider.</summary>
    public WindowsOffloadCoexistenceProvider()
        : base(TypeName, "Windows", "Read-only: which KB 951037 coexistence conditions (IPsec policy, Hyper-V, NLB, NAT/ICS, cluster and NetFT, teaming, filter drivers) hold on this Windows host, and what they mean for TCP Chimney and the other offloads.")
    {
    }

    /// <inheritdoc />
    protected override ICoexistenceProbe CreateLiveProbe()
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new DscOffloadException(ErrorKind.NotSupported,
                $"{TypeName} reads Windows hosts; this host is not Windows (use --against to test recorded state)");
        }

        return new CimCoexistenceProbe(new MiCimGateway(), new Win32RegistryGateway());
    }
}
