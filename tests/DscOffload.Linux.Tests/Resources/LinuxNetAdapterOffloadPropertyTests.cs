using CsCheck;
using DscOffload.Linux.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>
/// Properties over random desired feature maps for a fresh veth (kernel names and ethtool aliases mixed):
/// whatever set reaches, test then agrees with; what-if never touches the device.
/// </summary>
public sealed class LinuxNetAdapterOffloadPropertyTests
{
    /// <summary>
    /// The veth members of each alias that the device can change (independent of the product's alias table);
    /// an empty list means every member is fixed off on veth (or the kernel has none), so only "off" is reachable.
    /// </summary>
    private static readonly (string Alias, string[] Members)[] VethAliases =
    [
        ("rx", ["rx-checksum"]),
        ("tx", ["tx-checksum-ip-generic", "tx-checksum-sctp"]),
        ("sg", ["tx-scatter-gather", "tx-scatter-gather-fraglist"]),
        ("tso", ["tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation", "tx-tcp-accecn-segmentation"]),
        ("gso", ["tx-generic-segmentation"]),
        ("gro", ["rx-gro"]),
        ("rxvlan", ["rx-vlan-hw-parse"]),
        ("txvlan", ["tx-vlan-hw-insert"]),
        ("lro", []),
        ("ntuple", []),
        ("rxhash", []),
        ("ufo", []),
    ];

    private static readonly string[] Changeable = [.. FakeDevice.Veth("v0").ToFeatureSet(KernelFeatureNames.Linux618).Features
        .Where(f => f.Changeable && !f.NeverChangeable).Select(f => f.Name)];

    /// <summary>
    /// Desired maps the kernel can reach: a random request for every changeable feature, settled by the
    /// kernel's dependency rules, of which a random part is named directly and a random set of aliases
    /// whose members all settled alike.
    /// </summary>
    private static readonly Gen<string> ReachableDesired =
        Gen.Select(Gen.Bool.Array[Changeable.Length], Gen.Bool.Array[Changeable.Length], Gen.Bool.Array[VethAliases.Length])
            .Select((requested, named, aliased) =>
            {
                var active = new HashSet<string>(Changeable.Where((_, i) => requested[i]), StringComparer.Ordinal);
                FeatureDependencies.Fix(active);
                return Desired(Changeable.Where((_, i) => named[i]), active.Contains, aliased);
            });

    /// <summary>Any consistent desired map, reachable or not (what-if predicts; it does not check dependencies).</summary>
    private static readonly Gen<string> AnyDesired =
        Gen.Select(Gen.Bool.Array[Changeable.Length], Gen.Bool.Array[Changeable.Length], Gen.Bool.Array[VethAliases.Length])
            .Select((values, named, aliased) =>
            {
                var on = new HashSet<string>(Changeable.Where((_, i) => values[i]), StringComparer.Ordinal);
                return Desired(Changeable.Where((_, i) => named[i]), on.Contains, aliased);
            });

    [Fact]
    public void Set_ThenTest_IsInDesiredStateWithNothingDiffering()
    {
        ReachableDesired.Sample(desired =>
        {
            var host = new ResourceHarness(new FakeEthtoolDevices(FakeDevice.Loopback(), FakeDevice.Veth("v0")));

            host.Set(desired);
            var outcome = host.Test(desired);

            outcome.InDesiredState.Should().BeTrue(desired);
            outcome.DifferingProperties.Should().BeEmpty(desired);
        }, iter: 300);
    }

    [Fact]
    public void Set_FromARandomStartToAFullReachableMap_ThenTestIsInDesiredState()
    {
        var gen = Gen.Select(Gen.Bool.Array[Changeable.Length], Gen.Bool.Array[Changeable.Length], Gen.Bool.Array[VethAliases.Length])
            .Select((start, requested, aliased) =>
            {
                var active = new HashSet<string>(Changeable.Where((_, i) => requested[i]), StringComparer.Ordinal);
                FeatureDependencies.Fix(active);
                return (Start: start, Desired: Desired(Changeable, active.Contains, aliased));
            });

        gen.Sample(sample =>
        {
            var fake = new FakeEthtoolDevices(FakeDevice.Loopback(), FakeDevice.Veth("v0"));
            fake.SetFeatures("v0", Changeable.Select((name, i) => (name, sample.Start[i])).ToDictionary(f => f.name, f => f.Item2, StringComparer.Ordinal));
            var host = new ResourceHarness(fake);

            host.Set(sample.Desired);
            var outcome = host.Test(sample.Desired);

            outcome.InDesiredState.Should().BeTrue(sample.Desired);
            outcome.DifferingProperties.Should().BeEmpty(sample.Desired);
        }, iter: 300, print: sample => $"start {string.Join("", sample.Start.Select(b => b ? '1' : '0'))} desired {sample.Desired}");
    }

    [Fact]
    public void WhatIf_NeverChangesTheDeviceAndPredictsTheDesiredValues()
    {
        AnyDesired.Sample(desired =>
        {
            var host = new ResourceHarness(new FakeEthtoolDevices(FakeDevice.Loopback(), FakeDevice.Veth("v0")));
            var before = host.DeviceState();

            var outcome = host.WhatIf(desired);

            host.DeviceState().Should().Be(before, desired);
            host.Fake.Calls.Should().BeEmpty(desired);
            var predicted = (JObject?)ResourceHarness.Entry(outcome.AfterState, "v0")["features"] ?? [];
            var normalized = (JObject?)host.Test(desired).DesiredState["features"] ?? [];
            foreach (var p in normalized.Properties())
            {
                predicted[p.Name]?.Value<bool>().Should().Be(p.Value.Value<bool>(), $"{p.Name} in {desired}");
            }
        }, iter: 300);
    }

    private static string Desired(IEnumerable<string> named, Func<string, bool> isOn, bool[] aliased)
    {
        var features = new JObject();
        foreach (var name in named)
        {
            features[name] = isOn(name);
        }

        for (var i = 0; i < VethAliases.Length; i++)
        {
            var (alias, members) = VethAliases[i];
            var values = members.Select(isOn).Distinct().ToList();
            if (aliased[i] && values.Count <= 1)
            {
                features[alias] = values.Count == 1 && values[0];
            }
        }

        return new JObject { ["name"] = "v0", ["features"] = features }.ToString(Newtonsoft.Json.Formatting.None);
    }
}
