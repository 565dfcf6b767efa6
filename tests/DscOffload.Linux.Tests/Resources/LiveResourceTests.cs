using DscOffload.Core.Resources;
using DscOffload.Linux.Live;
using DscOffload.Linux.Persistence;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Linux.Tests.Privileged;
using DscOffload.Tests.Privileged;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>
/// The resource against the real kernel on fresh veth pairs in a private namespace: the kernel behaviours the
/// resource logic relies on (requests that come back with their prerequisite, TSO variants dropped with TSO).
/// </summary>
public sealed class LiveResourceTests : IClassFixture<VethNamespaceFixture>, IDisposable
{
    private readonly VethNamespaceFixture _namespace;
    private readonly LiveEthtoolDevices? _devices;
    private readonly string _directory = Directory.CreateTempSubdirectory("dscoffload-live-link-").FullName;

    public LiveResourceTests(VethNamespaceFixture networkNamespace)
    {
        _namespace = networkNamespace;
        if (networkNamespace.IsCreated)
        {
            _devices = LiveEthtoolDevices.OpenInNamespace(networkNamespace.Name);
        }
    }

    private LiveEthtoolDevices Devices => _devices ?? throw new InvalidOperationException("the test namespace was not created");

    public void Dispose()
    {
        _devices?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [PrivilegedFact]
    public void Set_FeatureOffButStillRequested_StaysOffWhenScatterGatherComesBack()
    {
        var name = _namespace.AddVethPair(0);
        Devices.SetFeatures(name, new Dictionary<string, bool> { ["tx-scatter-gather"] = false });
        var resource = new LinuxNetAdapterOffloadResource(Devices, live: true, new SystemdLinkFile(_directory));
        var desired = $$$"""{"name": "{{{name}}}", "features": {"sg": true, "tx-tcp6-segmentation": false}}""";

        resource.Set(JObject.Parse(desired), Context());
        var outcome = resource.Test(JObject.Parse(desired), Context());

        outcome.InDesiredState.Should().BeTrue();
        Active(name, "tx-tcp6-segmentation").Should().BeFalse();
        Active(name, "tx-tcp-segmentation").Should().BeTrue();
    }

    [PrivilegedFact]
    public void Set_TsoOffByKernelNamesWithPersist_IsInDesiredStateWithTwoKeys()
    {
        var name = _namespace.AddVethPair(0);
        var resource = new LinuxNetAdapterOffloadResource(Devices, live: true, new SystemdLinkFile(_directory));
        var desired = $$$"""
            {"name": "{{{name}}}", "persist": "SystemdLink", "features": {"tx-tcp-segmentation": false, "tx-tcp6-segmentation": false,
             "tx-tcp-ecn-segmentation": false, "tx-tcp-mangleid-segmentation": false}}
            """;

        var set = resource.Set(JObject.Parse(desired), Context());
        var outcome = resource.Test(JObject.Parse(desired), Context());

        set.ChangedProperties.Should().Equal("features", "persist");
        outcome.InDesiredState.Should().BeTrue();
        Active(name, "tx-tcp-ecn-segmentation").Should().BeFalse();
        Active(name, "tx-tcp-accecn-segmentation").Should().BeTrue("no .link key and no kernel rule turns it off");
        File.ReadAllText(Path.Combine(_directory, $"10-dscoffload-{name}.link"))
            .Should().Contain("TCPSegmentationOffload=false").And.Contain("TCP6SegmentationOffload=false").And.NotContain("ECN");
    }

    private bool Active(string name, string feature) => Devices.GetFeatures(name).TryGet(feature, out var state) && state.Active;

    private static OperationContext Context() => new(_ => { }, "live-test");
}
