using System.Collections.Concurrent;

namespace PerformanceTargets.Web.Infrastructure;

/// <summary>
/// Reading on another thread while the caller writes: the items of a source, produced on the thread pool at most a given
/// number ahead and handed over a chunk at a time (a consumer waiting for items wakes once a chunk, not once an item; a
/// wake-up spins first, on a CPU the other side needs). Used where one side reads and the other writes, each on a core:
/// the streamed import (parsing and checking the JSON while the previous batch is written) and the ratings workbook
/// (reading the 指标明细 rows while the previous ones are written and compressed). The source must not share anything
/// with the consumer's work that is not thread-safe (an EF Core context may be used by the source only, while the
/// consumer leaves it alone). An exception on either side ends both; the source's is rethrown to the consumer.
/// </summary>
public static class ReadAhead
{
    /// <summary>Items handed over at once unless the caller says.</summary>
    public const int DefaultChunk = 100;

    /// <summary>The items of <paramref name="source"/>, read on another thread at most <paramref name="capacity"/> ahead.</summary>
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int capacity, int chunk = DefaultChunk)
    {
        ArgumentNullException.ThrowIfNull(source);
        chunk = Math.Max(1, chunk);
        using var queue = new BlockingCollection<List<T>>(Math.Max(1, capacity / chunk));
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            try
            {
                var items = new List<T>(chunk);
                foreach (var item in source)
                {
                    items.Add(item);
                    if (items.Count == chunk)
                    {
                        queue.Add(items, stop.Token);
                        items = new List<T>(chunk);
                    }
                }

                if (items.Count > 0)
                {
                    queue.Add(items, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early (an exception, or it had enough): nothing more is read.
            }
            finally
            {
                queue.CompleteAdding();
            }
        });
        try
        {
            foreach (var items in queue.GetConsumingEnumerable())
            {
                foreach (var item in items)
                {
                    yield return item;
                }
            }

            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
                // Already thrown above when it mattered; here the consumer's own exception is on its way.
            }
        }
    }
}
