using DscOffload.Linux.Platform;

namespace DscOffload.Linux.Tests.Fakes;

/// <summary>One change request the fake received, in order, so tests can check apply ordering.</summary>
internal sealed record FakeEthtoolCall(string Operation, string InterfaceName, IReadOnlyDictionary<string, bool>? Features, ChannelCounts? Channels);
