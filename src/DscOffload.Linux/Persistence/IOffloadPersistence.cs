using DscOffload.Core.Adapters;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// One value of <c>persist</c> on the Linux resource: the store that keeps the desired offload state across reboots and
/// reconnects (<see cref="SystemdLinkPersistence"/>, <see cref="NetplanPersistence"/>,
/// <see cref="NetworkManagerPersistence"/>). The resource calls it in
/// the order of a set: <see cref="Relate"/> in get, test and set (plans, refuses what the store cannot express before
/// anything changes, and exposes the comparison as the setting <c>persist</c>), <see cref="EnsureWritableIfNeeded"/>
/// before the kernel is changed, <see cref="WriteIfVerified"/> after the running state is read back, and
/// <see cref="FilesFor"/> for the journal, which saves those files so that rollback restores them byte for byte.
/// </summary>
internal interface IOffloadPersistence
{
    /// <summary>The value of <c>persist</c> this store answers to (<c>SystemdLink</c>, <c>Netplan</c>, <c>NetworkManager</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Plans the store's content for <paramref name="adapter"/>, remembers it for a later write, and returns the adapter with
    /// its <c>persist</c> setting: <see cref="Name"/> when the store already says what is desired and will win, <c>None</c>
    /// otherwise. What the store cannot express is a ValidationFailed error naming each setting, before any change.
    /// </summary>
    AdapterSnapshot Relate(AdapterSnapshot adapter, IReadOnlyList<DesiredSetting> settings, JObject desired, LinkDeviceFacts device,
        OperationContext context);

    /// <summary>Before the interface of <paramref name="comparison"/> is changed: refuses when its store is to be written and cannot be.</summary>
    void EnsureWritableIfNeeded(AdapterComparison comparison);

    /// <summary>Writes the store of <paramref name="comparison"/>'s interface when it differs and <paramref name="running"/> matches the desired state.</summary>
    void WriteIfVerified(AdapterComparison comparison, Func<AdapterSnapshot> running, IReadOnlyList<DesiredSetting> desired,
        AdapterApplyReport report, OperationContext context);

    /// <summary>The full paths of the files a write for <paramref name="interfaceName"/> touches (known after <see cref="Relate"/>).</summary>
    IReadOnlyList<string> FilesFor(string interfaceName);
}
