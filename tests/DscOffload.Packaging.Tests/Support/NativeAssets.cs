using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.Tests.Support;

/// <summary>
/// The native libraries the NuGet packages of this build bring for a runtime ID, read from the test's own
/// <c>.deps.json</c> (the <c>runtimeTargets</c> of asset type <c>native</c>, i.e. each package's
/// <c>runtimes/&lt;rid&gt;/native</c> folder), so the expected list comes from the packages, not from a guess.
/// </summary>
public static class NativeAssets
{
    /// <summary>File names of the native assets for <paramref name="runtimeId"/>, sorted.</summary>
    public static IReadOnlyList<string> For(string runtimeId)
    {
        var depsFile = Path.Combine(AppContext.BaseDirectory, typeof(NativeAssets).Assembly.GetName().Name + ".deps.json");
        var deps = JObject.Parse(File.ReadAllText(depsFile));
        return deps["targets"]!.Children<JProperty>()
            .SelectMany(target => target.Value.Children<JProperty>())
            .SelectMany(library => (library.Value["runtimeTargets"] as JObject)?.Properties() ?? [])
            .Where(asset => (string?)asset.Value["assetType"] == "native" && (string?)asset.Value["rid"] == runtimeId)
            .Select(asset => Path.GetFileName(asset.Name))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
