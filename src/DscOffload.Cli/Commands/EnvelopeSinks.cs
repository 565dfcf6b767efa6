using DscOffload.Cli.Output;
using DscOffload.Core.Resources;
using DscOffload.Reporting.Rendering;

namespace DscOffload.Cli.Commands;

/// <summary>Chooses the output for a config run from <c>--format</c> and whether output is a terminal.</summary>
public static class EnvelopeSinks
{
    /// <summary>Creates the sink.</summary>
    public static IEnvelopeSink Create(ConfigRequest request, TextWriter writer, bool interactive, bool fleet)
    {
        var format = request.Format ?? (interactive ? "table" : "json");
        return format switch
        {
            "yaml" => new YamlEnvelopeSink(writer),
            "json" => new JsonEnvelopeSink(writer, indented: request.JsonIndented ?? (interactive && !fleet)),
            _ => new RendererEnvelopeSink(DriftRendererFactory.Create(format, writer, new DriftRenderOptions
            {
                UseColor = interactive && Environment.GetEnvironmentVariable("NO_COLOR") is null,
                FailOnDrift = request.FailOnDrift,
                ToolVersion = ProductInfo.Version,
                FullReportHint = request.OutputPath ?? "the job summary (--format markdown) or --format json",
            })),
        };
    }
}
