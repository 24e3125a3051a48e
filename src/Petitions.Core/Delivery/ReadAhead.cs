using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Petitions.Core.Delivery;

// Reads a stream on another thread, a few batches ahead of its consumer, so that reading rows
// from PostgreSQL and laying them out overlap. The batches waiting are bounded, so memory
// stays flat however long the stream is.
public static class ReadAhead
{
    public static async IAsyncEnumerable<T> Ahead<T>(this IAsyncEnumerable<T> source, int batchSize = 512, int batches = 4,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<T[]>(new BoundedChannelOptions(batches) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(async () =>
        {
            try
            {
                var batch = new List<T>(batchSize);
                await foreach (var item in source.WithCancellation(stop.Token))
                {
                    batch.Add(item);
                    if (batch.Count == batchSize)
                    {
                        await channel.Writer.WriteAsync([.. batch], stop.Token);
                        batch.Clear();
                    }
                }
                if (batch.Count > 0)
                    await channel.Writer.WriteAsync([.. batch], stop.Token);
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var item in batch)
                    yield return item;
            }
        }
        finally
        {
            // The consumer stopped, finished or failed: stop reading, and let the reader end
            // before the caller uses the connection again.
            await stop.CancelAsync();
            await reader;
        }
    }
}
