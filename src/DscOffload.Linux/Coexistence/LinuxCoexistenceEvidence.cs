using DscOffload.Core.Coexistence;

namespace DscOffload.Linux.Coexistence;

/// <summary>
/// Turns what the netlink dumps returned into conditions of the Linux coexistence table: bonds and
/// teams with their members, transforming IPsec policies, and SAs processed in software or offloaded
/// to an adapter. Pure, so that tests can feed it parsed records without a kernel.
/// </summary>
internal static class LinuxCoexistenceEvidence
{
    private const int MaximumDetails = 20;

    /// <summary>Adds bondMaster and teamMaster from a link dump.</summary>
    public static void AddLinks(CoexistenceReport report, IReadOnlyList<NetlinkLink> links)
    {
        foreach (var (id, kind) in (ReadOnlySpan<(string, string)>)[("bondMaster", "bond"), ("teamMaster", "team")])
        {
            var masters = links.Where(l => l.Kind == kind).OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
            if (masters.Count == 0)
            {
                continue;
            }

            var details = masters.Select(m =>
            {
                var members = links.Where(l => l.Master == m.Index).Select(l => l.Name).Order(StringComparer.Ordinal).ToList();
                var mode = m.BondMode is { } b ? $" (mode {NetlinkText.BondMode(b)})" : "";
                return $"{m.Name}{mode} with {(kind == "bond" ? "slaves" : "ports")} {(members.Count == 0 ? "none" : string.Join(", ", members))}";
            });
            report.Add(id, "rtnetlink RTM_GETLINK", details, masters.Select(m => m.Name));
        }
    }

    /// <summary>Adds xfrmPolicy from a policy dump (only policies that transform traffic count).</summary>
    public static void AddPolicies(CoexistenceReport report, IReadOnlyList<XfrmPolicy> policies)
    {
        var transforming = policies.Where(p => p.Transforms).ToList();
        if (transforming.Count > 0)
        {
            report.Add("xfrmPolicy", "NETLINK_XFRM XFRM_MSG_GETPOLICY", Limit(transforming.Select(p =>
                $"policy dir {p.DirectionName} {p.Selector}: {string.Join(", ", p.Templates)}"), transforming.Count));
        }
    }

    /// <summary>Adds xfrmState (software SAs) and xfrmStateOffloaded (SAs on an adapter) from an SA dump.</summary>
    public static void AddStates(CoexistenceReport report, IReadOnlyList<XfrmState> states, IReadOnlyDictionary<int, string> interfaceNames)
    {
        var software = states.Where(s => s.OffloadIfIndex is null).ToList();
        if (software.Count > 0)
        {
            report.Add("xfrmState", "NETLINK_XFRM XFRM_MSG_GETSA", Limit(software.Select(Describe), software.Count));
        }

        var offloaded = states.Where(s => s.OffloadIfIndex is not null).ToList();
        if (offloaded.Count > 0)
        {
            var devices = offloaded.Select(s => DeviceName(s.OffloadIfIndex!.Value, interfaceNames)).Distinct(StringComparer.Ordinal).ToList();
            report.Add("xfrmStateOffloaded", "NETLINK_XFRM XFRM_MSG_GETSA (XFRMA_OFFLOAD_DEV)", Limit(offloaded.Select(s =>
            {
                var how = (s.OffloadFlags & 4) != 0 ? "packet offload" : "crypto offload";
                var direction = (s.OffloadFlags & 2) != 0 ? "in" : "out";
                return $"{Describe(s)} on {DeviceName(s.OffloadIfIndex!.Value, interfaceNames)} ({how}, dir {direction})";
            }), offloaded.Count), devices);
        }
    }

    private static string Describe(XfrmState s) =>
        $"SA {s.Source} → {s.Destination} {NetlinkText.Protocol(s.Protocol)} spi 0x{s.Spi:x8} {NetlinkText.Mode(s.Mode)}";

    private static string DeviceName(int index, IReadOnlyDictionary<int, string> names) =>
        names.TryGetValue(index, out var name) ? name : $"ifindex {index}";

    private static IEnumerable<string> Limit(IEnumerable<string> details, int count) =>
        count <= MaximumDetails ? details : details.Take(MaximumDetails).Append($"and {count - MaximumDetails} more");
}
