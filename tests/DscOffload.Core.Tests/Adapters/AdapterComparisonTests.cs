using DscOffload.Core.Adapters;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Adapters;

public class AdapterComparisonTests
{
    private static AdapterSnapshot Snapshot(params (string Key, JToken? Value, SettingSupport Support)[] settings) =>
        new(new AdapterCandidate("eth0", null, false, [], new object()),
            settings.Select(s => new KeyValuePair<SettingKey, AdapterSetting>(new SettingKey(s.Key), new AdapterSetting(s.Value, s.Support))).ToList());

    private static DesiredSetting Want(string key, JToken value, bool isOff) => new(new SettingKey(key), value, isOff, value);

    [Fact]
    public void Compare_WhenValuesMatch_IsInDesiredState()
    {
        var c = AdapterComparison.Compare(Snapshot(("lsoIPv4", false, SettingSupport.Changeable)), [Want("lsoIPv4", false, true)]);
        c.InDesiredState.Should().BeTrue();
        c.Differences.Should().BeEmpty();
    }

    [Fact]
    public void Compare_WhenFeatureAbsentAndDesiredOff_IsSatisfiedAndRecorded()
    {
        var c = AdapterComparison.Compare(Snapshot(), [Want("lsoV1IPv4", false, true)]);
        c.InDesiredState.Should().BeTrue();
        c.SatisfiedByAbsence.Should().ContainSingle().Which.Property.Should().Be("lsoV1IPv4");
    }

    [Fact]
    public void Compare_WhenFeatureAbsentAndDesiredOn_DiffersAndCannotChange()
    {
        var c = AdapterComparison.Compare(Snapshot(), [Want("rss", true, false)]);
        c.InDesiredState.Should().BeFalse();
        c.Differences.Should().ContainSingle().Which.CanChange.Should().BeFalse();
        c.DifferingProperties.Should().Equal("rss");
    }

    [Fact]
    public void Compare_WhenFixedFeatureDiffers_DiffersAndCannotChange()
    {
        var c = AdapterComparison.Compare(Snapshot(("rx-lro", false, SettingSupport.Fixed)), [Want("rx-lro", true, false)]);
        c.Differences.Should().ContainSingle().Which.Support.Should().Be(SettingSupport.Fixed);
    }

    [Fact]
    public void Compare_IntegersOfDifferentJsonKinds_CompareByValue()
    {
        var c = AdapterComparison.Compare(Snapshot(("queues", new JValue(1L), SettingSupport.Changeable)), [Want("queues", new JValue(1.0), false)]);
        c.InDesiredState.Should().BeTrue();
    }
}
