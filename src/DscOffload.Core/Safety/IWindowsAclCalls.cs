namespace DscOffload.Core.Safety;

/// <summary>
/// The Windows security-descriptor calls the state directory uses, kept this narrow so that
/// <see cref="WindowsStateAccessControl"/>'s rules are tested over a fake on any platform; the real calls are
/// <see cref="DotNetWindowsAclCalls"/>. Accounts are SID strings (<c>S-1-5-32-544</c>).
/// </summary>
internal interface IWindowsAclCalls
{
    /// <summary>The SID of the account this process runs as.</summary>
    string CurrentUserSid { get; }

    /// <summary>The owner and access entries of <paramref name="path"/> (file or directory); null when it does not exist.</summary>
    WindowsSecurityFacts? Read(string path);

    /// <summary>
    /// Creates <paramref name="directory"/> with a protected DACL (nothing inherited from its parent) that gives each of
    /// <paramref name="fullControl"/> full control of it and, by inheritance, of everything created in it; owned by
    /// <paramref name="owner"/>, or by the creator when null.
    /// </summary>
    void CreateProtectedDirectory(string directory, string? owner, IReadOnlyList<string> fullControl);

    /// <summary>Makes <paramref name="owner"/> the owner of <paramref name="path"/>.</summary>
    void SetOwner(string path, string owner);
}
