namespace DscOffload.Linux.Coexistence;

/// <summary>An IPsec policy of the kernel's security policy database (an XFRM_MSG_NEWPOLICY dump entry).</summary>
/// <param name="Direction">0 in, 1 out, 2 fwd.</param>
/// <param name="Action">0 allow, 1 block.</param>
/// <param name="Selector">The traffic it matches, as text (<c>10.0.0.1/32 → 10.0.0.2/32 tcp</c>).</param>
/// <param name="Templates">The transforms it applies (<c>esp transport</c>); none for a bypass or block policy.</param>
/// <param name="Index">The kernel's policy index.</param>
internal sealed record XfrmPolicy(byte Direction, byte Action, string Selector, IReadOnlyList<string> Templates, uint Index)
{
    /// <summary>The direction's name as <c>ip xfrm</c> prints it.</summary>
    public string DirectionName => Direction switch { 0 => "in", 1 => "out", 2 => "fwd", _ => $"dir {Direction}" };

    /// <summary>True when the policy transforms traffic (allow with at least one template).</summary>
    public bool Transforms => Action == 0 && Templates.Count > 0;
}
