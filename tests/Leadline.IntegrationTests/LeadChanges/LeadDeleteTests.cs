using Leadline.ApiHost.Auth;
using Leadline.IntegrationTests.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.LeadChanges;

public sealed class LeadDeleteTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Delete_soft_deletes_takes_the_lead_out_of_the_hopper_and_frees_the_number_for_dedup()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var hopper = new HopperClient(account);
        var phone = TestPhones.Next();
        var leadId = await api.InsertAsync(phone, ("hopper", "1"), ("first_name", "Ann"));
        var keptId = await api.InsertAsync(TestPhones.Next(), ("hopper", "1"));
        await hopper.WaitForReadyAsync(2);

        var deleted = await api.DeleteAsync(leadId);

        Assert.True(deleted.Success, deleted.Json.ToString());
        Assert.Equal("""{"success":true}""", deleted.Json.GetRawText()); // Convoso answers a delete with success alone
        var row = await api.ReadAsync(leadId);
        Assert.True(row.Deleted);
        Assert.Equal("Ann", row.FirstName); // soft: the row stays
        Assert.Equal(0, await api.HopperRowsAsync(leadId));
        await hopper.WaitForReadyAsync(1);
        Assert.Equal([keptId], (await hopper.PullAsync(10)).Select(e => e.LeadId));

        var again = await api.DeleteAsync(leadId);
        var update = await api.UpdateAsync(("lead_id", leadId.ToString()), ("first_name", "X"));
        Assert.Equal(6001, again.Code);
        Assert.Equal(6001, update.Code);

        var reinserted = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "1"));
        Assert.True(reinserted.Success, reinserted.Json.ToString());
        Assert.NotEqual(leadId, reinserted.LeadId);
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM leads WHERE account_id = $1 AND phone_e164 = $2 AND deleted_at IS NULL", account.AccountId, phone.E164));
    }

    [Fact]
    public async Task Bad_delete_input_is_refused_and_deletes_nothing()
    {
        var mine = new LeadChangesClient(await leadline.CreateAccountAsync());
        var theirs = new LeadChangesClient(await leadline.CreateAccountAsync());
        var myLead = await mine.InsertAsync(TestPhones.Next());
        var theirLead = await theirs.InsertAsync(TestPhones.Next());
        var dncOnly = await leadline.Accounts.CreateTokenAsync(mine.Account.AccountId, "dnc", [ApiScopes.Dnc]);

        var cases = new (int Status, int Code, (string, string)[] Fields)[]
        {
            (200, 6050, []),
            (200, 6001, [("lead_id", "0")]),
            (200, 6001, [("lead_id", "12x")]),
            (200, 6001, [("lead_id", theirLead.ToString())]),
            (200, 6001, [("lead_id", "999999999")]),
            (200, 4000, [("lead_id[]", myLead.ToString())]),
            (200, 5001, [("lead_id", myLead.ToString()), ("auth_token", "")]),
            (200, 5001, [("lead_id", myLead.ToString()), ("auth_token", "not-a-token")]),
            (200, 5002, [("lead_id", myLead.ToString()), ("auth_token", dncOnly.Secret)]),
        };
        foreach (var (status, code, fields) in cases)
        {
            var answer = await mine.PostAsync("/v1/leads/delete", fields);
            Assert.False(answer.Success, answer.Json.ToString());
            Assert.Equal((status, code), ((int)answer.Status, answer.Code));
        }
        Assert.False((await mine.ReadAsync(myLead)).Deleted);
        Assert.False((await theirs.ReadAsync(theirLead)).Deleted);
    }
}
