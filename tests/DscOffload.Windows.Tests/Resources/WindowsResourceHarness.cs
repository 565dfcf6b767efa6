using DscOffload.Core.Resources;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Live;
using DscOffload.Windows.Persistence;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;
using DscOffload.Windows.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

/// <summary>
/// Runs the real <see cref="GlobalOffloadResource"/> and <see cref="WindowsNetAdapterOffloadResource"/> over
/// <see cref="CimWindowsOffloadPlatform"/> on a seeded <see cref="FakeWindowsHost"/>, collecting the messages
/// they report. The resources are built as non-live, so no test depends on running elevated on Windows; set
/// is still allowed because the context is not a read-only target.
/// </summary>
internal sealed class WindowsResourceHarness
{
    public WindowsResourceHarness(string hostFile)
        : this(FakeWindowsHost.Load(hostFile))
    {
    }

    public WindowsResourceHarness(FakeWindowsHost host, PendingRestartLedger? pendingRestarts = null)
    {
        Host = host;
        Platform = host.CreatePlatform();
        Adapters = new WindowsNetAdapterOffloadResource(Platform, live: false, pendingRestarts);
        Global = new GlobalOffloadResource(Platform, live: false);
    }

    public FakeWindowsHost Host { get; }

    public CimWindowsOffloadPlatform Platform { get; }

    public WindowsNetAdapterOffloadResource Adapters { get; }

    public GlobalOffloadResource Global { get; }

    public List<ResourceMessage> Messages { get; } = [];

    public FakeCimGateway Cim => Host.Cim;

    public FakeRegistry Registry => Host.Registry;

    public GetOutcome Get(string json) => Adapters.Get(JObject.Parse(json), Context());

    public TestOutcome Test(string json) => Adapters.Test(JObject.Parse(json), Context());

    public SetOutcome Set(string json) => Adapters.Set(JObject.Parse(json), Context());

    public SetOutcome WhatIf(string json) => Adapters.Set(JObject.Parse(json), Context(whatIf: true));

    public GetOutcome GetGlobal() => Global.Get([], Context());

    public TestOutcome TestGlobal(string json) => Global.Test(JObject.Parse(json), Context());

    public SetOutcome SetGlobal(string json) => Global.Set(JObject.Parse(json), Context());

    public SetOutcome WhatIfGlobal(string json) => Global.Set(JObject.Parse(json), Context(whatIf: true));

    /// <summary>Texts of the messages reported at <paramref name="level"/>.</summary>
    public IEnumerable<string> MessagesAt(MessageLevel level) => Messages.Where(m => m.Level == level).Select(m => m.Text);

    /// <summary>Every change the fakes accepted (CIM modifications, method calls, registry writes).</summary>
    public int ChangeCount => Cim.Modifications.Count + Cim.Invocations.Count + Registry.Writes.Count;

    /// <summary>The <c>adapters</c> entry for <paramref name="name"/> in an output state.</summary>
    public static JObject Entry(JObject state, string name) =>
        state["adapters"]!.Cast<JObject>().Single(a => a.Value<string>("name") == name);

    /// <summary>How often the seeded adapter called <paramref name="name"/> was restarted.</summary>
    public int Restarts(string name) => Cim.RestartCount(Host.Adapter(name).InterfaceGuid);

    /// <summary>The per-adapter CIM instance of <paramref name="className"/> for the seeded adapter <paramref name="name"/>.</summary>
    public CimRecord SettingData(string className, string name, string? keyword = null) =>
        Cim.SettingData(className, Host.Adapter(name).InterfaceDescription, keyword)
        ?? throw new InvalidOperationException($"no {className} instance for '{name}'");

    /// <summary>The stored text of an NDIS keyword in the driver key of the seeded adapter <paramref name="name"/>, or null.</summary>
    public string? Keyword(string name, string keyword) =>
        Registry.Read(Host.DriverKey(Host.Adapter(name)), keyword)?.Text;

    /// <summary>The context the harness runs operations in (messages collected), for tests that pass their own desired state.</summary>
    public OperationContext Context(bool whatIf = false) => new(m => Messages.Add(m), Host.HostName) { WhatIf = whatIf };
}
