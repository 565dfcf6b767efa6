using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Safety;

namespace DscOffload.Cli.Safety;

/// <summary>
/// A live <c>config set</c> (and <c>rollback</c>) under <see cref="GuardedChange"/>: privileges, the host lock,
/// the journal entry of what will change, the set and the entry's outcome. A set that changed something and
/// then failed gets one stderr line naming what changed and the rollback command.
/// </summary>
public static class GuardedLiveSet
{
    /// <summary>
    /// Runs the set of <paramref name="prepared"/> on <paramref name="target"/> under the guard; for a rollback,
    /// <paramref name="restoreFiles"/> are the entry's saved files, put back (under the same lock) once the
    /// document applied, each reported on <paramref name="error"/>, and then the follow-ups of <paramref name="restoreDirectories"/> run.
    /// </summary>
    public static EngineRun Run(ConfigurationEngine engine, PreparedConfiguration prepared, HostTarget target, string command, TextWriter error,
        IReadOnlyList<JournaledFile>? restoreFiles = null, IReadOnlyList<RestorableFileDirectory>? restoreDirectories = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        // The files count as changes that need privileges: an entry with only files has no instance whose type would.
        using var guard = GuardedChange.Begin(command, prepared.Instances.Select(i => i.Provider.Descriptor), restoreFiles?.Select(f => f.Path));
        var run = guard.RunSet(engine, prepared, target, restoreFiles ?? [], line => error.WriteLine($"dscoffload: {line}"), restoreDirectories);
        if (run.HadErrors && run.Changed)
        {
            error.WriteLine($"dscoffload: error: partially applied: {guard.WithRollbackAdvice(GuardedChange.DescribeFailure(run, changed: true))}");
        }

        if (run.HadErrors && restoreFiles is { Count: > 0 })
        {
            var left = restoreFiles.Where(f => !IsCurrentOrUnknown(f)).Select(f => f.Path).ToList();
            if (left.Count > 0)
            {
                error.WriteLine($"dscoffload: error: these files were not put back because the rollback failed: {string.Join(", ", left)}");
            }
        }

        return run;
    }

    // Only for the failure report: a file that cannot even be read is not claimed either way.
    private static bool IsCurrentOrUnknown(JournaledFile file)
    {
        try
        {
            return file.IsCurrent();
        }
        catch (DscOffloadException)
        {
            return true;
        }
    }
}
