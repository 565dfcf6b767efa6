using System.Reflection;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>Every type of the manifest list is checked by at least one protocol test class.</summary>
public sealed class ProtocolCoverageTests
{
    [Fact]
    public void EveryManifestType_HasAProtocolTestClass()
    {
        var covered = typeof(CommandResourceProtocolTests).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CommandResourceProtocolTests)) && !t.IsAbstract)
            .Select(t => t.GetCustomAttribute<CommandResourceTypeAttribute>()?.Type ?? $"{t.Name} (no type attribute)")
            .ToHashSet();

        DscManifestEntry.All().Select(e => e.Type).Should().NotBeEmpty().And.OnlyContain(t => covered.Contains(t));
        covered.Should().OnlyContain(t => DscManifestEntry.All().Any(e => e.Type == t), "every class names a manifest type");
    }
}
