using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// The actual value of one setting on one adapter and whether it can change. <see cref="Why"/> says why an absent
/// setting is absent when the reason is not the adapter itself (a Windows version where the setting has no effect),
/// so that the messages and the refusal can say it.
/// </summary>
internal readonly record struct AdapterSetting(JToken? Value, SettingSupport Support, string? Why = null)
{
    /// <summary>A setting the adapter does not have.</summary>
    public static AdapterSetting Absent { get; } = new(null, SettingSupport.Absent);

    /// <summary>A setting that has no effect on this host, for the reason given (shown in messages).</summary>
    public static AdapterSetting AbsentBecause(string why) => new(null, SettingSupport.Absent, why);
}
