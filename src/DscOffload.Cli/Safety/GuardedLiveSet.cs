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
    /// <summary>Runs the set of <paramref name="prepared"/> on <paramref name="target"/> under the guard.</summary>
    public static EngineRun Run(ConfigurationEngine engine, PreparedConfiguration prepared, HostTarget target, string command, TextWriter error)
    {
        using var guard = GuardedChange.Begin(command, prepared.Instances.Select(i => i.Provider.Descriptor));
        var run = guard.RunSet(engine, prepared, target);
        if (run.HadErrors && run.Changed)
        {
            error.WriteLine($"dscoffload: error: partially applied: {GuardedChange.DescribeFailure(run.Envelope, changed: true)}; to restore the state saved before this set run '{guard.RollbackCommand}'");
        }

        return run;
    }
}
