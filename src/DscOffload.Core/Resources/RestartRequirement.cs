using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>
/// A restart that must happen before a change takes effect, in DSC's <c>_restartRequired</c> item
/// shape: <c>{"system": "host"}</c> or <c>{"service": "name"}</c>.
/// </summary>
public sealed record RestartRequirement(string Kind, string Name)
{
    /// <summary>A whole-system restart of <paramref name="host"/>.</summary>
    public static RestartRequirement System(string host) => new("system", host);

    /// <summary>The DSC JSON form.</summary>
    public JObject ToJson() => new() { [Kind] = Name };
}
