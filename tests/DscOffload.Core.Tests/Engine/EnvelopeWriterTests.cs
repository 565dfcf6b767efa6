using DscOffload.Core.Engine;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Engine;

/// <summary>The typed run written as dsc's JSON: member order, metadata, and the run's own facts.</summary>
public sealed class EnvelopeWriterTests
{
    private static readonly RunInfo Recorded = new()
    {
        Operation = EngineOperation.Set,
        IsWhatIf = true,
        Host = "web-01",
        IsRecorded = true,
        SnapshotPath = "snapshots/web-01.json",
        DocumentPath = "baseline.dsc.yaml",
        Timing = new RunTiming("0.1.0", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), TimeSpan.FromMilliseconds(12.5), Elevated: false),
    };

    [Fact]
    public void Write_PutsMembersInDscOrder_AndLiftsResourceMetadataBesideTheDuration()
    {
        var set = new SetOutcome(JObject.Parse("""{"on":false}"""), JObject.Parse("""{"on":true}"""), ["on"], []);
        var run = new EngineRun
        {
            Info = Recorded,
            Results = [new InstanceResult { Name = "a", Type = "T/x", Duration = TimeSpan.FromMilliseconds(1), Set = set, ResourceMetadata = JObject.Parse("""{"note":"n"}""") }],
            Messages = [new RunMessage("a", "T/x", MessageLevel.Warning, "careful")],
            Changed = true,
        };

        var envelope = EnvelopeWriter.Write(run);

        envelope.Properties().Select(p => p.Name).Should().Equal("executionInformation", "metadata", "results", "messages", "hadErrors");
        var dsc = (JObject)envelope["metadata"]!["Microsoft.DSC"]!;
        dsc.Properties().Select(p => p.Name).Should().Equal("version", "operation", "executionType", "startDatetime", "endDatetime", "duration", "securityContext");
        dsc["executionType"]!.Value<string>().Should().Be("whatIf");
        dsc["duration"]!.Value<string>().Should().Be("PT0.0125S");
        envelope["metadata"]!["DscOffload"]!.ToString(Newtonsoft.Json.Formatting.None).Should()
            .Be("""{"engine":"dscoffload","host":"web-01","target":"recorded","snapshot":"snapshots/web-01.json","document":"baseline.dsc.yaml"}""");
        var entry = (JObject)envelope["results"]![0]!;
        entry.Properties().Select(p => p.Name).Should().Equal("executionInformation", "metadata", "name", "type", "result");
        entry["metadata"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be("""{"Microsoft.DSC":{"duration":"PT0.001S"},"note":"n"}""");
        envelope["messages"]![0]!["level"]!.Value<string>().Should().Be("warning");
    }

    [Fact]
    public void Write_ForARunThatNeverStarted_WritesOnlyTheOperationAndTheJournalWhenThereIsOne()
    {
        var run = new EngineRun
        {
            Info = Recorded with { Timing = null },
            Journal = new JournalReference("20260102-x", "/var/lib/dscoffload/journal/20260102-x.dsc.json", "failed"),
            HadErrors = true,
        };

        var envelope = EnvelopeWriter.Write(run);

        envelope["metadata"]!["Microsoft.DSC"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be("""{"operation":"set","executionType":"whatIf"}""");
        envelope["metadata"]!["DscOffload"]!["journal"]!["status"]!.Value<string>().Should().Be("failed");
        envelope["hadErrors"]!.Value<bool>().Should().BeTrue();
    }

    [Fact]
    public void Write_ForAnExport_WritesAConfigurationDocumentWithoutMessages()
    {
        var run = new EngineRun
        {
            Info = Recorded with { Operation = EngineOperation.Export, IsWhatIf = false },
            Exported = [new ExportedInstance("T/x", "x-0", JObject.Parse("""{"on":true}"""))],
            Messages = [new RunMessage("a", "T/x", MessageLevel.Information, "not in a document")],
        };

        var envelope = EnvelopeWriter.Write(run);

        envelope.Properties().Select(p => p.Name).Should().Equal("$schema", "contentVersion", "executionInformation", "metadata", "resources");
        envelope["resources"]![0]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be("""{"type":"T/x","name":"x-0","properties":{"on":true}}""");
    }
}
