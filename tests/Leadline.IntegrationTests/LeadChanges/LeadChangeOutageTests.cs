using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.LeadChanges;

/// <summary>
/// A change whose write fails leaves nothing behind: not in the table and not in the shard's index, which
/// goes on deciding dedup as if the change had never been asked for.
/// </summary>
public sealed class LeadChangeOutageTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Changes_during_an_outage_are_unavailable_and_change_neither_table_nor_dedup()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var otherList = await account.AddListAsync(account.CampaignId, "List A2");
        var phone = TestPhones.Next();
        var newPhone = TestPhones.InAnotherShardThan(phone);
        var leadId = await api.InsertAsync(phone, ("first_name", "Ann"));
        var before = await api.ReadAsync(leadId);
        var shard = leadline.Cluster.Client.GetGrain<IPhoneShardGrain>(PhoneShardKey.For(account.AccountId, phone.E164));
        var fields = new LeadFields([], new Dictionary<string, string>());
        var checkList = new DedupOptions(DupScope.List, false, false, false);
        LeadUpdateCommand Update(NormalizedPhone? to, LeadPlacement? placement) =>
            new(account.AccountId, leadId, phone.E164, to, placement, fields, checkList, ModifiedBy: null);

        LeadChangeResult move, phoneChange, delete;
        await leadline.Database.BlockConnectionsAsync();
        try
        {
            move = await ResultAsync(() => shard.UpdateLeadAsync(Update(null, new LeadPlacement(otherList, account.CampaignId))));
            phoneChange = await ResultAsync(() => shard.UpdateLeadAsync(Update(new NormalizedPhone(newPhone.E164, 1, newPhone.E164[2..]), null)));
            delete = await ResultAsync(() => shard.DeleteLeadAsync(account.AccountId, leadId, phone.E164, 1));
        }
        finally
        {
            await leadline.Database.AllowConnectionsAsync();
        }

        Assert.Equal(LeadChangeResult.StorageUnavailable, move);
        Assert.Equal(LeadChangeResult.StorageUnavailable, phoneChange);
        Assert.Equal(LeadChangeResult.StorageUnavailable, delete);
        Assert.Equal(before, await api.ReadAsync(leadId));

        var intoOldList = await Outage.RetryWhileUnavailableAsync(() => account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "2")));
        Assert.Equal((6009, leadId), (intoOldList.Code, intoOldList.LeadId));
        var intoOtherList = await Outage.RetryWhileUnavailableAsync(() =>
            account.InsertAsync(("phone_number", phone.Raw), ("list_id", otherList.ToString()), ("check_dup", "2")));
        Assert.True(intoOtherList.Success, intoOtherList.Json.ToString());
        var newNumber = await Outage.RetryWhileUnavailableAsync(() => account.InsertAsync(("phone_number", newPhone.Raw), ("check_dup", "1")));
        Assert.True(newNumber.Success, newNumber.Json.ToString());
    }

    /// <summary>
    /// A shard whose write failed reloads: while the database is down its next activation cannot load and
    /// the call throws StorageUnavailableException (the API answers that with 503 too).
    /// </summary>
    private static async Task<LeadChangeResult> ResultAsync(Func<Task<LeadChangeOutcome>> change)
    {
        try
        {
            return (await change()).Result;
        }
        catch (Leadline.Grains.StorageUnavailableException)
        {
            return LeadChangeResult.StorageUnavailable;
        }
    }
}
