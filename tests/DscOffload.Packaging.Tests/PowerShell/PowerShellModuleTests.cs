using DscOffload.Cli;
using DscOffload.Cli.Tests.Process;
using DscOffload.Core.Resources;
using DscOffload.Packaging.PowerShell;

namespace DscOffload.Packaging.Tests.PowerShell;

public class PowerShellModuleTests
{
    private static readonly IReadOnlyList<WrapperClass> Classes = PowerShellModuleWriter.Classes(ProductCatalog.Create());

    /// <summary>The lines of the generated class <paramref name="className"/>, from its declaration to its closing brace.</summary>
    private static List<string> ClassLines(string className)
    {
        var lines = PowerShellModuleWriter.Script(Classes).Split('\n');
        var start = Array.IndexOf(lines, $"class {className}");
        start.Should().BeGreaterThan(0, $"class {className} is generated");
        lines[start - 1].Should().Be("[DscResource()]");
        var end = Array.IndexOf(lines, "}", start);
        return lines[start..end].ToList();
    }

    [Fact]
    public void CheckedInModule_IsExactlyWhatTheBinaryWrites()
    {
        var folder = RepositoryPaths.InRepo("src", "DscOffload.PowerShell", "DscOffload");
        File.ReadAllText(Path.Combine(folder, "DscOffload.psd1")).Should().Be(PowerShellModuleWriter.Manifest(Classes),
            "run 'dscoffload package powershell-module --output src/DscOffload.PowerShell --no-binary' and commit the result");
        File.ReadAllText(Path.Combine(folder, "DscOffload.psm1")).Should().Be(PowerShellModuleWriter.Script(Classes),
            "run 'dscoffload package powershell-module --output src/DscOffload.PowerShell --no-binary' and commit the result");
    }

    [Theory]
    [InlineData("WindowsOffloadCoexistence")]
    [InlineData("LinuxOffloadCoexistence")]
    public void Set_OfATypeWhoseSetAsserts_RunsTheBinarysSet_InsteadOfThrowing(string className)
    {
        // The binary's set of these types is an assertion (succeeds unchanged or exits 5 naming what differs);
        // the wrapper must reach it, or a package that applies would fail even where the conditions hold.
        var lines = ClassLines(className);
        var set = lines.FindIndex(l => l == "    [void] Set()");

        set.Should().BeGreaterThan(0);
        lines.Skip(set).Should().Contain("        Set-DscOffloadState -Resource $this -Shape $this.DscOffloadShape()")
            .And.NotContain(l => l.TrimStart().StartsWith("throw", StringComparison.Ordinal));
    }

