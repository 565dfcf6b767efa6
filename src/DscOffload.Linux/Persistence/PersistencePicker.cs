using DscOffload.Core.Adapters;
using DscOffload.Core.Resources;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// <c>persist: Auto</c>: picks, per interface, the store of what actually manages it, and says which and why. netplan when
/// one of its definitions rendered for NetworkManager configures the interface (netplan writes that profile again at every
/// boot and the offload keys into its <c>.link</c> file). Otherwise NetworkManager
/// when a profile is bound to the interface and NetworkManager runs (it re-applies its profile at every activation, after
/// udev applied any <c>.link</c> file). Otherwise netplan when one of its definitions configures the interface and netplan is
/// installed (netplan regenerates its own <c>.link</c> file at every boot, which would shadow a file of dscoffload's).
/// Otherwise a systemd <c>.link</c> file, which udev applies whatever configures the addresses later.
/// </summary>
internal static class PersistencePicker
{
    /// <summary>The value of <c>persist</c> that picks the store.</summary>
    public const string Auto = "Auto";

    /// <summary>The store for <paramref name="device"/>, or null when no store is available (recorded state).</summary>
    public static IOffloadPersistence? Pick(LinkDeviceFacts device, SystemdLinkPersistence? systemd, NetworkManagerPersistence? networkManager,
        NetplanPersistence? netplan, OtherNetworkStacks? stacks, OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(context);
        var (picked, why) = Choose(device, systemd, networkManager, netplan, stacks);
        if (picked is not null)
        {
            context.Info($"'{device.Name}': persist Auto picked {picked.Name}: {why}");
        }

        return picked;
    }

    private static (IOffloadPersistence? Picked, string Why) Choose(LinkDeviceFacts device, SystemdLinkPersistence? systemd,
        NetworkManagerPersistence? networkManager, NetplanPersistence? netplan, OtherNetworkStacks? stacks)
    {
        // netplan 0.106 renders the offload keys of a NetworkManager-rendered definition into its .link file (udev applies
        // it for every backend), never into the profile, which it writes again into run/NetworkManager at every generate.
        if (netplan is not null && netplan.IsInstalled && netplan.RendererOf(device) is { IsNetworkManager: true } renderer)
        {
            return (netplan, $"a netplan definition configures it with {renderer}: netplan renders the offload keys into its .link file, which udev applies, " +
                "and writes NetworkManager's profile for it (run/NetworkManager/system-connections/netplan-<id>.nmconnection) again at every boot, so that profile cannot keep them");
        }

        var profile = networkManager is not null && networkManager.HasProfileFor(device);
        if (profile && networkManager!.IsRunning())
        {
            return (networkManager, "a NetworkManager profile is bound to it and NetworkManager runs");
        }

        var notRunning = profile ? "a NetworkManager profile is bound to it, but NetworkManager does not run (or is not reachable on the system D-Bus); " : "";
        if (netplan is not null && netplan.Configures(device))
        {
            return netplan.IsInstalled
                ? (netplan, $"{notRunning}a netplan definition configures it and netplan is installed")
                : (systemd, $"{notRunning}a netplan definition configures it, but netplan is not installed to render it");
        }

        if (stacks is not null && NetplanFiles.Configures(stacks.Root, device, stacks.Files))
        {
            return (systemd, $"{notRunning}netplan configures it, but no netplan store is available");
        }

        return profile ? (systemd, notRunning.TrimEnd(';', ' '))
            : (systemd ?? (IOffloadPersistence?)networkManager, "no NetworkManager profile or netplan definition is bound to it");
    }

    /// <summary><paramref name="adapter"/> with its <c>persist</c> setting saying <paramref name="requested"/> where the picked store says it is persisted.</summary>
    public static AdapterSnapshot AsRequested(AdapterSnapshot adapter, string picked, string requested)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        var settings = adapter.Ordered
            .Select(kv => kv.Key == SystemdLinkPersistence.Key && kv.Value.Value?.ToString() == picked
                ? new KeyValuePair<SettingKey, AdapterSetting>(kv.Key, new AdapterSetting(requested, kv.Value.Support))
                : kv)
            .ToList();
        return new AdapterSnapshot(adapter.Adapter, settings, adapter.Extras);
    }
}
