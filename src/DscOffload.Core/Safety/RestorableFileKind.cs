namespace DscOffload.Core.Safety;

/// <summary>
/// The kinds of file a journal entry may name (<see cref="JournaledFile.IsRestorableName"/>); each kind is pinned to its
/// own directory (<see cref="RestorableFileDirectory"/>), so a root rollback cannot be pointed at one kind's name in
/// another kind's directory.
/// </summary>
internal enum RestorableFileKind
{
    /// <summary>dscoffload's <c>10-dscoffload-*.link</c> files.</summary>
    SystemdLink,

    /// <summary>dscoffload's <c>90-dscoffload-*.yaml</c> netplan files.</summary>
    Netplan,

    /// <summary>NetworkManager's <c>*.nmconnection</c> keyfile profiles.</summary>
    NetworkManagerProfile,
}
