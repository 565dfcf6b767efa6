using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>A desired setting that one adapter does not satisfy, and whether it could be changed.</summary>
internal sealed record SettingDifference(DesiredSetting Desired, JToken? Actual, SettingSupport Support)
{
    /// <summary>True when set can fix it; false for absent or fixed features.</summary>
    public bool CanChange => Support == SettingSupport.Changeable;
}