    [Fact]
    public void ReasonCodes_AreTheResourceNameTwiceThenTheIdentifier_AndDistinctPerType()
    {
        // Machine Configuration's documented form: "<resource>:<resource>:<id>", colon-delimited, no spaces
        // (its example: registry:registry:keynotpresent). The Windows and Linux adapter types share the short
        // name NetAdapterOffload, so a code built from it could not tell them apart.
        foreach (var wrapper in Classes)
        {
            wrapper.ReasonCodePrefix.Should().Be($"{wrapper.ClassName}:{wrapper.ClassName}:");
            wrapper.ReasonCodePrefix.Should().NotContain(" ");
            PowerShellModuleWriter.Script(Classes).Should().Contain($"ReasonCodePrefix = '{wrapper.ReasonCodePrefix}'");
        }

        Classes.Select(c => c.ReasonCodePrefix).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void EveryDescriptorProperty_IsAClassPropertyWithTheAttributeOfItsRole()
    {
        foreach (var provider in ProductCatalog.Create().Providers)
        {
            var descriptor = provider.Descriptor;
            var lines = ClassLines(WrapperClass.ClassNameOf(descriptor.Type));
            foreach (var property in descriptor.Properties)
            {
                var declaration = lines.FindIndex(l => l.TrimEnd().EndsWith(" $" + property.Name, StringComparison.Ordinal));
                declaration.Should().BeGreaterThan(0, $"{descriptor.Type} property '{property.Name}' must be declared in the wrapper class");
                var attribute = property.IsKey ? "[DscProperty(Key)]" : property.IsReadOnly ? "[DscProperty(NotConfigurable)]" : "[DscProperty()]";
                lines.Skip(declaration - 2).Take(2).Should().Contain(l => l.Trim() == attribute, $"'{property.Name}' of {descriptor.Type}");
            }

            lines.Should().Contain($"    [{WrapperClass.ReasonClassName}[]] $Reasons");
        }
    }

    [Fact]
    public void ClassProperties_ComeOnlyFromTheDescriptor_PlusReasonsAndTheSingleInstanceKey()
    {
        foreach (var wrapper in Classes)
        {
            var declared = ClassLines(wrapper.ClassName)
                .Where(l => l.StartsWith("    [", StringComparison.Ordinal) && l.Contains(" $", StringComparison.Ordinal))
                .Select(l => l[(l.LastIndexOf('$') + 1)..].Trim())
                .ToList();
            var expected = wrapper.Descriptor.Properties.Select(p => p.Name).Append("Reasons");
            if (wrapper.IsSingleInstance)
            {
                expected = expected.Prepend(WrapperClass.SingleInstanceKey);
            }

            declared.Should().BeEquivalentTo(expected, $"class {wrapper.ClassName}");
        }
    }

    [Theory]
    [InlineData("DscOffload.Windows/NetAdapterOffload", "WindowsNetAdapterOffload")]
    [InlineData("DscOffload.Linux/NetAdapterOffload", "LinuxNetAdapterOffload")]
    [InlineData("DscOffload.Windows/GlobalOffload", "WindowsGlobalOffload")]
    [InlineData("DscOffload/Report", "DscOffloadReport")]
    [InlineData("Owner.Net.Tcp/Thing", "NetTcpThing")]
    public void ClassNameOf_KeepsGroupAndName(string type, string className) =>
        WrapperClass.ClassNameOf(type).Should().Be(className);

    [Fact]
    public void ClassNames_AreUniqueAcrossTheCatalog() =>
        Classes.Select(c => c.ClassName).Should().OnlyHaveUniqueItems();

    [Fact]
    public void TypeWithoutKey_GetsIsSingleInstanceAsItsOnlyKey()
    {
        var global = Classes.Single(c => c.Descriptor.Type == "DscOffload.Windows/GlobalOffload");
        global.IsSingleInstance.Should().BeTrue();
        global.Properties.Where(p => p.Role == WrapperPropertyRole.Key).Select(p => p.Name).Should().Equal(WrapperClass.SingleInstanceKey);
        ClassLines(global.ClassName).Should().ContainInOrder("    [DscProperty(Key)]", "    [ValidateSet('Yes')]", "    [string] $IsSingleInstance");
    }

    [Theory]
    [InlineData(PropertyType.Boolean, "[Nullable[bool]]")]
    [InlineData(PropertyType.Integer, "[Nullable[long]]")]
    [InlineData(PropertyType.Enum, "[string]")]
    [InlineData(PropertyType.StringArray, "[string[]]")]
    [InlineData(PropertyType.BooleanMap, "[string]")]
    [InlineData(PropertyType.Object, "[string]")]
    public void PropertyTypes_MapToNullableScalarsOrJsonText(PropertyType type, string powerShellType)
    {
        var property = new WrapperProperty("p", WrapperProperty.KindOf(type), WrapperPropertyRole.Configurable, [], "", null);
        property.PowerShellType.Should().Be(powerShellType);
    }

    [Fact]
    public void Manifest_ExportsEveryClassAsADscResource_AtTheProductVersion()
    {
        var manifest = PowerShellModuleWriter.Manifest(Classes);
        var exported = string.Join(", ", ProductCatalog.Create().Providers.Select(p => $"'{WrapperClass.ClassNameOf(p.Descriptor.Type)}'"));
        manifest.Should().Contain($"DscResourcesToExport = @({exported})")
            .And.Contain($"ModuleVersion = '{ProductInfo.Version}'")
            .And.Contain("RootModule = 'DscOffload.psm1'");
    }

    [Fact]
    public void Script_CarriesTheExitCodeMeaningsOfTheManifests()
    {
        var script = PowerShellModuleWriter.Script(Classes);
        foreach (var (code, meaning) in ResourceExitCodes.All)
        {
            script.Should().Contain($"    {(int)code} = {PowerShellModuleWriter.Quote(meaning)}");
        }
    }

    [Fact]
    public void Quote_DoublesSingleQuotes() =>
        PowerShellModuleWriter.Quote("it's").Should().Be("'it''s'");
}
