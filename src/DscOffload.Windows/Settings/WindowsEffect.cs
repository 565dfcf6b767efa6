namespace DscOffload.Windows.Settings;

/// <summary>
/// The Windows versions where a setting has an effect, by build number so that it compares with the host's
/// (<c>Win32_OperatingSystem.BuildNumber</c>): from the first build where its class exists up to, not including,
/// <see cref="RemovedInBuild"/>. <see cref="NoEffectBecause"/> is what the user is told on a later build, and
/// <see cref="Source"/> the Microsoft documentation the row follows (README.md, "Windows versions where a setting has an effect").
/// </summary>
internal sealed record WindowsEffect(int? RemovedInBuild, string? NoEffectBecause, string Source)
{
    /// <summary>Windows 8 / Server 2012: NetDMA is gone, MSFT_NetOffloadGlobalSetting and the MSFT_NetAdapter* classes appear.</summary>
    public const int Windows8 = 9200;

    /// <summary>Windows Vista / Server 2008: the next-generation TCP/IP stack, configured by netsh instead of the SNP registry values.</summary>
    public const int WindowsVista = 6000;

    /// <summary>Windows 10 version 1709 (Windows Server version 1709): TCP Chimney Offload (the TCP Offload Engine) is removed.</summary>
    public const int Windows10Version1709 = 16299;

    /// <summary>A setting whose documentation names no Windows version where it stops having an effect.</summary>
    public static WindowsEffect Unrestricted { get; } =
        new(null, null, "its class or driver keyword documentation names no Windows version that removed it");

    /// <summary>A setting that stopped having an effect at <paramref name="build"/>.</summary>
    public static WindowsEffect Until(int build, string because, string source) => new(build, because, source);

    /// <summary>Whether the setting has an effect on <paramref name="build"/>; an unknown build (null) is assumed to.</summary>
    public bool HasEffectOn(int? build) => build is null || RemovedInBuild is null || build < RemovedInBuild;
}
