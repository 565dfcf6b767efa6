using DscOffload.Core.Engine;

namespace DscOffload.Core.Tests.Engine;

/// <summary>The fleet pipeline: results in item order whatever the thread timing, and never more than a window of them in flight.</summary>
public sealed class OrderedParallelTests
{
    [Fact]
    public void ForEach_WithSeveralWorkers_ConsumesEveryResultInItemOrder()
    {
        var items = Enumerable.Range(0, 2_000).ToList();
        var consumed = new List<(int Index, int Value)>();

        // Uneven work, so later items often finish before earlier ones.
        OrderedParallel.ForEach(items, workers: 4, window: 16, i =>
        {
            Thread.SpinWait(i % 7 == 0 ? 20_000 : 10);
            return i * 3;
        }, (index, value) => consumed.Add((index, value)));

        consumed.Should().Equal(items.Select(i => (i, i * 3)));
    }

    [Fact]
    public void ForEach_NeverHoldsMoreThanTheWindowOfUnconsumedResults()
    {
        var items = Enumerable.Range(0, 500).ToList();
        var mapped = 0;
        var consumedCount = 0;
        var mostInFlight = 0;

        OrderedParallel.ForEach(items, workers: 3, window: 8, i =>
        {
            var inFlight = Interlocked.Increment(ref mapped) - Volatile.Read(ref consumedCount);
            InterlockedMax(ref mostInFlight, inFlight);
            return i;
        }, (_, _) =>
        {
            // A slow consumer: the workers must wait for it rather than run ahead.
            Thread.Sleep(1);
            Interlocked.Increment(ref consumedCount);
        });

        consumedCount.Should().Be(items.Count);

        // The window of 8, plus the result being handed to the consumer (counted here only once consume returns).
        mostInFlight.Should().BeGreaterThan(1).And.BeLessThanOrEqualTo(8 + 1);
    }

    [Fact]
    public void ForEach_WhenMapThrows_RethrowsOnTheCallingThreadAndStops()
    {
        var items = Enumerable.Range(0, 10_000).ToList();
        var consumed = 0;

        var act = () => OrderedParallel.ForEach(items, workers: 2, window: 4, i => i == 100 ? throw new InvalidOperationException("host 100") : i, (_, _) => consumed++);

        act.Should().Throw<InvalidOperationException>().WithMessage("host 100");
        consumed.Should().BeLessThanOrEqualTo(100);
    }

    [Fact]
    public void ForEach_WithOneWorker_RunsOnTheCallingThread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var threads = new HashSet<int>();

        OrderedParallel.ForEach([1, 2, 3], workers: 1, window: 4, i => threads.Add(Environment.CurrentManagedThreadId), (_, _) => { });

        threads.Should().Equal(caller);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
