using DscOffload.Linux.Tests.Fakes;

namespace DscOffload.Linux.Tests.Safety;

/// <summary>The state of fake devices as text, for before/after comparisons.</summary>
internal static class DeviceState
{
    /// <summary>Active state and channels of every interface: what <c>ethtool -k</c> (without requests) and <c>ethtool -l</c> show.</summary>
    public static string Active(FakeEthtoolDevices fake) => string.Join("\n", fake.ListInterfaces().Select(i =>
        $"{i.Name}: {string.Join(",", fake.GetFeatures(i.Name).Features.Where(f => f.Active).Select(f => f.Name))} {fake.GetChannels(i.Name)?.Current}"));

    /// <summary>Requested and active state of every feature plus channels.</summary>
    public static string Full(FakeEthtoolDevices fake) => string.Join("\n", fake.ListInterfaces().Select(i =>
        $"{i.Name}: {string.Join(",", fake.GetFeatures(i.Name).Features.Select(f => $"{f.Name}={f.Requested}/{f.Active}"))} {fake.GetChannels(i.Name)?.Current}"));
}
