using System.Text;
using DscOffload.Reporting.Drift;

namespace DscOffload.Reporting.Rendering;

/// <summary>The one-line status of a host and of a drift item, worded the same in every format that prints them.</summary>
internal static class HostStatusText
{
    /// <summary>E.g. <c>in desired state (3 instances)</c>, <c>3 properties drifted in 2 instances, 1 error</c>.</summary>
    public static string Describe(HostDriftReport host)
    {
        var text = new StringBuilder(64);
        if (host.IsInDesiredState)
        {
            text.Append("in desired state (");
            DriftSummary.Counted(text, host.Instances.Count, "instance", "instances").Append(')');
            return text.ToString();
        }

        if (host.DriftItemCount > 0)
        {
            DriftSummary.Counted(text, host.DriftItemCount, "property", "properties")
                .Append(host.Run.IsWhatIf ? " would change in " : " drifted in ");
            DriftSummary.Counted(text, host.DriftedInstanceCount, "instance", "instances");
        }

        if (host.HadErrors)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            DriftSummary.Counted(text, Math.Max(1, host.FailedInstanceCount), "error", "errors");
        }

        return text.ToString();
    }

    /// <summary>E.g. <c>All adapters · Ethernet · lsoIPv4: true → false</c>, optionally prefixed by the host.</summary>
    public static string Describe(DriftItem item, bool withHost)
    {
        var text = new StringBuilder(96);
        if (withHost)
        {
            text.Append(DriftValueText.Label(item.Host)).Append(" · ");
        }

        text.Append(DriftValueText.Label(item.Instance)).Append(" · ");
        if (item.Adapter is not null)
        {
            text.Append(DriftValueText.Label(item.Adapter)).Append(" · ");
        }

        return text.Append(DriftValueText.Label(item.PropertyPath)).Append(": ")
            .Append(DriftValueText.Format(item.Current)).Append(" → ").Append(DriftValueText.Format(item.Desired))
            .ToString();
    }
}
