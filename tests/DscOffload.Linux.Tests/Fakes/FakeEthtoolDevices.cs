using DscOffload.Linux.Interop;
using DscOffload.Linux.Live;
using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IEthtoolDevices"/> that behaves like the kernel (see README.md): the Linux 6.18
/// feature string set, fixed and never-changeable features reported as unsupported, dependency fix-ups
/// with ETHTOOL_F_WISH, channel maximums, and the same errors as <see cref="LiveEthtoolDevices"/>.
/// </summary>
internal sealed class FakeEthtoolDevices : IEthtoolDevices
{
    private readonly Dictionary<string, FakeDevice> _devices = new(StringComparer.Ordinal);
    private readonly List<FakeEthtoolCall> _calls = [];
    private readonly EthtoolStringSet _stringSet = new(KernelFeatureNames.Linux618);
    private int _nextIfIndex = 1;

    public FakeEthtoolDevices(params FakeDevice[] devices)
    {
        foreach (var device in devices)
        {
            Add(device);
        }
    }

    /// <summary>False simulates a caller without CAP_NET_ADMIN: reads work, changes fail with ElevationRequired.</summary>
    public bool CanChange { get; set; } = true;

    /// <summary>
    /// Runs at the start of every SetFeatures/SetChannels call with the interface name, before the device is
    /// looked up, to simulate something happening between reading and changing (a device vanishing).
    /// </summary>
    public Action<string>? BeforeChange { get; set; }

    /// <summary>Every SetFeatures/SetChannels call that reached the device, in order.</summary>
    public IReadOnlyList<FakeEthtoolCall> Calls => _calls;

    /// <summary><c>lo</c>, a veth pair <c>v0</c>/<c>v1</c> and a 4-queue veth pair <c>m0</c>/<c>m1</c>, as the integration tests create.</summary>
    public static FakeEthtoolDevices WithVethPairs() => new(
        FakeDevice.Loopback(),
        FakeDevice.Veth("v0"),
        FakeDevice.Veth("v1"),
        FakeDevice.Veth("m0", queues: 4, currentQueues: 4),
        FakeDevice.Veth("m1", queues: 4, currentQueues: 4));

    /// <summary><c>lo</c> and one multi-queue NIC <c>eth0</c> with a permanent address.</summary>
    public static FakeEthtoolDevices WithNic() => new(
        FakeDevice.Loopback(),
        FakeDevice.MultiQueueNic("eth0", "52:54:00:12:34:56"));

    public FakeDevice Add(FakeDevice device)
    {
        if (device.IfIndex == 0)
        {
            device.IfIndex = _nextIfIndex;
        }

        _nextIfIndex = Math.Max(_nextIfIndex, device.IfIndex) + 1;
        _devices.Add(device.Name, device);
        return device;
    }

    /// <summary>Simulates a device disappearing (unplugged, deleted, renamed).</summary>
    public bool Remove(string name) => _devices.Remove(name);

    public FakeDevice Device(string name) => _devices[name];

    public IReadOnlyList<LinuxInterface> ListInterfaces() =>
        [.. _devices.Values
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new LinuxInterface(d.Name, d.IfIndex, d.PermanentAddress, d.IsLoopback))];

    public EthtoolFeatureSet GetFeatures(string interfaceName) =>
        Find(interfaceName).ToFeatureSet(KernelFeatureNames.Linux618);

    public FeatureChangeResult SetFeatures(string interfaceName, IReadOnlyDictionary<string, bool> wanted)
    {
        BeforeChange?.Invoke(interfaceName);
        var device = Find(interfaceName);
        if (wanted.Count == 0)
        {
            return new FeatureChangeResult(SomeUnsupported: false, Wish: false);
        }

        foreach (var name in wanted.Keys)
        {
            if (!_stringSet.TryGetBit(name, out _))
            {
                throw _stringSet.UnknownFeature(interfaceName, name);
            }
        }

        if (!CanChange)
        {
            throw EthtoolErrors.NeedsRoot(EthtoolErrors.ChangingFeatures, interfaceName);
        }

        if (device.FailChangesWith is { } failure)
        {
            throw failure;
        }

        _calls.Add(new FakeEthtoolCall(nameof(SetFeatures), interfaceName, new Dictionary<string, bool>(wanted, StringComparer.Ordinal), null));
        return device.Apply(wanted);
    }

    public ChannelInfo? GetChannels(string interfaceName) => Find(interfaceName).Channels;

    public void SetChannels(string interfaceName, ChannelCounts wanted)
    {
        BeforeChange?.Invoke(interfaceName);
        var device = Find(interfaceName);
        var info = device.Channels ?? throw EthtoolErrors.NoChannelSupport(interfaceName);
        EthtoolErrors.CheckMaximums(interfaceName, wanted, info.Maximum);
        if (!CanChange)
        {
            throw EthtoolErrors.NeedsRoot(EthtoolErrors.ChangingChannels, interfaceName);
        }

        if (device.FailChangesWith is { } failure)
        {
            throw failure;
        }

        // The ethtool core (and veth) refuse a configuration without any receive or transmit queue.
        if (wanted.Rx + wanted.Combined == 0 || wanted.Tx + wanted.Combined == 0)
        {
            throw EthtoolErrors.ChannelsRejected(interfaceName, wanted, info.Maximum);
        }

        _calls.Add(new FakeEthtoolCall(nameof(SetChannels), interfaceName, null, wanted));
        device.Channels = info with { Current = wanted };
    }

    private FakeDevice Find(string interfaceName) =>
        _devices.TryGetValue(interfaceName, out var device) ? device : throw EthtoolErrors.InterfaceGone(interfaceName);
}
