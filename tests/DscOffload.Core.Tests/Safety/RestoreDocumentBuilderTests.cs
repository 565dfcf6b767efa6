using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Safety;

public class RestoreDocumentBuilderTests
{
    private static readonly ResourceDescriptor Adapters = new()
    {
        Type = "Test.Net/AdapterThing",
        Version = "0.1.0",
        Description = "per-adapter test type",
        Platform = "Linux",
        Properties =
        [
            new() { Name = "name", Type = PropertyType.String, IsKey = true },
            new() { Name = "excludeName", Type = PropertyType.StringArray },
            new() { Name = "includeHidden", Type = PropertyType.Boolean },
            new() { Name = "restart", Type = PropertyType.Enum, AllowedValues = ["Allowed", "Never"] },
            new() { Name = "persist", Type = PropertyType.Enum, AllowedValues = ["None", "SystemdLink"] },
            new() { Name = "lso", Type = PropertyType.Boolean },
            new() { Name = "features", Type = PropertyType.BooleanMap },
            new()
            {
                Name = "channels", Type = PropertyType.Object,
                Members = [new() { Name = "rx", Type = PropertyType.Integer }, new() { Name = "tx", Type = PropertyType.Integer }],
            },
            new() { Name = "adapters", Type = PropertyType.ObjectArray, IsReadOnly = true },
        ],
    };

    private static readonly ResourceDescriptor Global = new()
    {
        Type = "Test.Net/GlobalThing",
        Version = "0.1.0",
        Description = "single-instance test type",
        Platform = "Windows",
        Properties =
        [
            new() { Name = "chimney", Type = PropertyType.Enum, AllowedValues = ["Disabled", "Enabled", "Automatic"] },
            new() { Name = "rss", Type = PropertyType.Enum, AllowedValues = ["Disabled", "Enabled"] },
            new()
            {
                Name = "tcpip", Type = PropertyType.Object,
                Members = [new() { Name = "a", Type = PropertyType.Boolean, CanBeNull = true }, new() { Name = "b", Type = PropertyType.Boolean, CanBeNull = true }],
            },
        ],
    };

    private static TestOutcome Outcome(string desired, string actual, bool inDesiredState = false) =>
        new(JObject.Parse(desired), JObject.Parse(actual), inDesiredState, inDesiredState ? [] : ["x"]);

    [Fact]
    public void Adapters_EachDifferingAdapterGetsAnExactNameInstanceWithOnlyItsDifferingValues()
    {
        var builder = new RestoreDocumentBuilder();
        builder.Add(Adapters, null, JObject.Parse("""{"name":"eth*","features":{"gro":false,"tso":false}}"""), Outcome(
            """{"name":"eth*","features":{"rx-gro":false,"tx-tcp-segmentation":false}}""",
            """
            {"name":"eth*","adapters":[
              {"name":"eth0","ifindex":2,"inDesiredState":false,"differingProperties":["features"],"features":{"rx-gro":true,"tx-tcp-segmentation":false}},
              {"name":"eth1","ifindex":3,"inDesiredState":true,"differingProperties":[],"features":{"rx-gro":false,"tx-tcp-segmentation":false}},
              {"name":"eth2","ifindex":4,"inDesiredState":false,"differingProperties":["features"],"features":{"rx-gro":true,"tx-tcp-segmentation":true}}]}
            """));

        var resources = (JArray)builder.Build()["resources"]!;

        resources.Select(r => r["name"]!.Value<string>()).Should().Equal("restore AdapterThing 'eth2'", "restore AdapterThing 'eth0'");
        JsonAssert.Same(resources[0]["properties"], """{"name":"eth2","features":{"rx-gro":true,"tx-tcp-segmentation":true}}""");
        JsonAssert.Same(resources[1]["properties"], """{"name":"eth0","features":{"rx-gro":true}}""");
        resources.Should().OnlyContain(r => r["type"]!.Value<string>() == "Test.Net/AdapterThing");
    }

    [Fact]
    public void Adapters_OptionsAreCarriedNotRestored()
    {
        var builder = new RestoreDocumentBuilder();
        builder.Add(Adapters, null, JObject.Parse("""{"name":"x","includeHidden":true,"restart":"Never","persist":"SystemdLink","lso":false,"excludeName":["y"]}"""), Outcome(
            """{"name":"x","restart":"Never","persist":"SystemdLink","lso":false,"excludeName":["y"]}""",
            """{"name":"x","adapters":[{"name":"x","inDesiredState":false,"lso":true,"persist":"None"}]}"""));

        JsonAssert.Same(builder.Build()["resources"]![0]!["properties"], """{"name":"x","includeHidden":true,"restart":"Never","lso":true}""");
        builder.Notes.Should().BeEmpty();
        builder.Build()["metadata"].Should().BeNull();
    }

    [Fact]
    public void AddFile_KeepsTheFirstCaptureOfAPath_AndPutsFilesInTheDocumentMetadata()
    {
        var builder = new RestoreDocumentBuilder();

        builder.AddFile(new JournaledFile("/etc/systemd/network/10-dscoffload-eth0.link", null)).Should().BeTrue();
        builder.AddFile(new JournaledFile("/etc/systemd/network/10-dscoffload-eth0.link", "written by the first instance")).Should().BeFalse();
        builder.AddFile(new JournaledFile("/etc/systemd/network/10-dscoffload-eth1.link", "[Match]\n")).Should().BeTrue();

        builder.IsEmpty.Should().BeFalse("a change that only writes a file still needs an entry");
        builder.Count.Should().Be(0);
        JsonAssert.Same(builder.Build()["metadata"], """
            {"DscOffload":{"files":[
              {"path":"/etc/systemd/network/10-dscoffload-eth0.link","content":null},
              {"path":"/etc/systemd/network/10-dscoffload-eth1.link","content":"[Match]\n"}]}}
            """);
    }

