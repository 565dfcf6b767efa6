using DscOffload.Core.Resources;
using DscOffload.Core.Schemas;
using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.Manifests;

/// <summary>
/// Builds the DSC v3 resource manifests from the descriptors, following what dsc 3.2 accepts: no unknown top-level
/// keys; a <c>condition</c> (<c>context().os.family</c>) so that each platform's dsc lists only the types it can run;
/// input one way only, JSON on stdin (no command-line length limit, and values never show in a process listing);
/// explicit <c>return: stateAndDiff</c>; native what-if through <c>whatIfArg</c>; embedded schemas; one meaning per
/// exit code. Set declares no <c>requireSecurityContext</c>: dsc checks it on the set section for what-if too
/// (<c>invoke_set</c> uses that section when it has a <c>whatIfArg</c>), which would refuse an unelevated preview; the
/// binary itself refuses a real set without elevation (exit code 3) before changing anything. The read-only
/// coexistence types get a set that asserts (<see cref="ResourceDescriptor.SetAsserts"/>), since dsc calls set on
/// every instance of a <c>config set</c>.
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
            ["condition"] = Condition(d),
            ["get"] = Operation(d, "get"),
            ["test"] = Operation(d, "test", ret: true),
        };
        if (d.CanSet || d.SetAsserts)
        {
            manifest["set"] = Operation(d, "set", ret: true, whatIf: true);
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

    /// <summary>
    /// The manifest's <c>condition</c>: true only on the operating system family whose live host the type manages, as
    /// dsc's <c>context()</c> names it (<c>Windows</c>, <c>Linux</c>). dsc evaluates it at discovery and leaves out a
    /// type whose condition is false.
    /// </summary>
    public static string Condition(ResourceDescriptor d) => $"[equals(context().os.family, '{d.Platform}')]";

    private static JObject Operation(ResourceDescriptor d, string operation, bool ret = false, bool whatIf = false)
    {
        var args = new JArray("resource", operation, "--type", d.Type);
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
