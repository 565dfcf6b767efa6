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

    /// <summary>
    /// Writes <paramref name="path"/> in the state directory <paramref name="directory"/> durably
    /// (<see cref="DurableFile"/>); a failure is reported as the state directory being unusable.
    /// </summary>
    public static void WriteFile(string directory, string path, string text)
    {
        try
        {
            DurableFile.Write(path, text);
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
    /// Creates <paramref name="directory"/> (owner-only on Unix, so no other user can hold the lock or edit the
    /// journal) and fails with a clear message when that is impossible.
    /// </summary>
    public static void Ensure(string directory)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable(directory, e);
        }
    }

    /// <summary>The error for a state directory that cannot be used; nothing has been changed when it is thrown.</summary>
    public static DscOffloadException Unusable(string path, Exception cause) =>
        new(cause is UnauthorizedAccessException ? ErrorKind.ElevationRequired : ErrorKind.Unexpected,
            $"cannot use the dscoffload state directory '{path}': {cause.Message.ReplaceLineEndings(" ").TrimEnd('.')}; nothing was changed (set {Variable} to a writable directory)",
            null,
            cause);
}
