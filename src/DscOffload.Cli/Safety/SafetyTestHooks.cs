using System.Globalization;
using DscOffload.Core.Engine;

namespace DscOffload.Cli.Safety;

/// <summary>
/// Test hook, not a feature: when the environment variable <see cref="PauseVariable"/> holds a number of
/// milliseconds, a live <c>config set</c> (and <c>rollback</c>) sleeps that long after each instance while it
/// holds the host lock, so that process-level tests can kill a run in the middle of a change or start a
/// concurrent run deterministically. Unset (always, outside tests) it does nothing.
/// </summary>
public static class SafetyTestHooks
{
    /// <summary>The environment variable of the hook.</summary>
    public const string PauseVariable = "DSCOFFLOAD_TEST_PAUSE_AFTER_INSTANCE_MS";

    /// <summary>The engine callback for the hook, or null when the variable is unset or not a positive number.</summary>
    public static Action<EngineInstance>? PauseAfterInstance()
    {
        var text = Environment.GetEnvironmentVariable(PauseVariable);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || milliseconds <= 0)
        {
            return null;
        }

        return _ => Thread.Sleep(Math.Min(milliseconds, 600_000));
    }
}
