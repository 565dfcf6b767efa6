using System.Text;
using CsCheck;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Linux.Platform;
using DscOffload.Linux.Tests.Fakes;
using DscOffload.Tests.Engine;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Safety;

/// <summary>
/// Properties of the engine and the journal over random recorded states (random feature requests settled by the
/// kernel rules, random queue counts) and random documents (aliases and kernel names, several instances):
/// what-if never changes anything, a set that succeeds is followed by a test in desired state, rolling back the
/// journal entry of any set restores the recorded state, and the diff of a state against itself is empty.
/// </summary>
public sealed class EnginePropertyTests
{
    private static readonly string[] Adapters = ["v0", "v1", "m0"];

    private static readonly string[] Changeable = [.. FakeDevice.Veth("v0").ToFeatureSet(KernelFeatureNames.Linux618).Features
        .Where(f => f.Changeable && !f.NeverChangeable).Select(f => f.Name)];

    private static readonly string[] Names = ["rx", "tx", "sg", "tso", "gso", "gro", "rxvlan", "txvlan", "lro", "rx-gro", "tx-tcp-segmentation", "tx-checksum-ip-generic", "rx-gro-list", "tx-nocache-copy"];

    /// <summary>A recorded state: per adapter a request for every changeable feature; m0's rx and tx queue counts.</summary>
    private static readonly Gen<(bool[][] Requests, uint Rx, uint Tx)> StartState =
        Gen.Select(Gen.Bool.Array[Changeable.Length].Array[Adapters.Length], Gen.UInt[1, 4], Gen.UInt[1, 4]);

    /// <summary>One to three instances, each on a different adapter, with random features and sometimes channels.</summary>
    private static readonly Gen<string> Document =
        Gen.Select(Gen.Bool.Array[Adapters.Length], Gen.Int[0, Names.Length - 1].Array[0, 4].Array[Adapters.Length], Gen.Bool.Array[Names.Length * Adapters.Length], Gen.Int[0, 2].Array[Adapters.Length])
            .Select((use, features, values, channels) =>
            {
                var text = new StringBuilder("$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n");
                for (var a = 0; a < Adapters.Length; a++)
                {
                    if (!use[a] && !(a == 0 && !use.Any(u => u)))
                    {
                        continue;
                    }

                    text.Append($"- name: i{a}\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: {Adapters[a]}\n");
                    var chosen = features[a].Distinct().ToList();
                    if (chosen.Count > 0)
                    {
                        text.Append("    features:\n");
                        foreach (var f in chosen)
                        {
                            text.Append($"      {Names[f]}: {(values[(a * Names.Length) + f] ? "true" : "false")}\n");
                        }
                    }

                    if (channels[a] > 0)
                    {
                        text.Append($"    channels: {{rx: {channels[a]}}}\n");
                    }
                }

                return text.ToString();
            });

    private static FakeEthtoolDevices Recorded((bool[][] Requests, uint Rx, uint Tx) start)
    {
        var fake = FakeEthtoolDevices.WithVethPairs();
        for (var a = 0; a < Adapters.Length; a++)
        {
            fake.SetFeatures(Adapters[a], Changeable.Select((f, i) => (f, on: start.Requests[a][i])).ToDictionary(p => p.f, p => p.on));
        }

        fake.SetChannels("m0", new ChannelCounts(start.Rx, start.Tx, 0, 0));
        return fake;
    }

    [Fact]
    public void WhatIf_NeverChangesAnything()
    {
        Gen.Select(StartState, Document).Sample((start, yaml) =>
        {
            var fake = Recorded(start);
            var before = DeviceState.Full(fake);
            var calls = fake.Calls.Count;
            try
            {
                EngineHarness.Run(yaml, new FakeLinuxHost(fake), EngineOperation.Set, whatIf: true);
            }
            catch (DscOffloadException)
            {
                // A document the engine refuses is fine; it must still change nothing.
            }

            DeviceState.Full(fake).Should().Be(before, yaml);
            fake.Calls.Should().HaveCount(calls, "what-if makes no change call\n" + yaml);
        }, iter: 200);
    }

