namespace DscOffload.Core.Coexistence;

/// <summary>What one condition means for one offload.</summary>
/// <param name="Verdict">Whether the offload keeps working.</param>
/// <param name="Note">The consequence in a few words, for warnings and <c>dscoffload explain</c>.</param>
/// <param name="PerInterface">
/// True when the effect concerns only the interfaces the condition names (an adapter attached to a
/// Hyper-V switch, a bond device), false when it concerns the whole host.
/// </param>
public sealed record CoexistenceEffect(CoexistenceVerdict Verdict, string Note, bool PerInterface);
