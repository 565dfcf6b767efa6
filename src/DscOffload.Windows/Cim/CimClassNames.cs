namespace DscOffload.Windows.Cim;

/// <summary>The namespaces and classes the platform uses (see the domain reference for their documentation).</summary>
internal static class CimClassNames
{
    /// <summary>The namespace of the NetAdapter and NetTCPIP providers (Windows 8 / Server 2012 and later).</summary>
    public const string StandardCimv2 = "ROOT/StandardCimv2";

    /// <summary>The classic Win32 namespace (Win32_NetworkAdapter, Vista / Server 2008 and later).</summary>
    public const string Cimv2 = "ROOT/CIMV2";

    public const string NetAdapter = "MSFT_NetAdapter";
    public const string GlobalSetting = "MSFT_NetOffloadGlobalSetting";
    public const string Lso = "MSFT_NetAdapterLsoSettingData";
    public const string Checksum = "MSFT_NetAdapterChecksumOffloadSettingData";
    public const string Rss = "MSFT_NetAdapterRssSettingData";
    public const string Rsc = "MSFT_NetAdapterRscSettingData";
    public const string IPsecOffload = "MSFT_NetAdapterIPsecOffloadV2SettingData";
    public const string AdvancedProperty = "MSFT_NetAdapterAdvancedPropertySettingData";
    public const string Win32NetworkAdapter = "Win32_NetworkAdapter";

    /// <summary>The operating system instance (ROOT/CIMV2); its <c>BuildNumber</c> is a string such as "17763".</summary>
    public const string Win32OperatingSystem = "Win32_OperatingSystem";

    /// <summary>
    /// The NetAdapter provider's operation option that includes hidden adapters, as the cmdlets'
    /// <c>-IncludeHidden</c> does. [unverified] that the provider reads it for plain queries; it is
    /// sent as optional, so a provider that does not know it ignores it.
    /// </summary>
    public const string IncludeHiddenOption = "IncludeHidden";

    /// <summary>
    /// The NetAdapter provider's operation option behind the cmdlets' <c>-NoRestart</c>, sent with ModifyInstance of
    /// the LSO, checksum, RSS, RSC and advanced property classes. [unverified] like <see cref="IncludeHiddenOption"/>:
    /// those classes document no method that takes NoRestart. IPsec offload uses its documented <c>Set</c> method
    /// with a NoRestart parameter instead. The platform restarts adapters itself, once, through <c>RestartAdapter</c>.
    /// </summary>
    public const string NoRestartOption = "NoRestart";
}
