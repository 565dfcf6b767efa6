namespace DscOffload.Core.Adapters;

/// <summary>How one adapter compares with the desired settings.</summary>
internal sealed class AdapterComparison
{
    /// <summary>Creates the comparison result.</summary>
    public AdapterComparison(AdapterSnapshot snapshot, IReadOnlyList<SettingDifference> differences, IReadOnlyList<SettingKey> satisfiedByAbsence)
    {
        Snapshot = snapshot;
        Differences = differences;
        SatisfiedByAbsence = satisfiedByAbsence;
    }

    /// <summary>The adapter state compared.</summary>
    public AdapterSnapshot Snapshot { get; }

    /// <summary>Settings that differ from desired.</summary>
    public IReadOnlyList<SettingDifference> Differences { get; }

    /// <summary>Desired-off settings the adapter does not have (satisfied; reported as info).</summary>
    public IReadOnlyList<SettingKey> SatisfiedByAbsence { get; }

    /// <summary>True when nothing differs.</summary>
    public bool InDesiredState => Differences.Count == 0;

    /// <summary>Top-level property names that differ, in first-seen order.</summary>
    public IReadOnlyList<string> DifferingProperties
    {
        get
        {
            var names = new List<string>();
            foreach (var d in Differences)
            {
                if (!names.Contains(d.Desired.Key.Property))
                {
                    names.Add(d.Desired.Key.Property);
                }
            }

            return names;
        }
    }

    /// <summary>Compares <paramref name="snapshot"/> with <paramref name="desired"/>.</summary>
    public static AdapterComparison Compare(AdapterSnapshot snapshot, IReadOnlyList<DesiredSetting> desired)
    {
        var differences = new List<SettingDifference>();
        var absent = new List<SettingKey>();
        foreach (var d in desired)
        {
            var actual = snapshot.Get(d.Key);
            if (actual.Support == SettingSupport.Absent || actual.Value is null)
            {
                if (d.IsOff)
                {
                    absent.Add(d.Key);
                }
                else
                {
                    differences.Add(new SettingDifference(d, null, SettingSupport.Absent));
                }
            }
            else if (!JsonValues.Same(actual.Value, d.Value))
            {
                differences.Add(new SettingDifference(d, actual.Value, actual.Support));
            }
        }

        return new AdapterComparison(snapshot, differences, absent);
    }
}
