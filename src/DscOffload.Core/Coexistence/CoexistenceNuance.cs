namespace DscOffload.Core.Coexistence;

/// <summary>
/// Where a later source disagrees with the table's main source, for example the Windows Server 2008
/// R2 table, which calls IPsec "Partial" where KB 951037 says "No". Shown next to the row, never
/// instead of it.
/// </summary>
/// <param name="Source">The other source.</param>
/// <param name="Chimney">Its verdict for TCP Chimney Offload.</param>
/// <param name="Text">What differs, in our words.</param>
public sealed record CoexistenceNuance(string Source, CoexistenceVerdict Chimney, string Text);
