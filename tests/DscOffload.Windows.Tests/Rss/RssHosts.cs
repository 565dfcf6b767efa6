using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Rss;

/// <summary>The x710 server with its first adapter's RSS or RSC instance changed before the host is built (read-only values cannot be written afterwards).</summary>
internal static class RssHosts
{
    public const string Adapter = "Ethernet 2";

    public static FakeWindowsHost X710(Action<JObject>? rss = null, Action<JObject>? rsc = null)
    {
        var json = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "x710-server.json")));
        var settingData = (JObject)json["adapters"]![0]!["settingData"]!;
        rss?.Invoke((JObject)settingData[FakeCimClassCatalog.Rss]!);
        rsc?.Invoke((JObject)settingData[FakeCimClassCatalog.Rsc]!);
        return FakeWindowsHost.FromJson(json);
    }

    /// <summary>RSC for IPv4 off, and so not in effect with the documented reason NicPropertyDisabled (1).</summary>
    public static FakeWindowsHost RscIPv4OffForItsOwnSetting() => X710(rsc: r =>
    {
        r["IPv4Enabled"] = false;
        r["IPv4OperationalState"] = false;
        r["IPv4FailureReason"] = 1;
    });

    /// <summary>RSC for IPv6 on but not in effect because of <paramref name="reason"/> (the documented FailureReason number).</summary>
    public static FakeWindowsHost RscIPv6NotOperational(uint reason) => X710(rsc: r =>
    {
        r["IPv6Enabled"] = true;
        r["IPv6OperationalState"] = false;
        r["IPv6FailureReason"] = reason;
    });
}
