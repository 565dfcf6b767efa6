using System.Globalization;
using System.Text;

namespace DscOffload.Reporting.Drift;

/// <summary>
/// Running totals over all hosts a renderer has seen: what the CLI prints to the terminal after any format,
/// what decides <c>--fail-on-drift</c>, and the counts at the top of the markdown summary. Counters only, so it
/// costs the same for three hosts as for ten thousand.
/// </summary>
public sealed class DriftSummary
{
    /// <summary>Hosts reported.</summary>
    public int Hosts { get; private set; }

    /// <summary>Hosts where nothing differs and nothing failed.</summary>
    public int HostsInDesiredState { get; private set; }

    /// <summary>Hosts with at least one differing setting (whether or not something also failed there).</summary>
    public int HostsDrifted { get; private set; }

    /// <summary>Hosts where at least one instance failed or the envelope reported errors.</summary>
    public int HostsWithErrors { get; private set; }

    /// <summary>Resource instances reported, over all hosts.</summary>
    public int Instances { get; private set; }

    /// <summary>Instances with at least one differing setting, over all hosts.</summary>
    public int InstancesDrifted { get; private set; }

    /// <summary>Instances that could not be evaluated, over all hosts.</summary>
    public int InstancesFailed { get; private set; }

    /// <summary>Settings that differ, over all hosts (each adapter and each object member counted).</summary>
    public int DriftedProperties { get; private set; }

    /// <summary>True when the hosts were reported from <c>set --what-if</c>: "would change" rather than "drifted".</summary>
    public bool IsWhatIf { get; private set; }

    /// <summary>True when any host drifted: what <c>--fail-on-drift</c> tests.</summary>
    public bool HasDrift => HostsDrifted > 0;

    /// <summary>True when any host reported an error.</summary>
    public bool HasErrors => HostsWithErrors > 0;

    /// <summary>True when every host is in desired state with no error (and at least zero hosts were seen).</summary>
    public bool AllInDesiredState => HostsInDesiredState == Hosts;

    /// <summary>Counts one more host.</summary>
    public void Add(HostDriftReport host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Hosts++;
        IsWhatIf |= host.Run.IsWhatIf;
        Instances += host.Instances.Count;
        InstancesDrifted += host.DriftedInstanceCount;
        InstancesFailed += host.FailedInstanceCount;
        DriftedProperties += host.DriftItemCount;
        if (host.DriftedInstanceCount > 0)
        {
            HostsDrifted++;
        }

        if (host.HadErrors)
        {
            HostsWithErrors++;
        }

        if (host.IsInDesiredState)
        {
            HostsInDesiredState++;
        }
    }

    /// <summary>
    /// One line for people, e.g. <c>3 hosts: 1 in desired state, 2 drifted (5 properties), 1 error on 1 host</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder(96);
        Counted(text, Hosts, "host", "hosts").Append(": ");
        text.Append(HostsInDesiredState.ToString(CultureInfo.InvariantCulture)).Append(" in desired state, ");
        text.Append(HostsDrifted.ToString(CultureInfo.InvariantCulture)).Append(IsWhatIf ? " would change (" : " drifted (");
        Counted(text, DriftedProperties, "property", "properties").Append("), ");
        if (HostsWithErrors == 0)
        {
            text.Append("0 errors");
        }
        else
        {
            // An envelope may report hadErrors without a failed instance; count at least one error per such host.
            Counted(text, Math.Max(InstancesFailed, HostsWithErrors), "error", "errors").Append(" on ");
            Counted(text, HostsWithErrors, "host", "hosts");
        }

        return text.ToString();
    }

    internal static StringBuilder Counted(StringBuilder text, int count, string singular, string plural) =>
        text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(count == 1 ? singular : plural);
}
