using DscOffload.Core.Diagnostics;
using DscOffload.Packaging.MachineConfiguration;
using DscOffload.Packaging.PowerShell;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;
using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.Tests.MachineConfiguration;

public class MofDocumentWriterTests
{
    private static readonly WrapperClass Adapter = WrapperClass.For(WindowsNetAdapterOffloadDescriptor.Descriptor);
    private static readonly WrapperClass Global = WrapperClass.For(GlobalOffloadDescriptor.Descriptor);

    private static MofResourceInstance Instance(WrapperClass wrapper, string json, params string[] dependsOn) =>
        new(wrapper, "Instance", JObject.Parse(json), dependsOn, "doc.yaml::3::3::" + wrapper.ClassName);

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a \"b\" \\c\\", "\"a \\\"b\\\" \\\\c\\\\\"")]
    [InlineData("line\nnext\ttab\r", "\"line\\nnext\\ttab\\r\"")]
    [InlineData("bell\u0007", "\"bell\\x0007\"")]
    [InlineData("Éthernet – 2", "\"Éthernet – 2\"")]
    public void Quote_EscapesBackslashQuoteAndControlCharacters(string value, string literal) =>
        MofText.Quote(value).Should().Be(literal);

    [Fact]
    public void Values_FollowTheWrapperKinds_AndTheClassOrder()
    {
        var instance = Instance(Adapter, """
            {"restart":"Never","lsoIPv4":false,"name":"Ether*","excludeName":["a","b"],"advancedProperties":{"*JumboPacket":"9014"}}
            """);
        MofDocumentWriter.Values(instance).Should().Equal(
            ("name", "\"Ether*\""),
            ("excludeName", "{\"a\",\"b\"}"),
            ("lsoIPv4", "False"),
            ("advancedProperties", "\"{\\\"*JumboPacket\\\":\\\"9014\\\"}\""),
            ("restart", "\"Never\""));
    }

    [Fact]
    public void Values_KeepNullMembersInsideJsonText()
    {
        var instance = Instance(Global, """{"tcpipParameters":{"enableRSS":false,"enableTCPA":null}}""");
        MofDocumentWriter.Values(instance).Single().Literal.Should().Be("\"{\\\"enableRSS\\\":false,\\\"enableTCPA\\\":null}\"");
    }

    [Fact]
    public void Values_TopLevelNull_IsAnError()
    {
        var instance = Instance(Adapter, """{"name":"x","lsoIPv4":null}""");
        var act = () => MofDocumentWriter.Values(instance).ToList();
        act.Should().Throw<DscOffloadException>().WithMessage("property 'lsoIPv4' of 'Instance' is null*leave the property out*");
    }

    [Fact]
    public void Values_LeaveOutCanonicalAndReadOnlyProperties()
    {
        var instance = Instance(Adapter, """{"name":"x","_metadata":{"a":1},"interfaceGuid":"{0}"}""");
        MofDocumentWriter.Values(instance).Select(v => v.Name).Should().Equal("name");
    }

    [Fact]
    public void Write_GivesEachInstanceItsAliasResourceIdModuleAndDependencies_ThenTheConfigurationDocument()
    {
        var mof = MofDocumentWriter.Write("Baseline",
        [
            Instance(Global, """{"chimney":"Disabled"}"""),
            Instance(Adapter, """{"name":"*"}""", "[WindowsGlobalOffload]Instance"),
            Instance(Adapter, """{"name":"Wi-Fi"}"""),
        ]);

        mof.Should().StartWith("/*\n@TargetNode='localhost'\n");
        mof.Should().Contain("instance of WindowsGlobalOffload as $WindowsGlobalOffload1ref\n{\n ResourceID = \"[WindowsGlobalOffload]Instance\";\n SourceInfo = \"doc.yaml::3::3::WindowsGlobalOffload\";\n IsSingleInstance = \"Yes\";\n chimney = \"Disabled\";\n ModuleName = \"DscOffload\";\n ModuleVersion = \"0.1.0\";\n ConfigurationName = \"Baseline\";\n};");
        mof.Should().Contain("instance of WindowsNetAdapterOffload as $WindowsNetAdapterOffload1ref").And.Contain("instance of WindowsNetAdapterOffload as $WindowsNetAdapterOffload2ref");
        mof.Should().Contain(" DependsOn = {\"[WindowsGlobalOffload]Instance\"};");
        mof.Should().EndWith("instance of OMI_ConfigurationDocument\n{\n Version = \"2.0.0\";\n MinimumCompatibleVersion = \"1.0.0\";\n CompatibleVersionAdditionalProperties = {\"Omi_BaseResource:ConfigurationName\"};\n Name = \"Baseline\";\n};\n");
        mof.Should().NotContain("GenerationDate", "the same document must give the same bytes");
    }
}
