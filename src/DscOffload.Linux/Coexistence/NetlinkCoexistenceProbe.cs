using DscOffload.Core.Coexistence;
using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Interop;

namespace DscOffload.Linux.Coexistence;

/// <summary>
/// The live Linux coexistence probe: one rtnetlink link dump (bond and team devices with their
/// members) and two NETLINK_XFRM dumps (IPsec policies and SAs) through sockets of the probed network
/// namespace. No program is started. rtnetlink is used instead of <c>/sys/class/net</c> because sysfs
/// shows the namespace of whoever mounted it, while a netlink socket answers for the namespace it was
/// created in. Reading xfrm needs CAP_NET_ADMIN: without it the xfrm conditions are undetermined.
/// </summary>
internal sealed class NetlinkCoexistenceProbe : ICoexistenceProbe, IDisposable
{
    private readonly NetworkNamespace? _namespace;

    private NetlinkCoexistenceProbe(NetworkNamespace? networkNamespace) => _namespace = networkNamespace;

    /// <summary>A probe of the calling thread's network namespace.</summary>
    /// <exception cref="DscOffloadException">NotSupported on anything but Linux.</exception>
    public static NetlinkCoexistenceProbe Open() =>
        OperatingSystem.IsLinux() ? new NetlinkCoexistenceProbe(null) : throw NotLinux();

    /// <summary>A probe of the named network namespace (<c>/var/run/netns/&lt;name&gt;</c>); needs root to enter it.</summary>
    /// <exception cref="DscOffloadException">NotSupported off Linux; NoMatch when the namespace does not exist; ElevationRequired without privileges.</exception>
    public static NetlinkCoexistenceProbe OpenInNamespace(string netnsName) =>
        OperatingSystem.IsLinux() ? new NetlinkCoexistenceProbe(NetworkNamespace.Open(netnsName)) : throw NotLinux();

    /// <inheritdoc />
    public CoexistenceReport Probe() => _namespace is null ? ProbeHere() : _namespace.Run(ProbeHere);

    /// <inheritdoc />
    public void Dispose() => _namespace?.Dispose();

    private static CoexistenceReport ProbeHere()
    {
        var report = new CoexistenceReport();
        var names = new Dictionary<int, string>();
        var errno = Dump(NetlinkDumpSocket.Route, RtnetlinkLinkParser.GetLink, RtnetlinkLinkParser.DumpRequest, RtnetlinkLinkParser.NewLink, out var replies);
        if (errno != 0)
        {
            report.MarkUndetermined("bondMaster", $"the rtnetlink link dump failed: {Errno.Describe(errno)}");
            report.MarkUndetermined("teamMaster", $"the rtnetlink link dump failed: {Errno.Describe(errno)}");
        }
        else
        {
            var links = replies.Select(r => RtnetlinkLinkParser.Parse(r)).OfType<NetlinkLink>().ToList();
            foreach (var link in links)
            {
                names[link.Index] = link.Name;
            }

            LinuxCoexistenceEvidence.AddLinks(report, links);
        }

        errno = Dump(NetlinkDumpSocket.Xfrm, XfrmMessageParser.GetPolicy, [], XfrmMessageParser.NewPolicy, out replies);
        if (errno != 0)
        {
            MarkXfrmUndetermined(report, errno);
            return report;
        }

        LinuxCoexistenceEvidence.AddPolicies(report, replies.Select(r => XfrmMessageParser.ParsePolicy(r)).OfType<XfrmPolicy>().ToList());
        errno = Dump(NetlinkDumpSocket.Xfrm, XfrmMessageParser.GetSa, [], XfrmMessageParser.NewSa, out replies);
        if (errno != 0)
        {
            MarkXfrmUndetermined(report, errno);
            return report;
        }

        LinuxCoexistenceEvidence.AddStates(report, replies.Select(r => XfrmMessageParser.ParseState(r)).OfType<XfrmState>().ToList(), names);
        return report;
    }

    private static int Dump(int protocol, ushort request, ReadOnlySpan<byte> body, ushort replyType, out List<byte[]> payloads)
    {
        payloads = [];
        var errno = NetlinkDumpSocket.TryCreate(protocol, out var socket);
        if (errno != 0)
        {
            return errno;
        }

        using (socket)
        {
            errno = socket!.Dump(request, body, out var replies);
            payloads = replies.Where(r => r.Type == replyType).Select(r => r.Payload).ToList();
            return errno;
        }
    }

    private static void MarkXfrmUndetermined(CoexistenceReport report, int errno)
    {
        var reason = errno switch
        {
            Errno.EPERM or Errno.EACCES => "reading IPsec (xfrm) state needs CAP_NET_ADMIN; run as root",
            Errno.EPROTONOSUPPORT => "this kernel has no xfrm netlink interface (CONFIG_XFRM_USER)",
            _ => $"the xfrm dump failed: {Errno.Describe(errno)}",
        };
        foreach (var id in (string[])["xfrmPolicy", "xfrmState", "xfrmStateOffloaded"])
        {
            report.MarkUndetermined(id, reason);
        }
    }

    private static DscOffloadException NotLinux() =>
        new(ErrorKind.NotSupported, "the Linux coexistence probe reads only a Linux host's kernel; use --against to test recorded state");
}
