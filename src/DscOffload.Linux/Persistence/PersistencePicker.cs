using DscOffload.Core.Adapters;
using DscOffload.Core.Resources;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// <c>persist: Auto</c>: picks, per interface, the store of what actually manages it, and says which and why. NetworkManager
/// when a profile is bound to the interface and NetworkManager runs (it re-applies its profile at every activation, after
/// udev applied any <c>.link</c> file); otherwise a systemd <c>.link</c> file, which udev applies whatever configures the
/// addresses later (an interface in netplan's configuration included: netplan renders networkd files, and its offload keys
/// are reported as shadows where they contradict).
/// </summary>
internal static class PersistencePicker
{
    /// <summary>The value of <c>persist</c> that picks the store.</summary>
    public const string Auto = "Auto";

    /// <summary>The store for <paramref name="device"/>, or null when neither store is available (recorded state).</summary>
    public static IOffloadPersistence? Pick(LinkDeviceFacts device, SystemdLinkPersistence? systemd, NetworkManagerPersistence? networkManager,
        OtherNetworkStacks? stacks, OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(context);
        string why;
        IOffloadPersistence? picked;
        if (networkManager is not null && networkManager.HasProfileFor(device))
        {
            var running = networkManager.IsRunning();
            picked = running ? networkManager : systemd;
            why = running ? "a NetworkManager profile is bound to it and NetworkManager runs"
                : "a NetworkManager profile is bound to it, but NetworkManager does not run (or is not reachable on the system D-Bus)";
        }
        else if (stacks is not null && NetplanFiles.Configures(stacks.Root, device))
        {
            picked = systemd;
            why = "netplan configures it (netplan renders systemd files; a netplan backend is not available in this build)";
        }
        else
        {
            picked = systemd ?? (IOffloadPersistence?)networkManager;
            why = "no NetworkManager profile or netplan entry is bound to it";
        }

        if (picked is not null)
        {
            context.Info($"'{device.Name}': persist Auto picked {picked.Name}: {why}");
        }

        return picked;
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
