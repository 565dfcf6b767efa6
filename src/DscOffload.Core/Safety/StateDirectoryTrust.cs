using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Safety;

/// <summary>
/// Refuses a state directory, lock, journal or pending-restart ledger that another account owns or may write
/// (docs/safety.md): such an account could hold the lock to block every change, plant a journal entry that a
/// <c>rollback</c> would apply, or a ledger that makes the next set restart adapters. The refusal is
/// <see cref="ErrorKind.ElevationRequired"/> (exit code 3), one line naming the path, the owner or writers, and the
/// command that fixes it; nothing has been changed when it is thrown. The rules per platform are in
/// <see cref="IStateAccessControl"/>'s implementations.
/// </summary>
internal sealed class StateDirectoryTrust
{
    private readonly IStateAccessControl _access;

    /// <summary>The checks over <paramref name="access"/> (tests pass a fake of the platform's ACL calls).</summary>
    public StateDirectoryTrust(IStateAccessControl access) => _access = access;

    /// <summary>The checks of the platform this process runs on.</summary>
    public static StateDirectoryTrust ForThisHost { get; } = Create();

    /// <summary>
    /// Creates <paramref name="directory"/> when it is missing (usable by trusted accounts only; its parents as usual),
    /// then refuses it unless it is trusted.
    /// </summary>
    public void EnsureDirectory(string directory)
    {
        try
        {
            if (!Directory.Exists(directory))
            {
                if (Path.GetDirectoryName(Path.GetFullPath(directory)) is { Length: > 0 } parent)
                {
                    Directory.CreateDirectory(parent);
                }

                _access.CreateDirectory(directory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StateDirectory.Unusable(directory, e);
        }

        Check(directory, directory: true);
    }

    /// <summary>Refuses <paramref name="directory"/> when it exists and is not trusted.</summary>
    public void CheckDirectory(string directory) => Check(directory, directory: true);

    /// <summary>Refuses the file <paramref name="path"/> when it exists and is not trusted.</summary>
    public void CheckFile(string path) => Check(path, directory: false);

    /// <summary>Whether the file <paramref name="path"/> is missing or trusted; otherwise the refusal, as one line, in <paramref name="problem"/>.</summary>
    public bool IsUsable(string path, out string? problem)
    {
        try
        {
            CheckFile(path);
            problem = null;
            return true;
        }
        catch (DscOffloadException e)
        {
            problem = e.OneLine;
            return false;
        }
    }

    /// <summary>Gives the file this process has just created at <paramref name="path"/> to the trusted owner.</summary>
    public void Adopt(string path) => _access.Adopt(path);

    private static StateDirectoryTrust Create()
    {
        if (OperatingSystem.IsWindows())
        {
            return new StateDirectoryTrust(new WindowsStateAccessControl(new DotNetWindowsAclCalls(), Environment.IsPrivilegedProcess));
        }

        return new StateDirectoryTrust(new UnixStateAccessControl());
    }

    private void Check(string path, bool directory)
    {
        StateFileAccess? access;
        try
        {
            access = _access.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StateDirectory.Unusable(path, e);
        }

        if (access is null || access.IsTrusted)
        {
            return;
        }

        var why = new List<string>();
        if (!access.OwnerTrusted)
        {
            why.Add($"it is owned by {access.Owner}, not by {_access.TrustedOwners}");
        }

        if (access.OtherWriters.Count > 0)
        {
            why.Add($"{string.Join(", ", access.OtherWriters)} may write it");
        }

        var kind = directory ? "state directory" : "state file";
        throw new DscOffloadException(ErrorKind.ElevationRequired,
            $"refusing the dscoffload {kind} '{path}': {string.Join("; ", why)}; another account could block or steer changes through it; "
            + $"nothing was changed; check what it holds, then fix it as an administrator: {_access.FixCommand(path, directory)}");
    }
}
