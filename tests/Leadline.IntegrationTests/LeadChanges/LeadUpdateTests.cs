using System.Net;
using Leadline.ApiHost.Auth;
using Leadline.Grains.PhoneShards;
using Leadline.IntegrationTests.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.LeadChanges;

public sealed class LeadUpdateTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Update_changes_standard_and_custom_fields_and_status_and_modified_at_only()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        await leadline.Accounts.CreateCustomFieldAsync(api.Account.AccountId, "loan_amount", 20);
        var phone = TestPhones.Next();
        var leadId = await api.InsertAsync(phone, ("first_name", "Ann"), ("status", "NEW"), ("city", "Tampa"), ("loan_amount", "100"));
        var before = await api.ReadAsync(leadId);

        var answer = await api.UpdateAsync(("lead_id", leadId.ToString()), ("first_name", "Bea"), ("status", "SALE"),
            ("loan_amount", "250"), ("shoe_size", "9"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(leadId, answer.LeadId);
        Assert.Equal(leadId.ToString(), answer.Json.GetProperty("id").GetString());
        Assert.Equal(["shoe_size"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
        var after = await api.ReadAsync(leadId);
        Assert.Equal(("Bea", "SALE", "250"), (after.FirstName, after.Status, LeadChangesClient.Custom(after, "loan_amount")));
        Assert.True(after.ModifiedAt > before.ModifiedAt);
        Assert.Equal((before.ListId, before.PhoneE164), (after.ListId, after.PhoneE164));
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND city = 'Tampa'", leadId));
    }

    [Fact]
    public async Task A_list_move_within_the_campaign_makes_list_dedup_use_the_new_list()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var newList = await account.AddListAsync(account.CampaignId, "List A2");
        var phone = TestPhones.Next();
        var leadId = await api.InsertAsync(phone);

        var moved = await api.UpdateAsync(("lead_id", leadId.ToString()), ("list_id", newList.ToString()));

        Assert.True(moved.Success, moved.Json.ToString());
        Assert.Equal((newList, account.CampaignId), ((await api.ReadAsync(leadId)).ListId, (await api.ReadAsync(leadId)).CampaignId));
        var intoNewList = await account.InsertAsync(("phone_number", phone.Raw), ("list_id", newList.ToString()), ("check_dup", "2"));
        Assert.Equal(6009, intoNewList.Code);
        Assert.Equal(leadId, intoNewList.LeadId);
        var intoOldList = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "2"));
        Assert.True(intoOldList.Success, intoOldList.Json.ToString());
    }

    [Fact]
    public async Task A_move_to_another_campaign_moves_campaign_dedup_and_leaves_the_old_campaigns_hopper()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var hopper = new HopperClient(account);
        var otherCampaign = await account.AddCampaignAsync("Campaign B");
        var otherList = await account.AddListAsync(otherCampaign, "List B1");
        var phone = TestPhones.Next();
        var leadId = await api.InsertAsync(phone, ("hopper", "1"));
        await hopper.WaitForReadyAsync(1);

        var moved = await api.UpdateAsync(("lead_id", leadId.ToString()), ("list_id", otherList.ToString()));

        Assert.True(moved.Success, moved.Json.ToString());
        Assert.Equal((otherList, otherCampaign), ((await api.ReadAsync(leadId)).ListId, (await api.ReadAsync(leadId)).CampaignId));
        Assert.Equal(0, await api.HopperRowsAsync(leadId));
        Assert.Empty(await hopper.PullAsync(10));
        var intoNewCampaign = await account.InsertAsync(("phone_number", phone.Raw), ("list_id", otherList.ToString()), ("check_dup", "3"));
        Assert.Equal(6009, intoNewCampaign.Code);
        Assert.Equal(leadId, intoNewCampaign.LeadId);
        var intoOldCampaign = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "3"));
        Assert.True(intoOldCampaign.Success, intoOldCampaign.Json.ToString());
    }

    [Fact]
    public async Task A_move_with_check_dup_onto_a_list_that_has_the_number_is_refused_and_changes_nothing()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var otherList = await account.AddListAsync(account.CampaignId, "List A2");
        var phone = TestPhones.Next();
        var leadId = await api.InsertAsync(phone);
        var existing = await api.InsertAsync(phone, ("list_id", otherList.ToString()));
        var before = await api.ReadAsync(leadId);

        var refused = await api.UpdateAsync(("lead_id", leadId.ToString()), ("list_id", otherList.ToString()), ("check_dup", "2"), ("first_name", "X"));

        Assert.Equal(6009, refused.Code);
        Assert.Equal(existing, refused.LeadId);
        Assert.Equal(before, await api.ReadAsync(leadId));
    }

    [Fact]
    public async Task A_phone_change_moves_the_lead_to_the_new_numbers_shard()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var oldPhone = TestPhones.Next();
        var newPhone = TestPhones.InAnotherShardThan(oldPhone);
        var leadId = await api.InsertAsync(oldPhone, ("hopper", "1"));

        var changed = await api.UpdateAsync(("lead_id", leadId.ToString()), ("phone_number", newPhone.Raw), ("first_name", "Moved"));

        Assert.True(changed.Success, changed.Json.ToString());
        var row = await api.ReadAsync(leadId);
        Assert.Equal((newPhone.E164, (short)PhoneShardKey.ShardOf(newPhone.E164), "Moved"), (row.PhoneE164, row.Shard, row.FirstName));
        Assert.Equal(0, await api.HopperRowsAsync(leadId)); // the entry carried the old number
        var onNewNumber = await account.InsertAsync(("phone_number", newPhone.Raw), ("check_dup", "1"));
        Assert.Equal(6009, onNewNumber.Code);
        Assert.Equal(leadId, onNewNumber.LeadId);
        var onOldNumber = await account.InsertAsync(("phone_number", oldPhone.Raw), ("check_dup", "1"));
        Assert.True(onOldNumber.Success, onOldNumber.Json.ToString());
        // A second change finds the lead in its new shard.
        var again = await api.UpdateAsync(("lead_id", leadId.ToString()), ("status", "CALLBACK"));
        Assert.True(again.Success, again.Json.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_phone_change_with_check_dup_onto_an_existing_number_is_6009_and_changes_nothing(bool sameShard)
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var oldPhone = TestPhones.Next();
        var taken = sameShard ? TestPhones.InSameShardAs(oldPhone) : TestPhones.InAnotherShardThan(oldPhone);
        var leadId = await api.InsertAsync(oldPhone, ("first_name", "Ann"));
        var existing = await api.InsertAsync(taken);
        var before = await api.ReadAsync(leadId);

        var refused = await api.UpdateAsync(("lead_id", leadId.ToString()), ("phone_number", taken.Raw), ("check_dup", "1"), ("first_name", "X"));

        Assert.Equal(6009, refused.Code);
        Assert.Equal(existing, refused.LeadId);
        Assert.Equal(before, await api.ReadAsync(leadId));
        // The lead still holds its old number for dedup.
        var onOldNumber = await account.InsertAsync(("phone_number", oldPhone.Raw), ("check_dup", "1"));
        Assert.Equal(6009, onOldNumber.Code);
        Assert.Equal(leadId, onOldNumber.LeadId);
        // Without check_dup the same change is made.
        var allowed = await api.UpdateAsync(("lead_id", leadId.ToString()), ("phone_number", taken.Raw));
        Assert.True(allowed.Success, allowed.Json.ToString());
        Assert.Equal(taken.E164, (await api.ReadAsync(leadId)).PhoneE164);
        Assert.Equal(2, await account.CountLeadsAsync(taken.E164));
        Assert.Equal(0, await account.CountLeadsAsync(oldPhone.E164));
    }

    [Fact]
    public async Task A_phone_change_with_check_dnc_onto_a_dnc_number_is_6010()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var oldPhone = TestPhones.Next();
        var dnc = TestPhones.InAnotherShardThan(oldPhone);
        await api.AddDncAsync(dnc.E164);
        var leadId = await api.InsertAsync(oldPhone);
        var before = await api.ReadAsync(leadId);

        var refused = await api.UpdateAsync(("lead_id", leadId.ToString()), ("phone_number", dnc.Raw), ("check_dnc", "1"));

        Assert.Equal(6010, refused.Code);
        Assert.Equal(before, await api.ReadAsync(leadId));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("yes")]
    public async Task Check_dup_and_check_dnc_given_as_words_are_applied(string yes)
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var phone = TestPhones.Next();
        var taken = TestPhones.InAnotherShardThan(phone);
        var dnc = TestPhones.InAnotherShardThan(phone);
        await api.AddDncAsync(dnc.E164);
        var leadId = await api.InsertAsync(phone);
        var existing = await api.InsertAsync(taken);
        var before = await api.ReadAsync(leadId);

        var duplicate = await api.UpdateAsync(("lead_id", leadId.ToString()), ("phone_number", taken.Raw), ("check_dup", yes));
        var onDnc = await api.UpdateAsync(("lead_id", leadId.ToString()), ("phone_number", dnc.Raw), ("check_dnc", yes));

        Assert.Equal((HttpStatusCode.OK, 6009, existing), (duplicate.Status, duplicate.Code, duplicate.LeadId)); // check_dup=true is 1: the account
        Assert.Equal((HttpStatusCode.OK, 6010), (onDnc.Status, onDnc.Code));
        Assert.Equal(before, await api.ReadAsync(leadId));
        var offWords = await api.UpdateAsync(("lead_id", leadId.ToString()), ("phone_number", taken.Raw), ("check_dup", "false"), ("check_dnc", "no"));
        Assert.True(offWords.Success, offWords.Json.ToString());
    }

    [Fact]
    public async Task Insert_options_that_mean_nothing_for_an_update_are_listed_as_ignored_and_not_applied()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var leadId = await api.InsertAsync(TestPhones.Next());

        var answer = await api.UpdateAsync(("lead_id", leadId.ToString()), ("hopper", "1"), ("update_if_found", "true"), ("first_name", "Nia"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(["hopper", "update_if_found"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Nia", (await api.ReadAsync(leadId)).FirstName);
        Assert.Equal(0, await api.HopperRowsAsync(leadId));
    }

    [Fact]
    public async Task Another_accounts_lead_and_list_are_not_found_and_nothing_changes()
    {
        var mine = new LeadChangesClient(await leadline.CreateAccountAsync());
        var theirs = new LeadChangesClient(await leadline.CreateAccountAsync());
        var myLead = await mine.InsertAsync(TestPhones.Next());
        var theirLead = await theirs.InsertAsync(TestPhones.Next());
        var (myBefore, theirBefore) = (await mine.ReadAsync(myLead), await theirs.ReadAsync(theirLead));

        var theirLeadAnswer = await mine.UpdateAsync(("lead_id", theirLead.ToString()), ("first_name", "X"));
        var unknownLeadAnswer = await mine.UpdateAsync(("lead_id", "999999999"), ("first_name", "X"));
        var theirListAnswer = await mine.UpdateAsync(("lead_id", myLead.ToString()), ("list_id", theirs.Account.ListId.ToString()));
        var theirDelete = await mine.DeleteAsync(theirLead);

        Assert.Equal((200, 6001), ((int)theirLeadAnswer.Status, theirLeadAnswer.Code));
        Assert.Equal(unknownLeadAnswer.Json.ToString(), theirLeadAnswer.Json.ToString());
        Assert.Equal((200, 6002), ((int)theirListAnswer.Status, theirListAnswer.Code));
        Assert.Equal((200, 6001), ((int)theirDelete.Status, theirDelete.Code));
        Assert.Equal(myBefore, await mine.ReadAsync(myLead));
        Assert.Equal(theirBefore, await theirs.ReadAsync(theirLead));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_its_code_and_changes_nothing()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var leadId = await api.InsertAsync(TestPhones.Next(), ("first_name", "Ann"));
        var before = await api.ReadAsync(leadId);
        var lead = ("lead_id", leadId.ToString());
        var hopperOnly = await leadline.Accounts.CreateTokenAsync(api.Account.AccountId, "dialer", [ApiScopes.Hopper]);

        var cases = new (int Status, int Code, (string, string)[] Fields)[]
        {
            (200, 6050, [("first_name", "X")]),                                // no lead_id
            (200, 6001, [("lead_id", "abc"), ("first_name", "X")]),
            (200, 6008, [lead, ("phone_number", "12345")]),
            (200, 6008, [lead, ("alt_phone_1", "nope")]),
            (200, 6079, [lead, ("email", "not-an-email")]),
            (200, 6050, [lead, ("date_of_birth", "yesterday")]),
            (200, 6050, [lead, ("status", new string('S', 40))]),
            (200, 6050, [lead, ("check_dup", "9"), ("first_name", "X")]),
            (200, 6002, [lead, ("list_id", "987654321")]),
            (200, 6050, [lead, ("check_dnc", "maybe"), ("first_name", "X")]),
            (200, 4000, [lead, ("first_name[a]", "X")]),
            (200, 5001, [lead, ("auth_token", "wrong"), ("first_name", "X")]),
            (200, 5002, [lead, ("auth_token", hopperOnly.Secret), ("first_name", "X")]),
        };
        foreach (var (status, code, fields) in cases)
        {
            var answer = await api.UpdateAsync(fields);
            Assert.False(answer.Success, answer.Json.ToString());
            Assert.Equal((status, code), ((int)answer.Status, answer.Code));
        }
        Assert.Equal(before, await api.ReadAsync(leadId));
    }

    [Fact]
    public async Task Move_lead_on_the_shard_moves_it_for_workflows()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var otherCampaign = await account.AddCampaignAsync("Campaign B");
        var otherList = await account.AddListAsync(otherCampaign, "List B1");
        var phone = TestPhones.Next();
        var leadId = await api.InsertAsync(phone, ("hopper", "1"));
        var shard = leadline.Cluster.Client.GetGrain<IPhoneShardGrain>(PhoneShardKey.For(account.AccountId, phone.E164));

        var moved = await shard.MoveLeadAsync(leadId, phone.E164, otherList, otherCampaign);
        var unknown = await shard.MoveLeadAsync(leadId + 1_000_000, phone.E164, otherList, otherCampaign);

        Assert.Equal(new LeadChangeOutcome(LeadChangeResult.Changed, leadId), moved);
        Assert.Equal(LeadChangeResult.NoSuchLead, unknown.Result);
        Assert.Equal((otherList, otherCampaign), ((await api.ReadAsync(leadId)).ListId, (await api.ReadAsync(leadId)).CampaignId));
        Assert.Equal(0, await api.HopperRowsAsync(leadId));
        Assert.Equal(6009, (await account.InsertAsync(("phone_number", phone.Raw), ("list_id", otherList.ToString()), ("check_dup", "2"))).Code);
    }

    [Fact]
    public async Task Concurrent_phone_changes_and_inserts_onto_one_number_with_check_dup_let_exactly_one_in()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var target = TestPhones.Next();
        var oldPhones = Enumerable.Range(0, 10).Select(_ => TestPhones.Next()).ToArray();
        var leads = await Task.WhenAll(oldPhones.Select(p => api.InsertAsync(p)));

        var updates = leads.Select(id => api.UpdateAsync(("lead_id", id.ToString()), ("phone_number", target.Raw), ("check_dup", "1")));
        var inserts = Enumerable.Range(0, 10).Select(_ => account.InsertAsync(("phone_number", target.Raw), ("check_dup", "1")));
        var answers = await Task.WhenAll(updates.Concat(inserts));

        var winner = Assert.Single(answers, a => a.Success);
        Assert.All(answers.Where(a => !a.Success), a => Assert.Equal((6009, winner.LeadId), (a.Code, a.LeadId)));
        Assert.Equal(1, await account.CountLeadsAsync(target.E164));
        for (var i = 0; i < leads.Length; i++)
            if (leads[i] != winner.LeadId)
                Assert.Equal(oldPhones[i].E164, (await api.ReadAsync(leads[i])).PhoneE164);
    }

    [Fact]
    public async Task Concurrent_moves_of_one_lead_leave_dedup_agreeing_with_the_table()
    {
        var api = new LeadChangesClient(await leadline.CreateAccountAsync());
        var account = api.Account;
        var lists = new List<long> { account.ListId };
        for (var i = 0; i < 3; i++)
            lists.Add(await account.AddListAsync(account.CampaignId, $"List {i}"));
        var phone = TestPhones.Next();
        var leadId = await api.InsertAsync(phone);

        var moves = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            api.UpdateAsync(("lead_id", leadId.ToString()), ("list_id", lists[i % lists.Count].ToString()), ("first_name", $"m{i}"))));

        Assert.All(moves, m => Assert.True(m.Success, m.Json.ToString()));
        var finalList = (await api.ReadAsync(leadId)).ListId;
        foreach (var list in lists)
        {
            var insert = await account.InsertAsync(("phone_number", phone.Raw), ("list_id", list.ToString()), ("check_dup", "2"));
            if (list == finalList)
                Assert.Equal((6009, leadId), (insert.Code, insert.LeadId));
            else
                Assert.True(insert.Success, $"list {list}: {insert.Json}");
        }
    }
}
