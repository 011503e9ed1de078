using PerformanceTargets.Web.Infrastructure;

namespace PerformanceTargets.Web.Tests.Foundation;

/// <summary><see cref="ReadAhead"/>: every item in order, read on another thread, a source's error reaching the consumer, an early stop ending the source.</summary>
public sealed class ReadAheadTests
{
    [Theory]
    [InlineData(0, 10, 3)]
    [InlineData(1, 10, 3)]
    [InlineData(1000, 64, 7)]
    [InlineData(1000, 1, 1)]
    public void Every_item_arrives_in_order(int count, int capacity, int chunk)
    {
        Assert.Equal(Enumerable.Range(0, count), ReadAhead.Of(Enumerable.Range(0, count), capacity, chunk));
    }

    [Fact]
    public void The_source_is_read_on_another_thread()
    {
        var consumer = Environment.CurrentManagedThreadId;
        var readOn = ReadAhead.Of(Enumerable.Range(0, 5).Select(_ => Environment.CurrentManagedThreadId), 10, 2).ToList();
        Assert.All(readOn, thread => Assert.NotEqual(consumer, thread));
    }

    [Fact]
    public void An_error_in_the_source_reaches_the_consumer_after_the_whole_chunks_before_it()
    {
        var seen = new List<int>();
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var item in ReadAhead.Of(Failing(), 100, 4))
            {
                seen.Add(item);
            }
        });
        Assert.Equal("row 10 is unreadable", error.Message);
        Assert.Equal(Enumerable.Range(0, 8), seen); // two whole chunks of four; the unfinished third is not handed over

        static IEnumerable<int> Failing()
        {
            for (var i = 0; i < 10; i++)
            {
                yield return i;
            }

            throw new InvalidOperationException("row 10 is unreadable");
        }
    }

    [Fact]
    public void A_consumer_that_stops_early_stops_the_source()
    {
        var produced = 0;
        var source = Enumerable.Range(0, 1_000_000).Select(i => { Interlocked.Increment(ref produced); return i; });

        var first = ReadAhead.Of(source, 100, 10).Take(5).ToList();

        Assert.Equal([0, 1, 2, 3, 4], first);
        var after = Volatile.Read(ref produced);
        Assert.InRange(after, 5, 200); // at most the capacity (and a chunk in hand) was read ahead, never the whole source
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref produced));
    }
}
