using DscOffload.Linux.Platform;
using DscOffload.Tests.Safety;

namespace DscOffload.Linux.Tests.Safety;

/// <summary>
/// Wraps an <see cref="IEthtoolDevices"/> and fails its k-th operation (reads and writes alike, counted across all
/// interfaces and recorded as "Name(interface)"), with the error a device gives (EIO).
/// </summary>
internal sealed class FaultInjectingEthtoolDevices(IEthtoolDevices inner) : FaultInjector, IEthtoolDevices
{
    public IReadOnlyList<LinuxInterface> ListInterfaces() => Device("ListInterfaces", "*", inner.ListInterfaces);

    public EthtoolFeatureSet GetFeatures(string interfaceName) => Device("GetFeatures", interfaceName, () => inner.GetFeatures(interfaceName));

    public FeatureChangeResult SetFeatures(string interfaceName, IReadOnlyDictionary<string, bool> wanted) =>
        Device("SetFeatures", interfaceName, () => inner.SetFeatures(interfaceName, wanted));

    public ChannelInfo? GetChannels(string interfaceName) => Device("GetChannels", interfaceName, () => inner.GetChannels(interfaceName));

    public void SetChannels(string interfaceName, ChannelCounts wanted) =>
        Device("SetChannels", interfaceName, () =>
        {
            inner.SetChannels(interfaceName, wanted);
            return true;
        });

    private T Device<T>(string name, string interfaceName, Func<T> operation) =>
        Run($"{name}({interfaceName})", operation, $"{name} of '{interfaceName}'", "EIO");
}
