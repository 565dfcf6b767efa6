using System.Text;
using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Safety;

/// <summary>
/// Where dscoffload keeps its per-host state: the change journal (<c>journal/</c>) and the host-wide change
/// lock (<c>change.lock</c>). Linux: <c>/var/lib/dscoffload</c>; Windows: <c>%ProgramData%\DscOffload</c>;
/// the environment variable <see cref="Variable"/> overrides both (tests always set it, so they never touch
/// the real journal or compete for the real lock).
/// </summary>
internal static class StateDirectory
{
    /// <summary>The environment variable that names the state directory instead of the default.</summary>
    public const string Variable = "DSCOFFLOAD_STATE_DIR";

    /// <summary>The state directory for this process: <see cref="Variable"/> or the platform default.</summary>
    public static string Resolve()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } overridden)
        {
            return Path.GetFullPath(overridden);
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "DscOffload");
        }

        return "/var/lib/dscoffload";
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <paramref name="path"/> in the state directory <paramref name="directory"/> durably
    /// (<see cref="DurableFile"/>, owner-only, given to the trusted owner before it appears: <see cref="StateDirectoryTrust.Adopt"/>);
    /// a failure is reported as the state directory being unusable.
    /// </summary>
    public static void WriteFile(string directory, string path, string text, StateDirectoryTrust? trust = null)
    {
        try
        {
            DurableFile.Write(path, Utf8.GetBytes(text), UnixFileMode.UserRead | UnixFileMode.UserWrite, (trust ?? StateDirectoryTrust.ForThisHost).Adopt);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable(directory, e);
        }
    }

    /// <summary>The journal directory below <paramref name="root"/>.</summary>
    public static string JournalOf(string root) => Path.Combine(root, "journal");

    /// <summary>The lock file below <paramref name="root"/>.</summary>
    public static string LockFileOf(string root) => Path.Combine(root, "change.lock");

    /// <summary>
    /// Creates <paramref name="directory"/> when missing, usable by trusted accounts only (mode 0700 on Unix; on Windows a
    /// protected ACL of SYSTEM and Administrators), and refuses it when another account owns or may write it
    /// (<see cref="StateDirectoryTrust"/>); fails with a clear message when it cannot be created.
    /// </summary>
    public static void Ensure(string directory, StateDirectoryTrust? trust = null) =>
        (trust ?? StateDirectoryTrust.ForThisHost).EnsureDirectory(directory);

    /// <summary>The error for a state directory that cannot be used; nothing has been changed when it is thrown.</summary>
    public static DscOffloadException Unusable(string path, Exception cause) =>
        new(cause is UnauthorizedAccessException ? ErrorKind.ElevationRequired : ErrorKind.Unexpected,
            $"cannot use the dscoffload state directory '{path}': {cause.Message.ReplaceLineEndings(" ").TrimEnd('.')}; nothing was changed (set {Variable} to a writable directory)",
            null,
            cause);
}
