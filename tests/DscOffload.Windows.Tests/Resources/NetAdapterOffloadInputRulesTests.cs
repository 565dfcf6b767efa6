using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Schemas;
using DscOffload.Windows.Resources.NetAdapterOffload;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Resources;

public class NetAdapterOffloadInputRulesTests
{
    private static Action Validate(string yaml) => () => ResourceInputValidator.Validate(
        WindowsNetAdapterOffloadDescriptor.Descriptor, (JObject)StructuredTextParser.Parse(yaml, "baseline.dsc.yaml"));

    [Theory]
    [InlineData("lsoIPv4: false", "'*LsoV2IPv4': '0'", "*LsoV2IPv4", "lsoIPv4")]
    [InlineData("rss: true", "'*rss': '1'", "*rss", "rss")]
    [InlineData("checksumTcpIPv4: Disabled", "'*TCPChecksumOffloadIPv4': '0'", "*TCPChecksumOffloadIPv4", "checksumTcpIPv4")]
    [InlineData("checksumTcpIPv4: Disabled", "'*TCPUDPChecksumOffloadIPv4': '0'", "*TCPUDPChecksumOffloadIPv4", "checksumTcpIPv4")]
    [InlineData("checksumUdpIPv6: RxEnabled", "'*tcpudpchecksumoffloadipv6': '2'", "*tcpudpchecksumoffloadipv6", "checksumUdpIPv6")]
    public void Validate_TypedSettingAndItsDriverKeyword_IsRefusedAtTheKeyword(string typed, string advanced, string keyword, string name) =>
        Validate($"name: Ethernet*\n{typed}\nadvancedProperties:\n  {advanced}\n").Should().Throw<DscOffloadException>()
            .Where(e => e.Kind == ErrorKind.ValidationFailed
                && e.OneLine.StartsWith("baseline.dsc.yaml:4:", StringComparison.Ordinal)
                && e.Message.Contains($"'advancedProperties.{keyword}' and '{name}' both set the driver keyword")
                && e.Message.Contains("keep only one"));

    [Theory]
    [InlineData("name: Ethernet*\nlsoIPv4: false\nadvancedProperties:\n  '*JumboPacket': '9014'\n")]
    [InlineData("name: Ethernet*\nlsoIPv4: null\nadvancedProperties:\n  '*LsoV2IPv4': '0'\n")]
    [InlineData("name: Ethernet*\nadvancedProperties:\n  '*LsoV2IPv4': '0'\n")]
    public void Validate_KeywordsWithoutATypedTwin_AreAccepted(string yaml) => Validate(yaml).Should().NotThrow();
}
