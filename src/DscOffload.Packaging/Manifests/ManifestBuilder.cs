using DscOffload.Core.Resources;
using DscOffload.Core.Schemas;
using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.Manifests;

/// <summary>
/// Builds the DSC v3 resource manifests from the descriptors, following what dsc 3.2 accepts: no
/// unknown top-level keys, input by stdin plus a mandatory <c>--input</c> argument, explicit
/// <c>return: stateAndDiff</c>, native what-if through <c>whatIfArg</c>, set requiring elevation,
/// embedded schemas, and one meaning per exit code.
/// </summary>
public static class ManifestBuilder
{
    /// <summary>The executable name in manifests: bare, found through PATH or DSC_RESOURCE_PATH.</summary>
    public const string Executable = "dscoffload";

    /// <summary>The file name of the multi-resource manifest.</summary>
    public const string FileName = "dscoffload.dsc.manifests.json";

    /// <summary>The manifest list <c>{"resources":[…]}</c> for every type.</summary>
    public static JObject BuildList(ResourceCatalog catalog) =>
        new() { ["resources"] = new JArray(catalog.Providers.Select(p => Build(p.Descriptor))) };

    /// <summary>The manifest of one type.</summary>
    public static JObject Build(ResourceDescriptor d)
    {
        var manifest = new JObject
        {
            ["$schema"] = "https://aka.ms/dsc/schemas/v3/bundled/resource/manifest.json",
            ["type"] = d.Type,
            ["version"] = d.Version,
            ["description"] = d.Description,
            ["tags"] = new JArray("offload", "network", d.Platform.ToLowerInvariant()),
            ["get"] = Operation(d, "get"),
            ["test"] = Operation(d, "test", ret: true),
        };
        if (d.CanSet)
        {
            var set = Operation(d, "set", ret: true, whatIf: true);
            if (d.SetRequiresElevation)
            {
                set["requireSecurityContext"] = "elevated";
            }

            manifest["set"] = set;
        }

        manifest["export"] = Operation(d, "export");
        var codes = new JObject();
        foreach (var (code, meaning) in ResourceExitCodes.All)
        {
            codes[((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture)] = meaning;
        }

        manifest["exitCodes"] = codes;
        manifest["schema"] = new JObject { ["embedded"] = ResourceSchemaBuilder.Build(d) };
        return manifest;
    }

    private static JObject Operation(ResourceDescriptor d, string operation, bool ret = false, bool whatIf = false)
    {
        var args = new JArray("resource", operation, "--type", d.Type,
            new JObject { ["jsonInputArg"] = "--input", ["mandatory"] = true });
        if (whatIf)
        {
            args.Add(new JObject { ["whatIfArg"] = "--what-if" });
        }

        var section = new JObject { ["executable"] = Executable, ["args"] = args, ["input"] = "stdin" };
        if (ret)
        {
            section["return"] = "stateAndDiff";
        }

        return section;
    }
}
