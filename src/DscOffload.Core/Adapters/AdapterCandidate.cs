using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// An adapter before its settings are read: what selection needs (name, description, hidden) and the
/// identity shown in output (<c>interfaceGuid</c> or <c>ifindex</c>, …). <see cref="Handle"/> is the
/// platform's own object for the adapter.
/// </summary>
internal sealed record AdapterCandidate(string Name, string? Description, bool HiddenByDefault, JObject Identity, object Handle);
