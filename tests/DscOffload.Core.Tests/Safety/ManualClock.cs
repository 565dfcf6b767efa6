namespace DscOffload.Core.Tests.Safety;

/// <summary>A clock the test moves by hand, for journal ages and pruning.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
