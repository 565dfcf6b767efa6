using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>The actual value of one setting on one adapter and whether it can change.</summary>
internal readonly record struct AdapterSetting(JToken? Value, SettingSupport Support)
{
    /// <summary>A setting the adapter does not have.</summary>
    public static AdapterSetting Absent { get; } = new(null, SettingSupport.Absent);
}
