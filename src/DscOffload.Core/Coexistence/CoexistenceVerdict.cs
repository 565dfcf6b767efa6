namespace DscOffload.Core.Coexistence;

/// <summary>
/// Whether an offload keeps working next to a condition of the host, in the vocabulary of the KB
/// 951037 table ("Works together with TCP Chimney Offload": Yes, No, Implementation-specific) plus
/// the 2008 R2 table's "Partial".
/// </summary>
public enum CoexistenceVerdict
{
    /// <summary>The offload works as usual.</summary>
    Yes,

    /// <summary>The offload is not used at all while the condition holds.</summary>
    No,

    /// <summary>Some connections or interfaces lose the offload, others keep it.</summary>
    Partial,

    /// <summary>It depends on the product that creates the condition; only its documentation can tell.</summary>
    ImplementationSpecific,
}
