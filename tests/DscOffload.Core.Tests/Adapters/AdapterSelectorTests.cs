using DscOffload.Core.Adapters;

namespace DscOffload.Core.Tests.Adapters;

public class AdapterSelectorTests
{
    private static AdapterCandidate Adapter(string name, string? description = null, bool hidden = false) =>
        new(name, description, hidden, [], new object());

    [Fact]
    public void Matches_ExcludedName_IsNotSelected()
    {
        var selector = new AdapterSelector { NamePattern = "Ethernet*", IgnoreCase = true, ExcludePatterns = ["Ethernet 2"] };
        selector.Matches(Adapter("Ethernet")).Should().BeTrue();
        selector.Matches(Adapter("ethernet 2")).Should().BeFalse();
    }

    [Fact]
    public void Matches_HiddenAdapter_OnlyWhenIncluded()
    {
        var hidden = Adapter("Kernel Debug", hidden: true);
        new AdapterSelector { NamePattern = "*", IgnoreCase = true }.Matches(hidden).Should().BeFalse();
        new AdapterSelector { NamePattern = "*", IgnoreCase = true, IncludeHidden = true }.Matches(hidden).Should().BeTrue();
    }

    [Fact]
    public void Matches_DescriptionPattern_MustAlsoMatch()
    {
        var selector = new AdapterSelector { NamePattern = "*", IgnoreCase = true, DescriptionPattern = "Intel*" };
        selector.Matches(Adapter("a", "Intel(R) Ethernet X710")).Should().BeTrue();
        selector.Matches(Adapter("b", "Microsoft Hyper-V Network Adapter")).Should().BeFalse();
    }

    [Fact]
    public void Describe_NamesPatternDescriptionAndExcludes() =>
        new AdapterSelector { NamePattern = "eth*", IgnoreCase = false, DescriptionPattern = "x*", ExcludePatterns = ["eth9"] }
            .Describe().Should().Be("'eth*' with description 'x*' excluding 'eth9'");
}
