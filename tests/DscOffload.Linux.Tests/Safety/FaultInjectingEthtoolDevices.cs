using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Tests.Safety;

/// <summary>
/// Wraps an <see cref="IEthtoolDevices"/> and fails its k-th operation (reads and writes alike, counted from 1
/// across all interfaces), before or after the operation takes effect, with the kind of error a device gives.
/// With <see cref="FailAt"/> 0 it only counts, which is how a test learns how many operations a run has.
/// </summary>
public sealed class FaultInjectingEthtoolDevices(IEthtoolDevices inner) : IEthtoolDevices
{
    private readonly List<string> _operations = [];

    /// <summary>The operation to fail (1-based); 0 never fails.</summary>
    public int FailAt { get; set; }

    public FaultTiming Timing { get; set; } = FaultTiming.Before;

    /// <summary>Every operation so far, in order, as "Name(interface)".</summary>
    public IReadOnlyList<string> Operations => _operations;

    /// <summary>True once the fault has been injected.</summary>
    public bool Injected { get; private set; }

    public IReadOnlyList<LinuxInterface> ListInterfaces() => Run("ListInterfaces", "*", inner.ListInterfaces);

    public EthtoolFeatureSet GetFeatures(string interfaceName) => Run("GetFeatures", interfaceName, () => inner.GetFeatures(interfaceName));

    public FeatureChangeResult SetFeatures(string interfaceName, IReadOnlyDictionary<string, bool> wanted) =>
        Run("SetFeatures", interfaceName, () => inner.SetFeatures(interfaceName, wanted));

    public ChannelInfo? GetChannels(string interfaceName) => Run("GetChannels", interfaceName, () => inner.GetChannels(interfaceName));

    public void SetChannels(string interfaceName, ChannelCounts wanted) =>
        Run("SetChannels", interfaceName, () =>
        {
            inner.SetChannels(interfaceName, wanted);
            return true;
        });

    private T Run<T>(string name, string interfaceName, Func<T> operation)
    {
        _operations.Add($"{name}({interfaceName})");
        if (_operations.Count != FailAt)
        {
            return operation();
        }

        Injected = true;
        if (Timing == FaultTiming.After)
        {
            operation();
        }

        throw new DscOffloadException(ErrorKind.Unexpected,
            $"injected fault: operation {FailAt} ({name} of '{interfaceName}') failed {(Timing == FaultTiming.After ? "after taking effect" : "before doing anything")} (EIO)");
    }
}
