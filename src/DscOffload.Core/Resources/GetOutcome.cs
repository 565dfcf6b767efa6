using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>The result of <c>get</c>: the actual state, in the resource's property shape.</summary>
public sealed record GetOutcome(JObject ActualState);
