using System.Globalization;
using System.Runtime.Versioning;

namespace DscOffload.Core.Safety;

/// <summary>
/// The state directory's trust rules on Linux and other Unix systems, the same as on Windows
/// (<see cref="WindowsStateAccessControl"/>): a path is trusted when root or this process's user owns it and
/// neither its group nor other users may write it. <c>/var/lib</c> lets only root create the default directory;
/// the rule matters for a directory named by <c>DSCOFFLOAD_STATE_DIR</c> and for files left by another account.
/// A symbolic link counts as writable by everyone (its mode is 0777), so none is followed.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class UnixStateAccessControl : IStateAccessControl
{
    private const uint GroupWrite = 0x10; // S_IWGRP
    private const uint OtherWrite = 0x2;  // S_IWOTH
    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint SymbolicLink = 0xA000;

    /// <inheritdoc />
    public string TrustedOwners => $"root or this process's user (uid {UnixFileCalls.EffectiveUserId().ToString(CultureInfo.InvariantCulture)})";

    /// <inheritdoc />
    public StateFileAccess? Read(string path)
    {
        if (UnixFileCalls.OwnerAndModeOf(path) is not var (owner, mode))
        {
            return null;
        }

        var writers = new List<string>();
        var octal = Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');
        if ((mode & TypeMask) == SymbolicLink)
        {
            writers.Add("anyone who can redirect it (it is a symbolic link)");
        }
        else
        {
            if ((mode & GroupWrite) != 0)
            {
                writers.Add($"its group (mode {octal})");
            }

            if ((mode & OtherWrite) != 0)
            {
                writers.Add($"every user (mode {octal})");
            }
        }

        var trusted = owner == 0 || owner == UnixFileCalls.EffectiveUserId();
        return new StateFileAccess("uid " + owner.ToString(CultureInfo.InvariantCulture), trusted, writers);
    }

    /// <inheritdoc />
    public void CreateDirectory(string directory) =>
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

    /// <inheritdoc />
    /// <remarks>Files are created with this process's user as owner and mode 0600 already.</remarks>
    public void Adopt(string path)
    {
    }

    /// <inheritdoc />
    public string FixCommand(string path, bool directory) => directory
        ? $"chown -R root: '{path}' && chmod -R go-w '{path}' && chmod 0700 '{path}'"
        : $"rm '{path}' (or, if dscoffload wrote it: chown root: '{path}' && chmod 0600 '{path}')";
}
