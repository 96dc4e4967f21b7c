using Leadline.Grains.PhoneShards;

namespace Leadline.UnitTests.PhoneShards;

/// <summary>
/// How the index stores leads: committed ones packed (no Task, exact creation time), pending ones with
/// their Task until they settle or go, list moves, and numbers that are not E.164.
/// </summary>
public class PhoneIndexStorageTests
{
    private const string Phone = "+17275551212";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 30, 15, TimeSpan.Zero);

    [Fact]
    public void A_committed_lead_comes_back_with_its_exact_creation_time_in_utc()
    {
        var index = new PhoneIndex();
        var createdAt = new DateTimeOffset(2026, 12, 7, 11, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234560); // µs precision and an offset

        index.AddLead(Phone, new LeadRef(1, 10, 100, createdAt: createdAt));

        var lead = index.FindLead(Phone, 1)!.Value;
        Assert.Equal(createdAt, lead.CreatedAt);
        Assert.Equal(createdAt.UtcTicks, lead.CreatedAt.UtcTicks);
        Assert.Equal((10L, 100L), (lead.ListId, lead.CampaignId));
        Assert.True(lead.IsCommitted);
    }

    [Fact]
    public void A_pending_lead_is_found_with_its_task_and_settles_as_a_committed_one()
    {
        var index = new PhoneIndex();
        var commit = new TaskCompletionSource();
        var pending = new LeadRef(1, 10, 100, commit.Task, T0);
        index.AddLead(Phone, pending);

        Assert.False(index.FindLead(Phone, 1)!.Value.IsCommitted);
        Assert.Same(commit.Task, index.FindLead(Phone, 1)!.Value.Commit);

        Assert.True(index.Settle(Phone, pending));

        var settled = index.FindLead(Phone, 1)!.Value;
        Assert.True(settled.IsCommitted);
        Assert.Same(Task.CompletedTask, settled.Commit); // no Task kept per committed lead
        Assert.Equal(pending, settled);
        Assert.Equal(1, index.LeadCount);
        Assert.Equal(1, index.PhoneCount);
    }

    [Fact]
    public void Settle_does_nothing_for_a_ref_the_index_no_longer_has()
    {
        var index = new PhoneIndex();
        var commit = new TaskCompletionSource();
        var pending = new LeadRef(1, 10, 100, commit.Task, T0);
        index.AddLead(Phone, pending);
        index.RemoveLead(Phone, pending);

        Assert.False(index.Settle(Phone, pending));
        Assert.False(index.Settle(Phone, new LeadRef(1, 10, 100, createdAt: T0))); // a committed ref never settles
        Assert.Null(index.Find(Phone));
        Assert.Equal(0, index.LeadCount);
    }

    [Fact]
    public void Removing_a_pending_ref_takes_only_the_one_placed_with_that_task()
    {
        var index = new PhoneIndex();
        var first = new LeadRef(1, 10, 100, new TaskCompletionSource().Task, T0);
        var second = new LeadRef(1, 20, 200, new TaskCompletionSource().Task, T0);
        index.AddLead(Phone, first);
        index.AddLead("+17275551213", second);
        index.AddLead(Phone, new LeadRef(2, 10, 100, createdAt: T0));

        index.RemoveLead(Phone, new LeadRef(1, 10, 100, new TaskCompletionSource().Task, T0)); // equal lead, other task
        Assert.NotNull(index.FindLead(Phone, 1));

        index.RemoveLead(Phone, first);
        Assert.Null(index.FindLead(Phone, 1));
        Assert.NotNull(index.FindLead(Phone, 2));
        Assert.NotNull(index.FindLead("+17275551213", 1));
    }

    [Fact]
    public void Find_lists_committed_and_pending_leads_of_the_phone_with_its_dnc_scopes()
    {
        var index = new PhoneIndex();
        index.AddLead(Phone, new LeadRef(1, 10, 100, createdAt: T0));
        index.AddLead(Phone, new LeadRef(2, 11, 100, new TaskCompletionSource().Task, T0));
        index.AddDnc(Phone, 0);
        index.AddDnc(Phone, 100);

        var entry = index.Find(Phone)!;

        Assert.Equal([1, 2], entry.Leads.Select(l => l.LeadId).Order());
        Assert.Equal([false, true], entry.Leads.OrderBy(l => l.LeadId).Select(l => !l.IsCommitted));
        Assert.Equal([0, 100], entry.DncCampaigns!.Order());
    }

    [Fact]
    public void Find_is_a_snapshot_that_changes_nothing_when_changed()
    {
        var index = new PhoneIndex();
        index.AddLead(Phone, new LeadRef(1, 10, 100, createdAt: T0));

        var entry = index.Find(Phone)!;
        entry.Leads.Clear();
        entry.DncCampaigns = [0];

        Assert.Single(index.Find(Phone)!.Leads);
        Assert.Null(index.Find(Phone)!.DncCampaigns);
    }

    [Fact]
    public void PhoneCount_counts_phones_not_leads_and_forgets_a_phone_with_nothing_left()
    {
        var index = new PhoneIndex();
        index.AddLead(Phone, new LeadRef(1, 10, 100));
        index.AddLead(Phone, new LeadRef(2, 10, 100));
        index.AddDnc(Phone, 0);
        index.AddDnc("+17275551213", 0);
        Assert.Equal(2, index.PhoneCount);
        Assert.Equal(2, index.LeadCount);

        index.RemoveLead(Phone, new LeadRef(1, 10, 100));
        index.RemoveLead(Phone, new LeadRef(1, 10, 100)); // not there any more: nothing changes
        index.RemoveLead("+17275559999", new LeadRef(1, 10, 100));
        Assert.Equal(2, index.PhoneCount);

        index.RemoveLead(Phone, new LeadRef(2, 10, 100));
        index.RemoveDnc(Phone, 0);
        Assert.Equal(1, index.PhoneCount);
        Assert.Null(index.Find(Phone));
    }

    [Fact]
    public void MoveList_moves_the_lists_committed_leads_and_leaves_pending_ones_and_other_lists()
    {
        var index = new PhoneIndex();
        var pendingCommit = new TaskCompletionSource();
        index.AddLead(Phone, new LeadRef(1, 10, 100, createdAt: T0));
        index.AddLead("+17275551213", new LeadRef(2, 10, 100, createdAt: T0));
        index.AddLead("+17275551214", new LeadRef(3, 10, 100, pendingCommit.Task, T0));
        index.AddLead("+17275551215", new LeadRef(4, 11, 100, createdAt: T0));

        Assert.Equal([pendingCommit.Task], index.PendingCommitsOfList(10));
        Assert.Empty(index.PendingCommitsOfList(11));
        index.MoveList(10, 200);

        Assert.Equal(200, index.FindLead(Phone, 1)!.Value.CampaignId);
        Assert.Equal(200, index.FindLead("+17275551213", 2)!.Value.CampaignId);
        Assert.Equal(100, index.FindLead("+17275551214", 3)!.Value.CampaignId);
        Assert.Equal(100, index.FindLead("+17275551215", 4)!.Value.CampaignId);
        Assert.Equal(T0, index.FindLead(Phone, 1)!.Value.CreatedAt);

        index.MoveList(10, 100); // and back
        Assert.Equal(100, index.FindLead(Phone, 1)!.Value.CampaignId);
    }

    [Fact]
    public void A_lead_keeps_the_campaign_it_was_written_with_even_when_its_list_has_another()
    {
        var index = new PhoneIndex();
        index.AddLead(Phone, new LeadRef(1, 10, 100));
        index.AddLead("+17275551213", new LeadRef(2, 10, 999)); // an insert that named a stale campaign

        Assert.Equal(100, index.FindLead(Phone, 1)!.Value.CampaignId);
        Assert.Equal(999, index.FindLead("+17275551213", 2)!.Value.CampaignId);
    }

    [Fact]
    public void AddCommitted_is_the_same_lead_as_AddLead_of_a_committed_ref()
    {
        var index = new PhoneIndex();
        Assert.True(PhoneKeys.TryPack(Phone, out var key));

        index.AddCommitted(key, 1, 10, 100, T0);

        Assert.Equal(new LeadRef(1, 10, 100, createdAt: T0), index.FindLead(Phone, 1));
        Assert.Equal(1, index.PhoneCount);
    }

    [Theory]
    [InlineData("17275551212")]
    [InlineData("+0123")]
    [InlineData("not a phone")]
    public void A_number_that_is_not_e164_works_like_any_other(string odd)
    {
        var index = new PhoneIndex();
        Assert.Null(index.Find(odd));

        index.AddLead(odd, new LeadRef(1, 10, 100));
        index.AddDnc(odd, 0);

        Assert.Equal(1, Assert.Single(index.Find(odd)!.Leads).LeadId);
        Assert.True(index.Find(odd)!.IsDnc(100));
        Assert.Null(index.Find("+17275551212"));
        index.RemoveLead(odd, new LeadRef(1, 10, 100));
        index.RemoveDnc(odd, 0);
        Assert.Null(index.Find(odd));
        Assert.Equal(0, index.PhoneCount);
    }

    [Fact]
    public void Many_leads_over_many_phones_are_all_found_after_growth()
    {
        var index = new PhoneIndex();
        for (var i = 0; i < 20_000; i++)
            index.AddLead($"+1727{i % 7000:0000000}", new LeadRef(i, 10 + i % 3, 100, createdAt: T0.AddTicks(i * 10)));

        Assert.Equal(7000, index.PhoneCount);
        Assert.Equal(20_000, index.LeadCount);
        var leads = index.Find("+17270000042")!.Leads.OrderBy(l => l.LeadId).ToList();
        Assert.Equal([42, 7042, 14042], leads.Select(l => l.LeadId));
        Assert.Equal(T0.AddTicks(70420), leads[1].CreatedAt);
        Assert.Equal(10 + 7042 % 3, leads[1].ListId);
    }
}