    [Fact]
    public void Adapters_SettingsMissingFromTheAdapter_AreNotRestored()
    {
        var builder = new RestoreDocumentBuilder();
        builder.Add(Adapters, null, JObject.Parse("""{"name":"x","lso":true,"channels":{"rx":2}}"""), Outcome(
            """{"name":"x","lso":true,"channels":{"rx":2}}""",
            """{"name":"x","adapters":[{"name":"x","inDesiredState":false,"channels":{"rx":1,"tx":1}}]}"""));

        JsonAssert.Same(builder.Build()["resources"]![0]!["properties"], """{"name":"x","channels":{"rx":1}}""");
    }

    [Fact]
    public void Adapters_NullMeansLeaveAlone_SoItIsNeverRestored()
    {
        var builder = new RestoreDocumentBuilder();
        builder.Add(Adapters, null, JObject.Parse("""{"name":"x","lso":null,"features":{"a":true}}"""), Outcome(
            """{"name":"x","lso":null,"features":{"a":true}}""",
            """{"name":"x","adapters":[{"name":"x","inDesiredState":false,"lso":true,"features":{"a":false}}]}"""));

        JsonAssert.Same(builder.Build()["resources"]![0]!["properties"], """{"name":"x","features":{"a":false}}""");
    }

    [Fact]
    public void Adapters_SettingsTheAdapterCannotChange_AreNotRestored()
    {
        var builder = new RestoreDocumentBuilder();
        builder.Add(Adapters, null, JObject.Parse("""{"name":"x","lso":true,"features":{"rx-lro":true,"rx-gro":true}}"""), Outcome(
            """{"name":"x","lso":true,"features":{"rx-lro":true,"rx-gro":true}}""",
            """{"name":"x","adapters":[{"name":"x","inDesiredState":false,"notSupported":["features.rx-lro","lso"],"lso":false,"features":{"rx-lro":false,"rx-gro":false}}]}"""));

        JsonAssert.Same(builder.Build()["resources"]![0]!["properties"], """{"name":"x","features":{"rx-gro":false}}""");
    }

    [Fact]
    public void InDesiredState_AddsNothing()
    {
        var builder = new RestoreDocumentBuilder();
        builder.Add(Global, null, JObject.Parse("""{"chimney":"Disabled"}"""), Outcome("""{"chimney":"Disabled"}""", """{"chimney":"Disabled"}""", inDesiredState: true));
        builder.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Single_RestoresDifferingValues_AndAbsentValuesAsNull()
    {
        var builder = new RestoreDocumentBuilder();
        builder.Add(Global, null, JObject.Parse("""{"chimney":"Disabled","rss":"Disabled","tcpip":{"a":false,"b":true}}"""), Outcome(
            """{"chimney":"Disabled","rss":"Disabled","tcpip":{"a":false,"b":true}}""",
            """{"chimney":"Automatic","rss":"Disabled","tcpip":{"a":null,"b":false}}"""));

        JsonAssert.Same(builder.Build()["resources"]![0]!["properties"], """{"chimney":"Automatic","tcpip":{"a":null,"b":false}}""");
    }

    [Fact]
    public void Single_AChangeThatDeletesAValueIsUndoneByWritingTheValueBack()
    {
        var builder = new RestoreDocumentBuilder();
        builder.Add(Global, null, JObject.Parse("""{"tcpip":{"a":null}}"""), Outcome(
            """{"tcpip":{"a":null}}""", """{"tcpip":{"a":true}}"""));

        JsonAssert.Same(builder.Build()["resources"]![0]!["properties"], """{"tcpip":{"a":true}}""");
    }

    [Fact]
    public void TwoInstancesTouchingOneAdapter_AreRestoredLastFirst_UnderUniqueNames()
    {
        var builder = new RestoreDocumentBuilder();
        builder.Add(Adapters, "first", JObject.Parse("""{"name":"eth0","features":{"rx-gro":false}}"""), Outcome(
            """{"name":"eth0","features":{"rx-gro":false}}""", """{"adapters":[{"name":"eth0","inDesiredState":false,"features":{"rx-gro":true}}]}"""));
        builder.Add(Adapters, "second", JObject.Parse("""{"name":"e*","lso":false,"features":{"rx-gro":true}}"""), Outcome(
            """{"name":"e*","lso":false,"features":{"rx-gro":true}}""", """{"adapters":[{"name":"eth0","inDesiredState":false,"lso":true,"features":{"rx-gro":false}}]}"""));

        var resources = (JArray)builder.Build()["resources"]!;
        resources.Select(r => r["name"]!.Value<string>()).Should().Equal("restore AdapterThing 'eth0' (before 'second')", "restore AdapterThing 'eth0' (before 'first')");
        JsonAssert.Same(resources[0]["properties"], """{"name":"eth0","lso":true,"features":{"rx-gro":false}}""");
        JsonAssert.Same(resources[1]["properties"], """{"name":"eth0","features":{"rx-gro":true}}""");
    }
}
