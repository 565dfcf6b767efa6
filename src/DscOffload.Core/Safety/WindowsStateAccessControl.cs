using System.Globalization;

namespace DscOffload.Core.Safety;

/// <summary>
/// The state directory's trust rules on Windows. Under <c>%ProgramData%</c> every user may create folders and
/// files, so a standard user could create <c>DscOffload</c> first, or plant <c>change.lock</c> (holding it
/// open blocks every change) or a <c>pending-restarts.json</c> that makes the next set restart adapters. The
/// directory is therefore created with a protected DACL (no inheritance from <c>%ProgramData%</c>) giving
/// SYSTEM and Administrators full control, owned by Administrators; and a path is trusted only when its owner is
/// SYSTEM, Administrators or this process's account and no allow entry gives anyone else a right to write,
/// append, delete, change its permissions or take ownership.
/// </summary>
internal sealed class WindowsStateAccessControl : IStateAccessControl
{
    /// <summary>LocalSystem.</summary>
    public const string SystemSid = "S-1-5-18";

    /// <summary>BUILTIN\Administrators.</summary>
    public const string AdministratorsSid = "S-1-5-32-544";

    // FILE_WRITE_DATA/ADD_FILE, FILE_APPEND_DATA/ADD_SUBDIRECTORY, FILE_WRITE_EA, FILE_DELETE_CHILD,
    // FILE_WRITE_ATTRIBUTES, DELETE, WRITE_DAC, WRITE_OWNER, GENERIC_ALL, GENERIC_WRITE (winnt.h).
    private const int WriteRights = 0x2 | 0x4 | 0x10 | 0x40 | 0x100 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;

    // CREATOR OWNER and CREATOR GROUP grant nothing on the object that carries them (only a template for children);
    // OWNER RIGHTS applies to the owner, which is checked on its own.
    private static readonly string[] Placeholders = ["S-1-3-0", "S-1-3-1", "S-1-3-4"];

    private readonly IWindowsAclCalls _calls;
    private readonly bool _elevated;

    /// <summary>Rules over <paramref name="calls"/>; <paramref name="elevated"/> is whether this process is an administrator.</summary>
    public WindowsStateAccessControl(IWindowsAclCalls calls, bool elevated)
    {
        _calls = calls;
        _elevated = elevated;
    }

    /// <inheritdoc />
    public string TrustedOwners => $"SYSTEM, Administrators or this process's account ({_calls.CurrentUserSid})";

    /// <inheritdoc />
    public StateFileAccess? Read(string path)
    {
        var facts = _calls.Read(path);
        if (facts is null)
        {
            return null;
        }

        var self = _calls.CurrentUserSid;
        var writers = facts.Entries
            .Where(e => e.Allows && !e.InheritOnly && (e.Rights & WriteRights) != 0 && !IsTrusted(e.Sid, self)
                && !Placeholders.Contains(e.Sid, StringComparer.OrdinalIgnoreCase))
            .Select(e => $"{e.Sid} (rights 0x{e.Rights.ToString("X", CultureInfo.InvariantCulture)})")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new StateFileAccess(facts.OwnerSid, IsTrusted(facts.OwnerSid, self), writers);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Elevated (every live change is): SYSTEM and Administrators only, owned by Administrators, so SYSTEM (the
    /// Machine Configuration agent) and every administrator may use what another one created. Not elevated (a test
    /// run with <c>DSCOFFLOAD_STATE_DIR</c>): this account as well, which may not make Administrators the owner.
    /// </remarks>
    public void CreateDirectory(string directory)
    {
        IReadOnlyList<string> access = _elevated ? [SystemSid, AdministratorsSid] : [SystemSid, AdministratorsSid, _calls.CurrentUserSid];
        _calls.CreateProtectedDirectory(directory, _elevated ? AdministratorsSid : null, access);
    }

    /// <inheritdoc />
    /// <remarks>A new file would be owned by the administrator who created it, whom another administrator or SYSTEM
    /// could not tell from a stranger; Administrators own it instead. Without elevation that is not allowed, and this
    /// account stays the owner.</remarks>
    public void Adopt(string path)
    {
        if (_elevated)
        {
            _calls.SetOwner(path, AdministratorsSid);
        }
    }

    /// <inheritdoc />
    public string FixCommand(string path, bool directory) => directory
        ? $"icacls \"{path}\" /setowner *{AdministratorsSid} /T /C && icacls \"{path}\" /inheritance:r /grant:r *{SystemSid}:(OI)(CI)F *{AdministratorsSid}:(OI)(CI)F /T /C"
        : $"del \"{path}\" (or, if dscoffload wrote it: icacls \"{path}\" /setowner *{AdministratorsSid} && icacls \"{path}\" /reset)";

    private static bool IsTrusted(string sid, string self) =>
        string.Equals(sid, SystemSid, StringComparison.OrdinalIgnoreCase)
        || string.Equals(sid, AdministratorsSid, StringComparison.OrdinalIgnoreCase)
        || string.Equals(sid, self, StringComparison.OrdinalIgnoreCase);
}
