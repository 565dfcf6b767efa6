using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// One setting a document asks for. <see cref="IsOff"/> says whether the value means "feature off",
/// because an adapter that lacks a feature satisfies "off" but never "on" (README.md, "Resource types").
/// <see cref="Source"/> is the document token it came from (for locations); aliases expanded to several
/// kernel features share one source.
/// </summary>
internal sealed record DesiredSetting(SettingKey Key, JToken Value, bool IsOff, JToken Source);
