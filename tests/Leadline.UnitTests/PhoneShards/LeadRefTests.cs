using Leadline.Grains.PhoneShards;

namespace Leadline.UnitTests.PhoneShards;

public class LeadRefTests
{
    [Fact]
    public void A_lead_without_a_commit_task_is_committed()
    {
        Assert.True(new LeadRef(1, 10, 1).IsCommitted);
    }

    [Fact]
    public void A_lead_waiting_for_its_batch_is_not_committed_until_the_batch_succeeds()
    {
        var commit = new TaskCompletionSource();
        var lead = new LeadRef(1, 10, 1, commit.Task);

        Assert.False(lead.IsCommitted);
        commit.SetResult();
        Assert.True(lead.IsCommitted);
    }

    [Fact]
    public void A_lead_whose_batch_failed_is_not_committed()
    {
        var lead = new LeadRef(1, 10, 1, Task.FromException(new InvalidOperationException("write failed")));

        Assert.False(lead.IsCommitted);
    }

    [Fact]
    public void Equality_is_the_same_lead_in_the_same_place_whatever_its_commit_state()
    {
        var at = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        var committed = new LeadRef(1, 10, 1, createdAt: at);

        Assert.Equal(committed, new LeadRef(1, 10, 1, new TaskCompletionSource().Task, at));
        Assert.Equal(committed, new LeadRef(1, 10, 1, createdAt: at.ToOffset(TimeSpan.FromHours(3)))); // the same instant
        Assert.NotEqual(committed, new LeadRef(1, 11, 1, createdAt: at));
        Assert.NotEqual(committed, new LeadRef(1, 10, 2, createdAt: at));
        Assert.NotEqual(committed, new LeadRef(1, 10, 1, createdAt: at.AddTicks(10)));
        Assert.NotEqual(committed, new LeadRef(2, 10, 1, createdAt: at));
    }

    [Fact]
    public void A_committed_lead_has_a_completed_commit_and_a_pending_one_its_own_task()
    {
        var commit = new TaskCompletionSource();

        Assert.True(new LeadRef(1, 10, 1).Commit.IsCompletedSuccessfully);
        Assert.Same(commit.Task, new LeadRef(1, 10, 1, commit.Task).Commit);
    }
}
