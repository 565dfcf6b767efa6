namespace DscOffload.Core.Adapters;

/// <summary>Whether an adapter has a setting and whether it can be changed.</summary>
internal enum SettingSupport
{
    /// <summary>Present and changeable.</summary>
    Changeable,

    /// <summary>Present but fixed (a Linux <c>[fixed]</c> feature): its value is reported, never changed.</summary>
    Fixed,

    /// <summary>The adapter does not have it (no CIM instance, no NDIS keyword, no channel support).</summary>
    Absent,
}
