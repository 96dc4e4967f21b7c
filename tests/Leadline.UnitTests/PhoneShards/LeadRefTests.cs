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
}