    [Fact]
    public void Set_ThatSucceeds_IsFollowedByATestInDesiredState()
    {
        var succeeded = 0;
        Gen.Select(StartState, Document).Sample((start, yaml) =>
        {
            using var harness = new EngineHarness();
            var fake = Recorded(start);
            EngineRun set;
            try
            {
                set = harness.GuardedSet(yaml, new FakeLinuxHost(fake));
            }
            catch (DscOffloadException)
            {
                return;
            }

            if (!set.HadErrors)
            {
                var test = EngineHarness.Run(yaml, new FakeLinuxHost(fake), EngineOperation.Test);
                test.InDesiredState.Should().BeTrue($"{yaml}\n{test.Envelope}");
                Interlocked.Increment(ref succeeded);
            }
        }, iter: 200);
        succeeded.Should().BeGreaterThan(40, "most random documents are reachable, so the property is not vacuous");
    }

    [Fact]
    public void Rollback_AfterAnySet_RestoresTheRecordedState()
    {
        var rolledBack = 0;
        Gen.Select(StartState, Document).Sample((start, yaml) =>
        {
            using var harness = new EngineHarness();
            var fake = Recorded(start);
            var before = DeviceState.Active(fake);
            try
            {
                harness.GuardedSet(yaml, new FakeLinuxHost(fake));
            }
            catch (DscOffloadException)
            {
                DeviceState.Active(fake).Should().Be(before, "a set refused before its first change changes nothing");
                harness.Journal.List().Should().BeEmpty();
                return;
            }

            var entry = harness.Journal.List().SingleOrDefault();
            if (entry is null)
            {
                DeviceState.Active(fake).Should().Be(before, $"no entry means nothing had to change\n{yaml}");
                return;
            }

            var rollback = harness.Rollback(entry, new FakeLinuxHost(fake));
            rollback.HadErrors.Should().BeFalse($"{yaml}\n{rollback.Envelope}");
            DeviceState.Active(fake).Should().Be(before, yaml);
            Interlocked.Increment(ref rolledBack);
        }, iter: 200);
        rolledBack.Should().BeGreaterThan(40, "most random documents change something, so the property is not vacuous");
    }

    [Fact]
    public void Diff_OfARecordedStateAgainstItself_IsEmpty_AndOneFlippedFeatureIsExactlyTheDifference()
    {
        Gen.Select(StartState, Gen.Int[0, Adapters.Length - 1], Gen.Int[0, Changeable.Length - 1]).Sample((start, adapter, flip) =>
        {
            var fake = Recorded(start);
            var same = EngineHarness.Run(Mirror(fake, null), new FakeLinuxHost(fake), EngineOperation.Test);
            same.InDesiredState.Should().BeTrue(same.Envelope.ToString());
            foreach (var result in same.Envelope["results"]!)
            {
                result["result"]!["differingProperties"]!.Should().BeEmpty();
            }

            var name = Adapters[adapter];
            var feature = Changeable[flip];
            var flipped = EngineHarness.Run(Mirror(fake, (name, feature)), new FakeLinuxHost(fake), EngineOperation.Test);
            flipped.InDesiredState.Should().BeFalse();
            var results = flipped.Envelope["results"]!.ToDictionary(r => r["name"]!.Value<string>()!, r => (JObject)r["result"]!);
            foreach (var (instance, result) in results)
            {
                var expected = instance == name ? new[] { "features" } : [];
                result["differingProperties"]!.Values<string>().Should().Equal(expected, $"{name} {feature}");
                result["inDesiredState"]!.Value<bool>().Should().Be(instance != name);
            }
        }, iter: 100);
    }

    /// <summary>A document whose desired state is the device's actual state (optionally with one feature flipped).</summary>
    private static string Mirror(FakeEthtoolDevices fake, (string Adapter, string Feature)? flip)
    {
        var text = new StringBuilder("$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n");
        foreach (var name in Adapters)
        {
            text.Append($"- name: {name}\n  type: DscOffload.Linux/NetAdapterOffload\n  properties:\n    name: {name}\n    features:\n");
            foreach (var f in fake.GetFeatures(name).Features)
            {
                var on = f.Active ^ (flip is { } x && x.Adapter == name && x.Feature == f.Name);
                text.Append($"      {f.Name}: {(on ? "true" : "false")}\n");
            }

            var channels = fake.GetChannels(name)!.Current;
            text.Append($"    channels: {{rx: {channels.Rx}, tx: {channels.Tx}}}\n");
        }

        return text.ToString();
    }
}
