using Leadline.Grains.PhoneShards;

namespace Leadline.UnitTests.PhoneShards;

public class LeadReservationTests
{
    private const string Old = "+17275551212";
    private const string New = "+17275551213";

    private static (PhoneIndex Index, LeadRef Lead) IndexWithLead()
    {
        var index = new PhoneIndex();
        var lead = new LeadRef(1, 10, 100);
        index.AddLead(Old, lead);
        index.AddLead(Old, new LeadRef(2, 11, 100)); // another lead of the number, never touched
        return (index, lead);
    }

    private static long[] Ids(PhoneIndex index, string e164) =>
        index.Find(e164)?.Leads.Select(l => l.LeadId).Order().ToArray() ?? [];

    [Fact]
    public void While_reserved_both_places_hold_pending_refs_that_complete_only_at_finish()
    {
        var (index, lead) = IndexWithLead();
        var reservation = new LeadReservation(index);
        var moved = reservation.Pending(1, 20, 200, lead.CreatedAt);

        reservation.Place(Old, lead, reservation.PendingCopyOf(lead), stays: false);
        reservation.Place(New, null, moved, stays: true);

        Assert.False(index.FindLead(Old, 1)!.Value.IsCommitted);
        Assert.False(index.FindLead(New, 1)!.Value.IsCommitted);
        Assert.Equal((10, 100), (index.FindLead(Old, 1)!.Value.ListId, index.FindLead(Old, 1)!.Value.CampaignId));
        reservation.Finish(keep: true);
        Assert.True(reservation.Commit.IsCompletedSuccessfully);
    }

    [Fact]
    public void Keeping_a_phone_change_leaves_the_lead_only_under_its_new_number()
    {
        var (index, lead) = IndexWithLead();
        var reservation = new LeadReservation(index);
        var moved = reservation.Pending(1, 20, 200, lead.CreatedAt);
        reservation.Place(Old, lead, reservation.PendingCopyOf(lead), stays: false);
        reservation.Place(New, null, moved, stays: true);

        reservation.Finish(keep: true);

        Assert.Equal([2], Ids(index, Old));
        Assert.Equal(moved, index.FindLead(New, 1));
        Assert.True(moved.IsCommitted);
        Assert.True(index.FindLead(New, 1)!.Value.IsCommitted);
    }

    [Fact]
    public void Undoing_a_phone_change_puts_the_original_ref_back_and_forgets_the_new_number()
    {
        var (index, lead) = IndexWithLead();
        var reservation = new LeadReservation(index);
        reservation.Place(Old, lead, reservation.PendingCopyOf(lead), stays: false);
        reservation.Place(New, null, reservation.Pending(1, 20, 200, lead.CreatedAt), stays: true);

        reservation.Finish(keep: false);

        Assert.Equal(lead, index.FindLead(Old, 1));
        Assert.True(index.FindLead(Old, 1)!.Value.IsCommitted);
        Assert.Equal([1, 2], Ids(index, Old));
        Assert.Null(index.Find(New));
    }

    [Fact]
    public void A_kept_delete_removes_the_lead_and_an_undone_one_restores_it()
    {
        var (index, lead) = IndexWithLead();
        var deleted = new LeadReservation(index);
        deleted.Place(Old, lead, deleted.PendingCopyOf(lead), stays: false);
        deleted.Finish(keep: true);
        Assert.Equal([2], Ids(index, Old));

        var (index2, lead2) = IndexWithLead();
        var failed = new LeadReservation(index2);
        failed.Place(Old, lead2, failed.PendingCopyOf(lead2), stays: false);
        failed.Finish(keep: false);
        Assert.Equal(lead2, index2.FindLead(Old, 1));
        Assert.True(index2.FindLead(Old, 1)!.Value.IsCommitted);
    }

    [Fact]
    public void A_list_move_replaces_the_ref_in_place()
    {
        var (index, lead) = IndexWithLead();
        var reservation = new LeadReservation(index);
        var moved = reservation.Pending(1, 20, 200, lead.CreatedAt);
        reservation.Place(Old, lead, moved, stays: true);

        reservation.Finish(keep: true);

        Assert.Equal(moved, index.FindLead(Old, 1));
        Assert.True(index.FindLead(Old, 1)!.Value.IsCommitted);
        Assert.Equal([1, 2], Ids(index, Old));
        Assert.Equal(lead.CreatedAt, moved.CreatedAt);
    }
}
