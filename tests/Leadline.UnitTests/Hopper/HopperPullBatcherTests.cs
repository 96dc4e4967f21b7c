using Leadline.ApiHost.HopperApi;
using Leadline.Grains;
using Leadline.Grains.Hopper;

namespace Leadline.UnitTests.Hopper;

/// <summary>The API host's grouping of a campaign's pulls: who goes together, in which order, and failures.</summary>
public class HopperPullBatcherTests
{
    private static HopperPull Pull(string dialer, int count = 1) => new(count, TimeSpan.FromMinutes(1), dialer);

    [Fact]
    public async Task Pulls_arriving_while_one_is_in_flight_go_together_in_arrival_order_and_each_gets_its_answer()
    {
        var hopper = new FakeHopper();
        var batcher = new HopperPullBatcher();

        var first = batcher.PullAsync(1, hopper, Pull("a"));
        var second = batcher.PullAsync(1, hopper, Pull("b"));
        var third = batcher.PullAsync(1, hopper, Pull("c", 2));
        Assert.Single(hopper.Calls); // b and c wait for a's call
        hopper.Answer(0);
        Assert.Equal("a", Assert.Single(await first).Lead.PhoneE164);

        await hopper.WaitForCallsAsync(2);
        Assert.Equal(["b", "c"], hopper.Calls[1].Pulls.Select(p => p.Dialer));
        hopper.Answer(1);
        Assert.Equal(["b"], (await second).Select(l => l.Lead.PhoneE164));
        Assert.Equal(["c", "c"], (await third).Select(l => l.Lead.PhoneE164));
    }

    [Fact]
    public void Campaigns_do_not_wait_for_each_other()
    {
        var hopper = new FakeHopper();
        var batcher = new HopperPullBatcher();

        _ = batcher.PullAsync(1, hopper, Pull("a"));
        _ = batcher.PullAsync(2, hopper, Pull("b"));

        Assert.Equal(2, hopper.Calls.Count);
    }

    [Fact]
    public async Task A_failed_call_fails_its_pulls_only_and_the_lane_goes_on()
    {
        var hopper = new FakeHopper();
        var batcher = new HopperPullBatcher();

        var failing = batcher.PullAsync(1, hopper, Pull("a"));
        var next = batcher.PullAsync(1, hopper, Pull("b"));
        hopper.Fail(0, new StorageUnavailableException("down"));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => failing);

        await hopper.WaitForCallsAsync(2);
        hopper.Answer(1);
        Assert.Single(await next);
        // Idle again: a later pull starts a call of its own at once.
        _ = batcher.PullAsync(1, hopper, Pull("c"));
        await hopper.WaitForCallsAsync(3);
    }

    /// <summary>Answers each pull with <c>Count</c> leases whose phone is the dialer's name, when the test says so.</summary>
    private sealed class FakeHopper : IHopperGrain
    {
        public List<(HopperPull[] Pulls, TaskCompletionSource<HopperLease[][]> Answer)> Calls { get; } = [];

        public Task<HopperLease[][]> PullManyAsync(HopperPull[] pulls)
        {
            var answer = new TaskCompletionSource<HopperLease[][]>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Calls)
                Calls.Add((pulls, answer));
            return answer.Task;
        }

        public void Answer(int call) => Calls[call].Answer.SetResult([.. Calls[call].Pulls.Select(p => Enumerable.Range(0, p.Count)
            .Select(_ => new HopperLease(Guid.NewGuid(), new HopperLead(1, 1, p.Dialer, 1, "", null, null), 99, DateTimeOffset.UtcNow))
            .ToArray())]);

        public void Fail(int call, Exception ex) => Calls[call].Answer.SetException(ex);

        public async Task WaitForCallsAsync(int calls)
        {
            for (var i = 0; i < 500 && Calls.Count < calls; i++)
                await Task.Delay(10);
            Assert.Equal(calls, Calls.Count);
        }

        public Task<HopperLease[]> PullAsync(int count, TimeSpan leaseFor, string dialer) => throw new NotSupportedException();
        public Task<HopperLeaseResult> AckAsync(Guid[] leaseIds, string? leadStatus) => throw new NotSupportedException();
        public Task<HopperLeaseResult> ReleaseAsync(Guid[] leaseIds) => throw new NotSupportedException();
        public Task<HopperStatus> StatusAsync() => throw new NotSupportedException();
        public Task<HopperAddResult> AddAsync(long leadId, int priority, int? expiresInMinutes) => throw new NotSupportedException();
        public Task<bool> RemoveAsync(long leadId) => throw new NotSupportedException();
        public Task EntriesCommittedAsync(HopperEntry[] entries) => throw new NotSupportedException();
        public Task<int> RemoveManyAsync(long[] leadIds) => throw new NotSupportedException();
        public Task DialSettingsChangedAsync(Leadline.Grains.Campaigns.CampaignDialSettings settings) => throw new NotSupportedException();
        public Task<HopperLoadResult> LoadNowAsync() => throw new NotSupportedException();
    }
}
