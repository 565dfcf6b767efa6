using DscOffload.Cli.Tests.Process;
using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.Tests.Manifests;

/// <summary>
/// The <c>condition</c> of each shipped manifest, evaluated by the project's own expression engine as dsc evaluates
/// it at discovery, on a simulated Windows, Linux and macOS host: each platform lists only the types it can run.
/// </summary>
public sealed class ManifestConditionTests
{
    /// <summary>A machine whose <c>context()</c> reports the given operating system family.</summary>
    private sealed class SimulatedHost(string family) : ProcessExpressionHost
    {
        public override JObject Context() => new()
        {
            ["os"] = new JObject { ["family"] = family, ["version"] = "1.0", ["architecture"] = "x86_64" },
            ["security"] = "restricted",
        };
    }

    private static IEnumerable<JObject> ShippedManifests() =>
        JObject.Parse(File.ReadAllText(RepositoryPaths.InRepo("schemas", "dscoffload.dsc.manifests.json")))["resources"]!.Cast<JObject>();

    private static bool Evaluate(string condition, string family) =>
        new ExpressionEvaluator([], null, new ExpressionOptions { Host = new SimulatedHost(family) })
            .Evaluate(new JValue(condition)).Value<bool>();

    [Theory]
    [InlineData("Windows", "DscOffload.Windows/")]
    [InlineData("Linux", "DscOffload.Linux/")]
    public void Condition_OnEachFamily_HoldsExactlyForThatFamilysTypes(string family, string prefix)
    {
        var listed = ShippedManifests()
            .Where(m => Evaluate(m["condition"]!.Value<string>()!, family))
            .Select(m => m["type"]!.Value<string>()!)
            .ToList();

        listed.Should().NotBeEmpty().And.OnlyContain(t => t.StartsWith(prefix, StringComparison.Ordinal));
        listed.Should().HaveCount(ShippedManifests().Count(m => m["type"]!.Value<string>()!.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void Condition_OnMacOS_HoldsForNoType()
    {
        ShippedManifests().Should().OnlyContain(m => !Evaluate(m["condition"]!.Value<string>()!, "macOS"));
    }

    [Fact]
    public void Condition_OnThisMachine_HoldsForThisPlatformsTypes()
    {
        var here = OperatingSystem.IsWindows() ? "DscOffload.Windows/" : "DscOffload.Linux/";

        var listed = ShippedManifests()
            .Where(m => new ExpressionEvaluator([]).Evaluate(new JValue(m["condition"]!.Value<string>()!)).Value<bool>())
            .Select(m => m["type"]!.Value<string>()!);

        listed.Should().NotBeEmpty().And.OnlyContain(t => t.StartsWith(here, StringComparison.Ordinal));
    }
}
