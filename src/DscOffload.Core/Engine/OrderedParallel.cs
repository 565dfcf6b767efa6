using System.Runtime.ExceptionServices;

namespace DscOffload.Core.Engine;

/// <summary>
/// Maps items on worker threads while the calling thread consumes the results strictly in item order. At most
/// <c>window</c> results are in flight (computed but not yet consumed), so memory stays bounded however many
/// items there are, and the output does not depend on thread timing: a fleet of 100,000 recorded hosts is read
/// and evaluated on every core while the report is still written host by host, in file order.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>
    /// Calls <paramref name="map"/> for every item (on up to <paramref name="workers"/> threads; it must be
    /// thread-safe) and <paramref name="consume"/> for every result on the calling thread, in item order. An
    /// exception thrown by either stops the workers and is rethrown here.
    /// </summary>
    public static void ForEach<TIn, TOut>(IReadOnlyList<TIn> items, int workers, int window, Func<TIn, TOut> map, Action<int, TOut> consume)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(consume);
        if (workers <= 1 || items.Count <= 1)
        {
            for (var i = 0; i < items.Count; i++)
            {
                consume(i, map(items[i]));
            }

            return;
        }

        new Window<TIn, TOut>(items, Math.Max(window, workers), map).Run(Math.Min(workers, items.Count), consume);
    }

    /// <summary>The ring of result slots shared by the workers and the consumer, guarded by one lock.</summary>
    private sealed class Window<TIn, TOut>(IReadOnlyList<TIn> items, int size, Func<TIn, TOut> map)
    {
        private readonly object _gate = new();
        private readonly TOut[] _slots = new TOut[size];
        private readonly bool[] _ready = new bool[size];
        private int _claimed;
        private int _consumed;
        private bool _stopping;
        private ExceptionDispatchInfo? _failure;

        public void Run(int workers, Action<int, TOut> consume)
        {
            var threads = new Thread[workers];
            for (var w = 0; w < workers; w++)
            {
                threads[w] = new Thread(Work) { IsBackground = true, Name = $"fleet worker {w + 1}" };
                threads[w].Start();
            }

            try
            {
                for (var i = 0; i < items.Count; i++)
                {
                    consume(i, Take(i));
                }
            }
            finally
            {
                lock (_gate)
                {
                    _stopping = true;
                    Monitor.PulseAll(_gate);
                }

                foreach (var thread in threads)
                {
                    thread.Join();
                }
            }
        }

        private TOut Take(int index)
        {
            lock (_gate)
            {
                var slot = index % size;
                while (!_ready[slot] && _failure is null)
                {
                    Monitor.Wait(_gate);
                }

                _failure?.Throw();
                var result = _slots[slot];
                _slots[slot] = default!;
                _ready[slot] = false;
                _consumed = index + 1;
                Monitor.PulseAll(_gate);
                return result;
            }
        }

        private void Work()
        {
            while (true)
            {
                int index;
                lock (_gate)
                {
                    // Slot index % size is free once the item a window earlier has been consumed.
                    while (!_stopping && _claimed < items.Count && _claimed - _consumed >= size)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_stopping || _claimed >= items.Count)
                    {
                        return;
                    }

                    index = _claimed++;
                }

                TOut result;
                try
                {
                    result = map(items[index]);
                }
#pragma warning disable CA1031 // any failure is handed to the consuming thread, which rethrows it
                catch (Exception e)
#pragma warning restore CA1031
                {
                    lock (_gate)
                    {
                        _failure ??= ExceptionDispatchInfo.Capture(e);
                        _stopping = true;
                        Monitor.PulseAll(_gate);
                    }

                    return;
                }

                lock (_gate)
                {
                    _slots[index % size] = result;
                    _ready[index % size] = true;
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }
}
