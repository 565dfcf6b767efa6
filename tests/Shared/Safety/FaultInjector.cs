using DscOffload.Core.Diagnostics;

namespace DscOffload.Tests.Safety;

/// <summary>
/// The count-then-fail loop of the fault-injecting test platforms: every operation is counted (from 1), and the
/// <see cref="FailAt"/>-th fails, before or after it takes effect, with the kind of error a platform gives. With
/// <see cref="FailAt"/> 0 it only counts, which is how a test learns how many operations a run has.
/// </summary>
public abstract class FaultInjector
{
    private readonly List<string> _operations = [];

    /// <summary>The operation to fail (1-based); 0 never fails.</summary>
    public int FailAt { get; set; }

    /// <summary>Whether the failing operation takes effect first.</summary>
    public FaultTiming Timing { get; set; } = FaultTiming.Before;

    /// <summary>Every operation so far, in order.</summary>
    public IReadOnlyList<string> Operations => _operations;

    /// <summary>True once the fault has been injected.</summary>
    public bool Injected { get; private set; }

    /// <summary>
    /// Counts <paramref name="operation"/> and runs it, or fails it when its turn has come. The error names
    /// <paramref name="described"/> (the operation by default) and ends with <paramref name="cause"/> when given.
    /// </summary>
    protected T Run<T>(string operation, Func<T> run, string? described = null, string? cause = null)
    {
        _operations.Add(operation);
        if (_operations.Count != FailAt)
        {
            return run();
        }

        Injected = true;
        if (Timing == FaultTiming.After)
        {
            run();
        }

        throw new DscOffloadException(ErrorKind.Unexpected,
            $"injected fault: operation {FailAt} ({described ?? operation}) failed {(Timing == FaultTiming.After ? "after taking effect" : "before doing anything")}{(cause is null ? "" : $" ({cause})")}");
    }

    /// <summary>Counts and runs an operation that returns nothing.</summary>
    protected void Run(string operation, Action run, string? described = null, string? cause = null) =>
        Run(operation, () =>
        {
            run();
            return true;
        }, described, cause);
}
