using System.IO.Compression;
using System.Security.Cryptography;
using DscOffload.Cli;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Resources;
using DscOffload.Packaging.Binaries;
using DscOffload.Packaging.MachineConfiguration;
using DscOffload.Packaging.Tests.Support;
using DscOffload.Windows.Live;
using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.Tests.MachineConfiguration;

public sealed class MachineConfigurationPackageTests : IDisposable
{
    private const string Schema = "$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\n";

    private const string LinuxDocument = Schema + """
        parameters:
          pattern: { type: string, defaultValue: 'eth*' }
          extra: { type: bool, defaultValue: false }
        resources:
        - name: Segmentation off
          type: DscOffload.Linux/NetAdapterOffload
          properties:
            name: "[parameters('pattern')]"
            features: { tso: false, gro: false }
        - name: Only with extra
          type: DscOffload.Linux/NetAdapterOffload
          condition: "[parameters('extra')]"
          properties: { name: 'bond*' }
        """;

    private readonly TestFiles _files = new();
    private readonly ResourceCatalog _catalog = ProductCatalog.Create();

    public void Dispose() => _files.Dispose();

    private MachineConfigurationRequest Request(string document, string name = "LinuxOffload", MachineConfigurationType type = MachineConfigurationType.AuditAndSet,
        PackagePlatform platform = PackagePlatform.Linux, string? parameters = null, string output = "out") => new()
    {
        Name = name,
        Type = type,
        Version = "2.1.0",
        Platform = platform,
        DocumentPath = _files.Write("doc.dsc.yaml", document),
        ParametersPath = parameters is null ? null : _files.Write("parameters.yaml", parameters),
        Binary = platform == PackagePlatform.Linux
            ? new PackageBinary(_files.WriteBytes("dscoffload", TestFiles.ElfHeader(0x3E)), new ExecutableFormat(PackagePlatform.Linux, "x64"))
            : WindowsBinary(),
        OutputDirectory = _files.PathOf(output),
    };

    /// <summary>A Windows binary in a publish folder with the native libraries the packages bring for win-x64 beside it.</summary>
    private PackageBinary WindowsBinary()
    {
        var exe = _files.WriteBytes("publish/dscoffload.exe", TestFiles.PeHeader(0x8664));
        foreach (var library in NativeAssets.For("win-x64"))
        {
            _files.WriteBytes("publish/" + library, [0x4D, 0x5A]);
        }

        return PackageBinary.Locate(PackagePlatform.Windows, exe, null, MiNativeLibrary.FileNames);
    }

