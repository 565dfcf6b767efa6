using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace DscOffload.Core.Safety;

/// <summary>
/// <see cref="IWindowsAclCalls"/> through .NET's <c>System.IO.FileSystemAclExtensions</c> (security descriptors by
/// path, no reflection, so it works under Native AOT). Compiled and analysed everywhere, run only on Windows.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class DotNetWindowsAclCalls : IWindowsAclCalls
{
    private const AccessControlSections OwnerAndAccess = AccessControlSections.Owner | AccessControlSections.Access;

    /// <inheritdoc />
    public string CurrentUserSid
    {
        get
        {
            using var identity = WindowsIdentity.GetCurrent();
            return identity.User?.Value ?? "";
        }
    }

    /// <inheritdoc />
    public WindowsSecurityFacts? Read(string path)
    {
        FileSystemSecurity security;
        if (Directory.Exists(path))
        {
            security = new DirectoryInfo(path).GetAccessControl(OwnerAndAccess);
        }
        else if (File.Exists(path))
        {
            // Only READ_CONTROL is asked for, which a handle opened without sharing (a held lock) does not block.
            security = new FileInfo(path).GetAccessControl(OwnerAndAccess);
        }
        else
        {
            return null;
        }

        var owner = security.GetOwner(typeof(SecurityIdentifier))?.Value ?? "";
        var entries = new List<WindowsAccessEntry>();
        foreach (FileSystemAccessRule rule in security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier)))
        {
            entries.Add(new WindowsAccessEntry(rule.IdentityReference.Value, rule.AccessControlType == AccessControlType.Allow,
                (int)rule.FileSystemRights, rule.PropagationFlags.HasFlag(PropagationFlags.InheritOnly)));
        }

        return new WindowsSecurityFacts(owner, entries);
    }

    /// <inheritdoc />
    public void CreateProtectedDirectory(string directory, string? owner, IReadOnlyList<string> fullControl)
    {
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        if (owner is not null)
        {
            security.SetOwner(new SecurityIdentifier(owner));
        }

        foreach (var sid in fullControl)
        {
            security.AddAccessRule(new FileSystemAccessRule(new SecurityIdentifier(sid), FileSystemRights.FullControl,
                InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit, PropagationFlags.None, AccessControlType.Allow));
        }

        // The descriptor is applied by CreateDirectory itself, so the directory never exists with the inherited one.
        new DirectoryInfo(directory).Create(security);
    }

    /// <inheritdoc />
    public void SetOwner(string path, string owner)
    {
        // Only the owner section is written (FileSystemSecurity persists the sections that were changed).
        var security = new FileSecurity();
        security.SetOwner(new SecurityIdentifier(owner));
        try
        {
            new FileInfo(path).SetAccessControl(security);
        }
        catch (InvalidOperationException e)
        {
            // ERROR_INVALID_OWNER: this token may not make that account the owner.
            throw new UnauthorizedAccessException(e.Message, e);
        }
    }
}
