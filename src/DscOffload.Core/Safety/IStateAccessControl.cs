namespace DscOffload.Core.Safety;

/// <summary>
/// The few operating-system calls the state directory's trust check needs (<see cref="StateDirectoryTrust"/>):
/// who owns a path and who else may write it, creating the directory so that only trusted accounts may use it,
/// and handing a new file to those accounts. Unix: <see cref="UnixStateAccessControl"/>; Windows:
/// <see cref="WindowsStateAccessControl"/> over the ACL calls of <see cref="IWindowsAclCalls"/>.
/// </summary>
internal interface IStateAccessControl
{
    /// <summary>The accounts a trusted path may be owned by, for messages ("root or this process's user").</summary>
    string TrustedOwners { get; }

    /// <summary>Who owns <paramref name="path"/> and who else may write it; null when it does not exist.</summary>
    StateFileAccess? Read(string path);

    /// <summary>Creates <paramref name="directory"/> (its parent must exist) usable by trusted accounts only.</summary>
    void CreateDirectory(string directory);

    /// <summary>Gives a file this process has just created to the trusted owner, before it is renamed into place.</summary>
    void Adopt(string path);

    /// <summary>One command line that makes <paramref name="path"/> trusted again (after its content was checked).</summary>
    string FixCommand(string path, bool directory);
}
