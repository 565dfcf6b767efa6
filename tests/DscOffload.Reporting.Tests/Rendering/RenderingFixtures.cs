using DscOffload.Reporting.Drift;
using DscOffload.Reporting.Rendering;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Tests.Rendering;

/// <summary>Loads the drift fixtures (TestData/Rendering) with document locations attached, and renders them.</summary>
internal static class RenderingFixtures
{
    public const string WindowsDocument = "examples/fast-search-baseline.dsc.yaml";
    public const string LinuxDocument = "examples/linux-offload-baseline.dsc.yaml";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string TestProjectDirectory => Path.Combine(Root.Value, "tests", "DscOffload.Reporting.Tests");

    public static string GoldenDirectory => Path.Combine(TestProjectDirectory, "Rendering", "Golden");

    public static string FixtureDirectory => Path.Combine(TestProjectDirectory, "TestData", "Rendering");

    public static string SarifSchemaPath => Path.Combine(TestProjectDirectory, "TestData", "schemas", "sarif-schema-2.1.0.json");

    /// <summary>The text of the document an envelope names (found by file name in the fixture folder).</summary>
    public static string DocumentText(string documentPath) =>
        File.ReadAllText(Path.Combine(FixtureDirectory, Path.GetFileName(documentPath)));

    /// <summary>Parses a fixture envelope and attaches source locations the way the engine does.</summary>
    public static JObject Envelope(string fileName)
    {
        var envelope = JObject.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, fileName)));
        var document = (string)envelope["metadata"]!["DscOffload"]!["document"]!;
        DocumentLocator.Attach(envelope, document, DocumentText(document));
        return envelope;
    }

    /// <summary>Three Windows hosts (compliant, drifted, drifted with an error) and one Linux host.</summary>
    public static List<JObject> Fleet() =>
    [
        Envelope("web-01.result.json"),
        Envelope("web-02.result.json"),
        Envelope("web-03.result.json"),
        Envelope("lnx-01.result.json"),
    ];

    public static DriftRenderOptions Options(bool failOnDrift = false, bool color = false) =>
        new() { ToolVersion = "0.1.0-test", FailOnDrift = failOnDrift, UseColor = color };

    public static string Render(string format, IEnumerable<JObject> envelopes, DriftRenderOptions? options = null) =>
        Render(format, envelopes, options, out _);

    public static string Render(string format, IEnumerable<JObject> envelopes, DriftRenderOptions? options, out DriftSummary summary)
    {
        using var output = new StringWriter { NewLine = "\n" };
        var renderer = DriftRendererFactory.Create(format, output, options ?? Options());
        renderer.Begin();
        foreach (var envelope in envelopes)
        {
            renderer.AddHost(DriftEnvelopeReader.Read(envelope));
        }

        renderer.Complete();
        summary = renderer.Summary;
        return output.ToString();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DscOffload.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DscOffload.sln not found above " + AppContext.BaseDirectory);
    }
}
