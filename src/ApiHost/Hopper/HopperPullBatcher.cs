using Leadline.Grains.Hopper;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// Groups a campaign's pulls: while one grain call is with the hopper, the pulls that arrive wait and then go
/// together in one <see cref="IHopperGrain.PullManyAsync"/> call, which leases them all with one statement and
/// one commit. The hopper stays the only place that decides what is leased (it is not reentrant), so this
/// changes how many pulls share a round trip, never which entry goes to whom twice.
/// </summary>
public sealed class HopperPullBatcher
{
    /// <summary>Enough for many dialers per round; bounds one statement's size (count ≤ 1,000 each).</summary>
    public const int MaxPullsPerCall = 32;

    private readonly Dictionary<long, Lane> _lanes = [];

    public Task<HopperLease[]> PullAsync(long campaignId, IHopperGrain hopper, HopperPull pull)
    {
        var waiting = new Waiting(pull, new TaskCompletionSource<HopperLease[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        Lane lane;
        bool start;
        lock (_lanes)
        {
            if (!_lanes.TryGetValue(campaignId, out lane!))
                _lanes[campaignId] = lane = new Lane();
            lane.Queue.Enqueue(waiting);
            start = !lane.Busy;
            lane.Busy = true;
        }
        if (start)
            _ = DrainAsync(campaignId, lane, hopper);
        return waiting.Answer.Task;
    }

    private async Task DrainAsync(long campaignId, Lane lane, IHopperGrain hopper)
    {
        while (true)
        {
            var batch = new List<Waiting>();
            lock (_lanes)
            {
                while (batch.Count < MaxPullsPerCall && lane.Queue.TryDequeue(out var next))
                    batch.Add(next);
                if (batch.Count == 0)
                {
                    lane.Busy = false;
                    _lanes.Remove(campaignId); // idle: a later pull starts a new lane
                    return;
                }
            }
            try
            {
                var answers = await hopper.PullManyAsync([.. batch.Select(w => w.Pull)]);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Answer.SetResult(answers[i]);
            }
            catch (Exception ex)
            {
                foreach (var waiting in batch)
                    waiting.Answer.TrySetException(ex);
            }
        }
    }

    private sealed record Waiting(HopperPull Pull, TaskCompletionSource<HopperLease[]> Answer);

    private sealed class Lane
    {
        public Queue<Waiting> Queue { get; } = new();
        public bool Busy { get; set; }
    }
}
