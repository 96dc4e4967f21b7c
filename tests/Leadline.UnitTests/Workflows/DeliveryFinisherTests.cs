using Leadline.Grains.Workflows;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leadline.UnitTests.Workflows;

public class DeliveryFinisherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static DeliveryResult Result(long id) =>
        new(new ClaimedDelivery(id, 1, 0), DeliveryState.Delivered, 1, null, null, []);

    /// <summary>Records every batch (copied: the finisher reuses its list); each write waits for <see cref="Gate"/> if set.</summary>
    private sealed class Writes
    {
        public readonly List<long[]> Batches = [];
        public TaskCompletionSource? Gate;
        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int FailuresLeft;

        public async Task WriteAsync(IReadOnlyList<DeliveryResult> results, CancellationToken ct)
        {
            FirstStarted.TrySetResult();
            if (Gate is { } gate)
                await gate.Task.WaitAsync(ct);
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("database away");
            }
            lock (Batches)
                Batches.Add([.. results.Select(r => r.Claim.DeliveryId)]);
        }
    }

    private static DeliveryFinisher Finisher(Writes writes, int batchSize = 512, TimeSpan? drain = null) =>
        new(writes.WriteAsync, new WorkflowOptions { FinishBatchSize = batchSize, FinishDrainTimeout = drain ?? TimeSpan.FromSeconds(10) },
            NullLogger.Instance);

    [Fact]
    public async Task Results_that_finish_while_a_batch_is_written_share_the_next_write()
    {
        var writes = new Writes { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        var finisher = Finisher(writes);
        await finisher.AddAsync(Result(1), CancellationToken.None);
        await writes.FirstStarted.Task.WaitAsync(Patience);
        for (var id = 2; id <= 6; id++)
            await finisher.AddAsync(Result(id), CancellationToken.None);

        writes.Gate.SetResult();
        await finisher.CompleteAsync().WaitAsync(Patience);

        Assert.Equal([[1L], [2L, 3, 4, 5, 6]], writes.Batches);
    }

    [Fact]
    public async Task A_batch_holds_at_most_the_batch_size_and_a_full_queue_makes_the_caller_wait()
    {
        var writes = new Writes { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        var finisher = Finisher(writes, batchSize: 3);
        await finisher.AddAsync(Result(1), CancellationToken.None);
        await writes.FirstStarted.Task.WaitAsync(Patience); // 1 is being written; the queue holds 3 more
        for (var id = 2; id <= 4; id++)
            await finisher.AddAsync(Result(id), CancellationToken.None);

        var fifth = finisher.AddAsync(Result(5), CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(fifth.IsCompleted, "the queue is full: the delivery slot waits");

        writes.Gate.SetResult();
        await fifth.WaitAsync(Patience);
        await finisher.CompleteAsync().WaitAsync(Patience);
        Assert.All(writes.Batches, b => Assert.InRange(b.Length, 1, 3));
        Assert.Equal([1L, 2, 3, 4, 5], writes.Batches.SelectMany(b => b).Order());
    }

    [Fact]
    public async Task A_write_that_fails_is_tried_again_with_the_same_results()
    {
        var writes = new Writes { FailuresLeft = 2 };
        var finisher = Finisher(writes);
        await finisher.AddAsync(Result(7), CancellationToken.None);
        await finisher.AddAsync(Result(8), CancellationToken.None);

        await finisher.CompleteAsync().WaitAsync(Patience);

        Assert.Equal([7L, 8], writes.Batches.SelectMany(b => b).Order());
        Assert.Equal(0, writes.FailuresLeft);
    }

    [Fact]
    public async Task Completing_writes_what_is_queued_and_gives_up_on_a_database_that_does_not_answer()
    {
        var writes = new Writes { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) }; // never opens
        var finisher = Finisher(writes, drain: TimeSpan.FromMilliseconds(300));
        await finisher.AddAsync(Result(1), CancellationToken.None);

        await finisher.CompleteAsync().WaitAsync(Patience); // left to the claim timeout

        Assert.Empty(writes.Batches);
    }

    [Fact]
    public async Task Completing_an_idle_finisher_returns_at_once()
    {
        var writes = new Writes();
        await Finisher(writes).CompleteAsync().WaitAsync(Patience);
        Assert.Empty(writes.Batches);
    }
}
