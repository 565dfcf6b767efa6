using DscOffload.Core.Safety;

namespace DscOffload.Tests.Safety;

/// <summary>
/// Windows security descriptors in memory, over real files and directories (which the tests create on the local
/// disk). A path with no descriptor of its own has its owner (the account that created it, or whoever
/// <see cref="SetOwner"/> named) and inherits the entries of its nearest ancestor that has one, as Windows
/// propagates inheritable entries (ContainerInherit|ObjectInherit) to new children, CREATOR OWNER becoming its owner.
/// </summary>
internal sealed class FakeWindowsAcl : IWindowsAclCalls
{
    /// <summary>A standard user, not this process.</summary>
    public const string StandardUser = "S-1-5-21-1004336348-1177238915-682003330-1001";

    /// <summary>An administrator's own account (the one this process runs as by default).</summary>
    public const string AdministratorAccount = "S-1-5-21-1004336348-1177238915-682003330-500";

    /// <summary>BUILTIN\Users.</summary>
    public const string Users = "S-1-5-32-545";

    /// <summary>CREATOR OWNER.</summary>
    public const string CreatorOwner = "S-1-3-0";

    /// <summary>FILE_ALL_ACCESS (FileSystemRights.FullControl).</summary>
    public const int FullControl = 0x1F01FF;

    /// <summary>Read and execute (FileSystemRights.ReadAndExecute | Synchronize).</summary>
    public const int ReadAndExecute = 0x1200A9;

    /// <summary>FILE_WRITE_DATA | FILE_APPEND_DATA: create files and folders in a directory.</summary>
    public const int CreateFilesAndFolders = 0x6;

    private readonly Dictionary<string, WindowsSecurityFacts> _descriptors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    public string CurrentUserSid { get; init; } = AdministratorAccount;

    /// <summary>Every protected directory created: path, owner asked for, accounts given full control.</summary>
    public List<(string Path, string? Owner, IReadOnlyList<string> FullControl)> Created { get; } = [];

    /// <summary>Every owner change: path, new owner.</summary>
    public List<(string Path, string Owner)> OwnersSet { get; } = [];

    /// <summary>
    /// The access <c>%ProgramData%</c> has by default: owned by SYSTEM; SYSTEM and Administrators full control, Users
    /// read and create files and folders, CREATOR OWNER full control of what they create (inherit only).
    /// </summary>
    public static IReadOnlyList<WindowsAccessEntry> ProgramDataEntries { get; } =
    [
        new(WindowsStateAccessControl.SystemSid, true, FullControl, false),
        new(WindowsStateAccessControl.AdministratorsSid, true, FullControl, false),
        new(Users, true, ReadAndExecute, false),
        new(Users, true, CreateFilesAndFolders, false),
        new(CreatorOwner, true, FullControl, true),
    ];

    /// <summary>Gives <paramref name="path"/> its own descriptor.</summary>
    public void Describe(string path, string owner, IReadOnlyList<WindowsAccessEntry> entries) =>
        _descriptors[Path.GetFullPath(path)] = new WindowsSecurityFacts(owner, entries);

    public WindowsSecurityFacts? Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return null;
        }

        if (_descriptors.TryGetValue(full, out var own))
        {
            return _owners.TryGetValue(full, out var changed) ? own with { OwnerSid = changed } : own;
        }

        var owner = _owners.TryGetValue(full, out var set) ? set : CurrentUserSid;
        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (_descriptors.TryGetValue(parent, out var inherited))
            {
                // A CREATOR OWNER entry becomes an entry for the new owner (and stays, inherit-only, for grandchildren).
                var entries = inherited.Entries
                    .SelectMany(e => e.Sid == CreatorOwner
                        ? new[] { e with { Sid = owner, InheritOnly = false }, e with { InheritOnly = true } }
                        : [e with { InheritOnly = false }])
                    .ToList();
                return new WindowsSecurityFacts(owner, entries);
            }
        }

        return new WindowsSecurityFacts(owner, []);
    }

    public void CreateProtectedDirectory(string directory, string? owner, IReadOnlyList<string> fullControl)
    {
        Created.Add((directory, owner, fullControl));
        Directory.CreateDirectory(directory);
        Describe(directory, owner ?? CurrentUserSid, fullControl.Select(sid => new WindowsAccessEntry(sid, true, FullControl, false)).ToList());
    }

    public void SetOwner(string path, string owner)
    {
        OwnersSet.Add((path, owner));
        _owners[Path.GetFullPath(path)] = owner;
    }
}
