using DscOffload.Linux.Coexistence;
using DscOffload.Linux.Interop;
using static DscOffload.Linux.Tests.Coexistence.NetlinkBytes;

namespace DscOffload.Linux.Tests.Coexistence;

/// <summary>The netlink readers of the Linux coexistence probe, on messages built as the kernel lays them out.</summary>
public class NetlinkParsingTests
{
    [Fact]
    public void ParsePolicy_TransportPolicyWithTemplate_ReadsSelectorDirectionAndTransform()
    {
        var payload = Policy(Selector("10.0.0.1", 32, "10.0.0.2", 32, 6, 443), direction: 1, action: 0, index: 9, Attribute(5, Template(50, 0)));

        var policy = XfrmMessageParser.ParsePolicy(payload)!;

        policy.DirectionName.Should().Be("out");
        policy.Selector.Should().Be("10.0.0.1/32 → 10.0.0.2/32 tcp dport 443");
        policy.Templates.Should().Equal("esp transport");
        policy.Index.Should().Be(9);
        policy.Transforms.Should().BeTrue();
    }

    [Fact]
    public void ParsePolicy_SeveralTemplatesAndTunnel_ReadsEachWithItsEndpoints()
    {
        var templates = Template(51, 0).Concat(Template(50, 1, "192.0.2.1", "198.51.100.1")).ToArray();

        var policy = XfrmMessageParser.ParsePolicy(Policy(Selector("10.1.0.0", 16, "10.2.0.0", 16, 0), 2, 0, 1, Attribute(5, templates)))!;

        policy.Selector.Should().Be("10.1.0.0/16 → 10.2.0.0/16");
        policy.Templates.Should().Equal("ah transport", "esp tunnel 192.0.2.1 → 198.51.100.1");
    }

    [Fact]
    public void ParsePolicy_BlockOrBypass_DoesNotTransform()
    {
        XfrmMessageParser.ParsePolicy(Policy(Selector("0.0.0.0", 0, "0.0.0.0", 0, 0), 0, 1, 2, Attribute(5, Template(50, 0))))!.Transforms.Should().BeFalse();
        XfrmMessageParser.ParsePolicy(Policy(Selector("0.0.0.0", 0, "0.0.0.0", 0, 0), 0, 0, 3))!.Transforms.Should().BeFalse();
    }

    [Fact]
    public void ParseState_OffloadAttribute_NamesTheDeviceAndFlags()
    {
        var software = XfrmMessageParser.ParseState(State("10.0.0.1", "10.0.0.2", 0xc0ffee01, 50, 0))!;
        var offloaded = XfrmMessageParser.ParseState(State("10.0.0.1", "10.0.0.2", 0x100, 50, 1, Offload(4, 0x4)))!;

        software.Should().Be(new XfrmState("10.0.0.1", "10.0.0.2", 0xc0ffee01, 50, 0, null, 0));
        offloaded.OffloadIfIndex.Should().Be(4);
        offloaded.OffloadFlags.Should().Be(4);
    }

    [Fact]
    public void Parsers_ShortPayloads_YieldNothingInsteadOfReadingPastTheEnd()
    {
        XfrmMessageParser.ParsePolicy(new byte[100]).Should().BeNull();
        XfrmMessageParser.ParseState(new byte[200]).Should().BeNull();
        RtnetlinkLinkParser.Parse(new byte[8]).Should().BeNull();
    }

    [Fact]
    public void ParseLink_BondWithMode_ReadsKindModeAndMaster()
    {
        var bond = RtnetlinkLinkParser.Parse(Link(5, Text(3, "bond0"), Nested(18, Text(1, "bond"), Nested(2, Attribute(1, [1])))))!;
        var slave = RtnetlinkLinkParser.Parse(Link(6, Text(3, "eth0"), U32(10, 5), Nested(18, Text(4, "bond"))))!;
        var veth = RtnetlinkLinkParser.Parse(Link(7, Text(3, "v0"), Nested(18, Text(1, "veth"), Nested(2, Attribute(1, [0, 0, 0, 0])))))!;

        bond.Should().Be(new NetlinkLink(5, "bond0", "bond", null, 0, 1));
        slave.Should().Be(new NetlinkLink(6, "eth0", null, "bond", 5, null));
        veth.BondMode.Should().BeNull("IFLA_INFO_DATA means something else for other kinds");
    }

    [Fact]
    public void AttributeReader_TruncatedAttribute_EndsTheWalk()
    {
        byte[] attributes = [.. Text(3, "eth0"), 40, 0, 1, 0, 1, 2];
        var reader = new NetlinkAttributeReader(attributes);

        reader.TryNext(out var type, out var value).Should().BeTrue();
        type.Should().Be(3);
        NetlinkAttributeReader.Text(value).Should().Be("eth0");
        reader.TryNext(out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Split_ErrorAndDoneMessages_EndTheDumpWithTheirErrno()
    {
        var replies = new List<(ushort, byte[])>();
        byte[] datagram = [.. Message(0x13, 7, [1, 2, 3, 4]), .. Message(0x13, 99, [5]), .. Message(2, 7, BitConverter.GetBytes(-1))];

        var errno = NetlinkDumpSocket.Split(datagram, 7, replies, out var done);

        errno.Should().Be(Errno.EPERM);
        done.Should().BeTrue();
        replies.Should().ContainSingle("messages of another sequence are not ours").Which.Item2.Should().Equal(1, 2, 3, 4);
        NetlinkDumpSocket.Split(Message(3, 7, new byte[4]), 7, [], out done).Should().Be(0);
        done.Should().BeTrue();
    }

    [Fact]
    public void Split_LengthBeyondTheDatagram_IsRefused()
    {
        var message = Message(0x13, 1, new byte[8]);
        message[0] = 200;

        NetlinkDumpSocket.Split(message, 1, [], out _).Should().Be(Errno.EINVAL);
    }
}
