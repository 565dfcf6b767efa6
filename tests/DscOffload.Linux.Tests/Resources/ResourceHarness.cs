using DscOffload.Core.Resources;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Linux.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>
/// Runs the real <see cref="LinuxNetAdapterOffloadResource"/> over a <see cref="FakeEthtoolDevices"/>, collecting
/// the messages it reports. The resource is built as non-live so no test depends on running as root; set is
/// still allowed because the context is not a read-only target.
/// </summary>
internal sealed class ResourceHarness
{
    public ResourceHarness(FakeEthtoolDevices fake, SystemdLinkFile? linkFiles = null, OtherNetworkStacks? otherStacks = null,
        NetworkManagerPersistence? networkManager = null, NetplanPersistence? netplan = null)
    {
        Fake = fake;
        Resource = new LinuxNetAdapterOffloadResource(fake, live: false, linkFiles, otherStacks, networkManager, netplan);
    }

    public FakeEthtoolDevices Fake { get; }

    public LinuxNetAdapterOffloadResource Resource { get; }

    public List<ResourceMessage> Messages { get; } = [];

    public GetOutcome Get(string json) => Resource.Get(JObject.Parse(json), Context());

    public TestOutcome Test(string json) => Resource.Test(JObject.Parse(json), Context());

    public SetOutcome Set(string json) => Resource.Set(JObject.Parse(json), Context());

    public SetOutcome WhatIf(string json) => Resource.Set(JObject.Parse(json), Context(whatIf: true));

    /// <summary>The <c>adapters</c> entry for <paramref name="name"/> in an output state.</summary>
    public static JObject Entry(JObject state, string name) =>
        state["adapters"]!.Cast<JObject>().Single(a => a.Value<string>("name") == name);

    /// <summary>Every feature's requested and active state and the channels of every device, to compare before/after.</summary>
    public string DeviceState() => string.Join("\n", Fake.ListInterfaces().Select(i =>
        $"{i.Name}: {string.Join(",", Fake.GetFeatures(i.Name).Features.Select(f => $"{f.Name}={f.Requested}/{f.Active}"))} {Fake.GetChannels(i.Name)}"));

    private OperationContext Context(bool whatIf = false) => new(m => Messages.Add(m), "testhost") { WhatIf = whatIf };
}