    private static Dictionary<string, string> Read(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    [Fact]
    public void Build_WritesZipNamedAfterThePackage_WithMofMetaconfigAndModuleAtTheRoot()
    {
        var result = MachineConfigurationPackage.Build(Request(LinuxDocument), _catalog);

        result.ZipPath.Should().Be(_files.PathOf("out/LinuxOffload.zip"));
        Read(result.ZipPath).Keys.Should().Equal(
            "LinuxOffload.mof",
            "LinuxOffload.metaconfig.json",
            "Modules/DscOffload/DscOffload.psd1",
            "Modules/DscOffload/DscOffload.psm1",
            "Modules/DscOffload/bin/linux-x64/dscoffload");
    }

    [Fact]
    public void Build_MetaconfigCarriesTypeAndVersion_AndTheMofTheSameConfigurationName()
    {
        var result = MachineConfigurationPackage.Build(Request(LinuxDocument, name: "Baseline-1", type: MachineConfigurationType.Audit), _catalog);
        var files = Read(result.ZipPath);

        var metaconfig = JObject.Parse(files["Baseline-1.metaconfig.json"]);
        metaconfig.Properties().Select(p => p.Name).Should().Equal("Type", "Version");
        metaconfig["Type"]!.Value<string>().Should().Be("Audit");
        metaconfig["Version"]!.Value<string>().Should().Be("2.1.0");
        files["Baseline-1.mof"].Should().Contain(" ConfigurationName = \"Baseline-1\";").And.Contain(" Name = \"Baseline-1\";");
    }

    [Fact]
    public void Build_WritesTheSha256OfTheZip_InSha256sumFormat()
    {
        var result = MachineConfigurationPackage.Build(Request(LinuxDocument), _catalog);

        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(result.ZipPath)));
        result.Sha256.Should().Be(hash);
        File.ReadAllText(result.Sha256Path).Should().Be($"{hash}  LinuxOffload.zip\n");
    }

    [Fact]
    public void Build_ForWindows_ShipsEveryNativeLibraryTheBinaryLoadsBesideTheExe()
    {
        const string WindowsDocument = """
            $schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json
            resources:
            - name: ipsec
              type: DscOffload.Windows/NetAdapterOffload
              properties: { name: 'Ethernet*', ipsecOffload: false }
            """;

        var result = MachineConfigurationPackage.Build(Request(WindowsDocument, name: "WindowsOffload", platform: PackagePlatform.Windows), _catalog);

        var binFolder = Read(result.ZipPath).Keys.Where(k => k.StartsWith("Modules/DscOffload/bin/win-x64/", StringComparison.Ordinal))
            .Select(k => k["Modules/DscOffload/bin/win-x64/".Length..]).ToList();
        binFolder.Should().BeEquivalentTo(["dscoffload.exe", .. NativeAssets.For("win-x64")]);
    }

    [Fact]
    public void Build_TwiceFromTheSameInputs_GivesTheSameBytes()
    {
        var first = MachineConfigurationPackage.Build(Request(LinuxDocument, output: "a"), _catalog);
        var second = MachineConfigurationPackage.Build(Request(LinuxDocument, output: "b"), _catalog);
        second.Sha256.Should().Be(first.Sha256);
    }

    [Fact]
    public void Build_MarksOnlyTheBinaryExecutable()
    {
        var result = MachineConfigurationPackage.Build(Request(LinuxDocument), _catalog);
        using var zip = ZipFile.OpenRead(result.ZipPath);
        foreach (var entry in zip.Entries)
        {
            var mode = (entry.ExternalAttributes >> 16) & 0x1FF;
            mode.Should().Be(entry.FullName.EndsWith("/dscoffload", StringComparison.Ordinal) ? 0x1ED : 0x1A4, entry.FullName);
        }
    }

    [Fact]
    public void Build_OverTheSizeLimit_FailsWithTheSizesAndTheLargestFile_AndWritesNothing()
    {
        var act = () => MachineConfigurationPackage.Build(Request(LinuxDocument), _catalog, maxUnpackedBytes: 1000);

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.InvalidInput)
            .WithMessage("the package 'LinuxOffload' would unpack to *MB; Machine Configuration allows at most 0.0 MB (largest file: Modules/DscOffload/DscOffload.psm1, * MB)*");
        Directory.Exists(_files.PathOf("out")).Should().BeFalse();
    }

    [Fact]
    public void Build_LeavesOutInstancesWhoseConditionIsFalse_AndResolvesParameters()
    {
        var result = MachineConfigurationPackage.Build(Request(LinuxDocument, parameters: "parameters:\n  pattern: bond*\n"), _catalog);
        var mof = Read(result.ZipPath)["LinuxOffload.mof"];

        mof.Should().Contain("ResourceID = \"[LinuxNetAdapterOffload]Segmentation off\";")
            .And.Contain(" name = \"bond*\";")
            .And.Contain(" features = \"{\\\"tso\\\":false,\\\"gro\\\":false}\";")
            .And.NotContain("Only with extra");
        result.InstanceCount.Should().Be(1);
    }

    [Fact]
    public void Build_WithATypeOfTheOtherPlatform_FailsAtItsTypeLine()
    {
        var act = () => MachineConfigurationPackage.Build(Request(LinuxDocument, platform: PackagePlatform.Windows), _catalog);
        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Location!.Value.Line == 7)
            .WithMessage("*'Segmentation off' has type 'DscOffload.Linux/NetAdapterOffload', which manages Linux hosts; a windows package can hold only Windows types*");
    }

    [Fact]
    public void Build_WithTwoInstancesOfTheSameKey_FailsAtTheSecondNamingTheFirstAndWhatDiffers_AndWritesNothing()
    {
        var document = Schema + """
            resources:
            - name: first
              type: DscOffload.Linux/NetAdapterOffload
              properties: { name: eth0, features: { tso: false } }
            - name: second
              type: DscOffload.Linux/NetAdapterOffload
              properties: { name: ETH0, features: { tso: true } }
            """;

        var act = () => MachineConfigurationPackage.Build(Request(document), _catalog);

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.InvalidInput);
        error.Location!.Value.Line.Should().Be(6);
        error.Message.Should().Contain("'second' and 'first' (at ").And.Contain("doc.dsc.yaml:3:")
            .And.Contain("are both LinuxNetAdapterOffload with name = ETH0").And.Contain("they differ in features, name")
            .And.Contain("ConflictingDuplicateResource");
        Directory.Exists(_files.PathOf("out")).Should().BeFalse();
    }

    [Fact]
    public void Build_WithTwoInstancesOfASingleInstanceType_FailsAsTheSameInstanceTwice()
    {
        var document = Schema + """
            resources:
            - name: a
              type: DscOffload.Windows/GlobalOffload
              properties: { chimney: Disabled }
            - name: b
              type: DscOffload.Windows/GlobalOffload
              properties: { chimney: Disabled }
            """;

        var act = () => MachineConfigurationPackage.Build(Request(document, platform: PackagePlatform.Windows), _catalog);

        act.Should().Throw<DscOffloadException>()
            .Where(e => e.Location!.Value.Line == 6)
            .WithMessage("'b' and 'a' (at *doc.dsc.yaml:3:*) are both WindowsGlobalOffload with IsSingleInstance = Yes: the same instance twice; remove one*");
    }

    [Fact]
    public void Build_WithDifferentKeysOfOneType_PackagesBoth()
    {
        var document = Schema + """
            resources:
            - name: one
              type: DscOffload.Linux/NetAdapterOffload
              properties: { name: eth0, features: { tso: false } }
            - name: two
              type: DscOffload.Linux/NetAdapterOffload
              properties: { name: eth1, features: { tso: false } }
            """;

        MachineConfigurationPackage.Build(Request(document), _catalog).InstanceCount.Should().Be(2);
    }

    [Fact]
    public void Build_WithAForeignType_FailsNamingTheKnownTypes()
    {
        var document = Schema + "resources:\n- name: Reg\n  type: Microsoft.Windows/Registry\n  properties: { keyPath: 'HKLM\\Software' }\n";
        var act = () => MachineConfigurationPackage.Build(Request(document), _catalog);
        act.Should().Throw<DscOffloadException>().WithMessage("*'Reg' has type 'Microsoft.Windows/Registry', which is not a DscOffload resource type (known: *)*");
    }

    [Fact]
    public void Build_WithAnInvalidProperty_FailsLikeValidate()
    {
        var document = Schema + "resources:\n- name: A\n  type: DscOffload.Linux/NetAdapterOffload\n  properties: { name: eth0, persist: Always }\n";
        var act = () => MachineConfigurationPackage.Build(Request(document), _catalog);
        act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.ValidationFailed).WithMessage("*persist*");
    }

    [Fact]
    public void Build_WithNoInstanceLeft_Fails()
    {
        var document = Schema + "resources:\n- name: A\n  type: DscOffload.Linux/NetAdapterOffload\n  condition: false\n  properties: { name: eth0 }\n";
        var act = () => MachineConfigurationPackage.Build(Request(document), _catalog);
        act.Should().Throw<DscOffloadException>().WithMessage("*has no resource instance to package*");
    }

    [Fact]
    public void Build_AuditAndSetWithATypeThatCannotSet_FailsSayingToUseAudit()
    {
        var catalog = new ResourceCatalog([.. ProductCatalog.Create().Providers, new ReportOnlyProvider()]);
        var document = Schema + "resources:\n- name: Report\n  type: DscOffload.Linux/OffloadReport\n  properties: { name: eth0 }\n";

        var act = () => MachineConfigurationPackage.Build(Request(document), catalog);
        act.Should().Throw<DscOffloadException>().WithMessage("*has no set operation; put it in an Audit package*");

        var audit = MachineConfigurationPackage.Build(Request(document, type: MachineConfigurationType.Audit), catalog);
        Read(audit.ZipPath)["Modules/DscOffload/DscOffload.psm1"].Should().Contain("reports state only; it has no set operation");
    }

    [Fact]
    public void Build_AuditAndSetWithATypeWhoseSetAsserts_PackagesItAsRemediationThatFailsLoudly()
    {
        var document = Schema + "resources:\n- name: No bonding\n  type: DscOffload.Linux/OffloadCoexistence\n  properties: { bondMaster: false }\n"
            + "- name: Segmentation off\n  type: DscOffload.Linux/NetAdapterOffload\n  dependsOn: [\"[resourceId('DscOffload.Linux/OffloadCoexistence', 'No bonding')]\"]\n  properties: { name: eth0, features: { tso: false } }\n";

        var result = MachineConfigurationPackage.Build(Request(document), _catalog);
        var files = Read(result.ZipPath);

        result.InstanceCount.Should().Be(2);
        files["LinuxOffload.metaconfig.json"].Should().Contain("\"AuditAndSet\"");
        files["LinuxOffload.mof"].Should().Contain("ResourceID = \"[LinuxOffloadCoexistence]No bonding\";")
            .And.Contain("DependsOn = {\"[LinuxOffloadCoexistence]No bonding\"};");
        files["Modules/DscOffload/DscOffload.psm1"].Should().NotContain("reports state only");
    }

    [Theory]
    [InlineData("")]
    [InlineData("1Offload")]
    [InlineData("Offload Baseline")]
    [InlineData("Offload.Baseline")]
    [InlineData("Offload/Baseline")]
    public void CheckName_RejectsNamesThatCannotNameZipConfigurationAndAssignment(string name)
    {
        var act = () => MachineConfigurationPackage.CheckName(name);
        act.Should().Throw<DscOffloadException>().WithMessage("*use 1 to 64 ASCII letters, digits, '_' or '-', starting with a letter*");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.0.0-beta")]
    [InlineData("v1.0")]
    [InlineData("1..0")]
    public void CheckVersion_RejectsWhatIsNotDottedNumbers(string version)
    {
        var act = () => MachineConfigurationPackage.CheckVersion(version);
        act.Should().Throw<DscOffloadException>().WithMessage("*is not a version*");
    }
}
