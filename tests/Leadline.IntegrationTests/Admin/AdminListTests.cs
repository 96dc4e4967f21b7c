using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;
using Leadline.IntegrationTests.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Admin;

/// <summary>
/// /v1/lists/*: insert (alias create), update (rename, describe, status, move to another campaign), delete
/// (served as archive; alias archive), unarchive, search, and what a list change means for dedup (phone
/// shards) and the hoppers. Convoso's shapes field by field are in <see cref="ListContractTests"/>.
/// </summary>
public sealed class AdminListTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private async Task<AdminClient> NewAdminAsync() => new(await leadline.CreateAccountAsync());

    [Fact]
    public async Task A_created_list_takes_leads_and_is_found_by_search_with_its_lead_count()
    {
        var admin = await NewAdminAsync();
        var created = await admin.OkAsync("/v1/lists/insert", ("name", "Web leads"), ("campaign_id", admin.Account.CampaignId.ToString()));
        var listId = created.GetProperty("list_id").GetInt64();
        Assert.Equal("Web leads", created.GetProperty("name").GetString());
        Assert.False(created.GetProperty("archived").GetBoolean());
        Assert.Equal("Y", created.GetProperty("status").GetString());

        for (var i = 0; i < 2; i++)
            Assert.True((await admin.Account.InsertAsync(("list_id", listId.ToString()), ("phone_number", TestPhones.Next().Raw))).Success);

        var found = Assert.Single(await admin.EntriesAsync("/v1/lists/search", ("id", listId.ToString())));
        Assert.Equal(2, found.GetProperty("lead_count").GetInt64());
        Assert.Equal(admin.Account.CampaignId.ToString(), found.GetProperty("campaign_id").GetString());
    }

    [Fact]
    public async Task Search_filters_pages_and_counts()
    {
        var admin = await NewAdminAsync();
        var campaign = await admin.CreateCampaignAsync("Second");
        for (var i = 0; i < 3; i++)
            await admin.CreateListAsync(campaign, $"Batch {i}");
        var other = await admin.CreateListAsync(admin.Account.CampaignId, "Other");
        await admin.OkAsync("/v1/lists/archive", ("list_id", other.ToString()));

        var page = await admin.SucceedsAsync("/v1/lists/search", ("campaign_id", campaign.ToString()), ("offset", "1"), ("limit", "1"));
        Assert.Equal("3", page.Json.GetProperty("total").GetString());
        Assert.Equal((1, 1), (page.Json.GetProperty("offset").GetInt32(), page.Json.GetProperty("limit").GetInt32()));
        Assert.Equal("Batch 1", Assert.Single(page.Json.GetProperty("data").EnumerateArray()).GetProperty("name").GetString());

        Assert.Equal(3, (await admin.EntriesAsync("/v1/lists/search", ("name", "batch"))).Count);
        Assert.Equal(other, Assert.Single(await admin.EntriesAsync("/v1/lists/search", ("archived", "1"))).GetProperty("id").GetInt64());
        Assert.Equal(other, Assert.Single(await admin.EntriesAsync("/v1/lists/search", ("archived", "true"))).GetProperty("id").GetInt64());
        Assert.Equal(4, (await admin.EntriesAsync("/v1/lists/search", ("archived", "false"))).Count);
        Assert.Equal(5, (await admin.EntriesAsync("/v1/lists/search")).Count); // the account's first list, 3 batches, Other
    }

    [Fact]
    public async Task Renaming_keeps_campaign_status_and_leads()
    {
        var admin = await NewAdminAsync();
        Assert.True((await admin.Account.InsertAsync(("phone_number", TestPhones.Next().Raw))).Success);

        var updated = await admin.OkAsync("/v1/lists/update", ("list_id", admin.Account.ListId.ToString()), ("name", "Renamed"));

        Assert.Equal("Renamed", updated.GetProperty("name").GetString());
        Assert.Equal(admin.Account.CampaignId.ToString(), updated.GetProperty("campaign_id").GetString());
        Assert.Equal("Y", updated.GetProperty("status").GetString());
        var found = Assert.Single(await admin.EntriesAsync("/v1/lists/search", ("id", admin.Account.ListId.ToString())));
        Assert.Equal(1, found.GetProperty("lead_count").GetInt64());
        Assert.Equal("Renamed", found.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Status_and_archive_are_separate_switches()
    {
        var admin = await NewAdminAsync();
        var list = admin.Account.ListId.ToString();

        var inactive = await admin.OkAsync("/v1/lists/update", ("list_id", list), ("status", "false"));
        Assert.Equal(("N", false), (inactive.GetProperty("status").GetString(), inactive.GetProperty("archived").GetBoolean()));
        var archived = await admin.OkAsync("/v1/lists/archive", ("list_id", list));
        Assert.Equal(("N", true), (archived.GetProperty("status").GetString(), archived.GetProperty("archived").GetBoolean()));
        var unarchived = await admin.OkAsync("/v1/lists/unarchive", ("list_id", list));
        Assert.Equal(("N", false), (unarchived.GetProperty("status").GetString(), unarchived.GetProperty("archived").GetBoolean()));

        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM lists WHERE list_id = $1 AND NOT active AND NOT archived", admin.Account.ListId));
    }

    public static TheoryData<string, string[], int> Refusals => new()
    {
        { "/v1/lists/insert", ["campaign_id", "{campaign}"], 6003 },
        { "/v1/lists/insert", ["name", "", "campaign_id", "{campaign}"], 6003 },
        { "/v1/lists/insert", ["name", "   ", "campaign_id", "{campaign}"], 6003 },
        { "/v1/lists/create", ["campaign_id", "{campaign}"], 6003 },
        { "/v1/lists/insert", ["name", new string('x', 256), "campaign_id", "{campaign}"], 6050 },
        { "/v1/lists/insert", ["name", "tab\there", "campaign_id", "{campaign}"], 6050 },
        { "/v1/lists/insert", ["name", "bell\u0007here", "campaign_id", "{campaign}"], 6050 },
        { "/v1/lists/insert", ["name", "X"], 6050 },
        { "/v1/lists/insert", ["name", "X", "campaign_id", "abc"], 6004 },
        { "/v1/lists/insert", ["name", "X", "campaign_id", "999999999"], 6004 },
        { "/v1/lists/insert", ["name", "X", "campaign_id", "{their-campaign}"], 6004 },
        { "/v1/lists/create", ["name", "X", "campaign_id", "{their-campaign}"], 6004 },
        { "/v1/lists/insert", ["name", "X", "campaign_id", "{campaign}", "description", new string('d', 256)], 6050 },
        { "/v1/lists/insert", ["name", "X", "campaign_id", "{campaign}", "description", "bell\u0007"], 6050 },
        { "/v1/lists/insert", ["name", "X", "campaign_id", "{campaign}", "status", "maybe"], 6050 },
        { "/v1/lists/update", ["name", "X"], 6050 },
        { "/v1/lists/update", ["list_id", "{list}"], 6050 },
        { "/v1/lists/update", ["list_id", "999999999", "name", "X"], 6002 },
        { "/v1/lists/update", ["list_id", "-4", "name", "X"], 6002 },
        { "/v1/lists/update", ["list_id", "{their-list}", "name", "X"], 6002 },
        { "/v1/lists/update", ["list_id", "{their-list}", "status", "0"], 6002 },
        { "/v1/lists/update", ["list_id", "{list}", "campaign_id", "{their-campaign}"], 6004 },
        { "/v1/lists/update", ["list_id", "{list}", "campaign_id", "0"], 6004 },
        { "/v1/lists/update", ["list_id", "{list}", "name", "Y", "campaign_id", "999999999"], 6004 },
        { "/v1/lists/update", ["list_id", "{list}", "status", "2"], 6050 },
        { "/v1/lists/update", ["list_id", "{list}", "name", "Z", "status", "2"], 6050 },
        { "/v1/lists/delete", [], 6050 },
        { "/v1/lists/delete", ["list_id", "{their-list}"], 6002 },
        { "/v1/lists/delete", ["list_id", "abc"], 6002 },
        { "/v1/lists/archive", [], 6050 },
        { "/v1/lists/archive", ["list_id", "{their-list}"], 6002 },
        { "/v1/lists/unarchive", ["list_id", "999999999"], 6002 },
        { "/v1/lists/search", ["offset", "-1"], 6050 },
        { "/v1/lists/search", ["limit", "1001"], 6050 },
        { "/v1/lists/search", ["limit", "0"], 6050 },
        { "/v1/lists/search", ["archived", "maybe"], 6050 },
        { "/v1/lists/search", ["status", "2"], 6050 },
        { "/v1/lists/search", ["id", "x"], 6050 },
        { "/v1/lists/search", ["campaign_id", "x"], 6050 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_with_its_code_and_nothing_changed(string path, string[] fields, int code)
    {
        var admin = await NewAdminAsync();
        var theirs = await leadline.CreateAccountAsync();
        var before = await AdminClient.ListsSnapshotAsync(leadline, admin.Account.AccountId, theirs.AccountId);
        var pairs = AdminClient.Pairs(fields, new Dictionary<string, long>
        {
            ["campaign"] = admin.Account.CampaignId, ["list"] = admin.Account.ListId,
            ["their-campaign"] = theirs.CampaignId, ["their-list"] = theirs.ListId,
        });

        await admin.RefusedAsync(code, path, pairs);

        Assert.Equal(before, await AdminClient.ListsSnapshotAsync(leadline, admin.Account.AccountId, theirs.AccountId));
    }

    [Fact]
    public async Task Another_accounts_lists_are_never_shown_and_their_archive_state_is_untouched()
    {
        var admin = await NewAdminAsync();
        var theirs = new AdminClient(await leadline.CreateAccountAsync());

        Assert.Empty(await admin.EntriesAsync("/v1/lists/search", ("id", theirs.Account.ListId.ToString())));
        Assert.Empty(await admin.EntriesAsync("/v1/lists/search", ("list_id", theirs.Account.ListId.ToString())));
        Assert.Empty(await admin.EntriesAsync("/v1/lists/search", ("campaign_id", theirs.Account.CampaignId.ToString())));
        await admin.RefusedAsync(6002, "/v1/lists/delete", ("list_id", theirs.Account.ListId.ToString()));
        await admin.RefusedAsync(6002, "/v1/lists/archive", ("list_id", theirs.Account.ListId.ToString()));
        await admin.RefusedAsync(6002, "/v1/lists/unarchive", ("list_id", theirs.Account.ListId.ToString()));
        await admin.RefusedAsync(6002, "/v1/lists/update", ("list_id", theirs.Account.ListId.ToString()), ("status", "0"));

        var list = Assert.Single(await theirs.EntriesAsync("/v1/lists/search"));
        Assert.False(list.GetProperty("archived").GetBoolean());
        Assert.Equal("Y", list.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Archiving_takes_leads_out_of_the_hopper_and_out_of_check_dup_but_not_check_dup_archive()
    {
        var admin = await NewAdminAsync();
        var hopper = new HopperClient(admin.Account);
        var phone = TestPhones.Next();
        var lead = (await admin.Account.InsertAsync(("phone_number", phone.Raw), ("hopper", "1"))).LeadId;
        await hopper.WaitForReadyAsync(1);

        var archived = await admin.OkAsync("/v1/lists/delete", ("list_id", admin.Account.ListId.ToString()));

        Assert.True(archived.GetProperty("archived").GetBoolean());
        Assert.Equal(1, archived.GetProperty("removed_from_hopper").GetInt32());
        Assert.Equal(0, await hopper.CountRowsAsync());
        Assert.Empty(await hopper.PullAsync(10));

        var withArchive = await admin.Account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "2"), ("check_dup_archive", "1"));
        Assert.Equal((6009, lead), (withArchive.Code, withArchive.LeadId));
        var plain = await admin.Account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "2"), ("hopper", "1"));
        Assert.True(plain.Success, plain.Json.ToString());
        Assert.Empty(await hopper.PullAsync(10)); // a lead posted to an archived list is stored, never dialed
    }

    [Fact]
    public async Task Unarchiving_makes_the_leads_count_for_check_dup_again()
    {
        var admin = await NewAdminAsync();
        var phone = TestPhones.Next();
        var lead = (await admin.Account.InsertAsync(("phone_number", phone.Raw))).LeadId;
        await admin.OkAsync("/v1/lists/archive", ("list_id", admin.Account.ListId.ToString()));

        var unarchived = await admin.OkAsync("/v1/lists/unarchive", ("list_id", admin.Account.ListId.ToString()));

        Assert.False(unarchived.GetProperty("archived").GetBoolean());
        var again = await admin.Account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "2"));
        Assert.Equal((6009, lead), (again.Code, again.LeadId));
        Assert.Equal(1, await admin.Account.CountLeadsAsync(phone.E164));
    }

    [Fact]
    public async Task Moving_a_list_to_another_campaign_moves_its_leads_for_check_dup_3_and_drops_them_from_the_old_hopper()
    {
        var admin = await NewAdminAsync();
        var oldHopper = new HopperClient(admin.Account);
        var phone = TestPhones.Next();
        var lead = (await admin.Account.InsertAsync(("phone_number", phone.Raw), ("hopper", "1"))).LeadId;
        await oldHopper.WaitForReadyAsync(1);
        var newCampaign = await admin.CreateCampaignAsync("New home");
        var listInNew = await admin.CreateListAsync(newCampaign, "Already there");
        var listInOld = await admin.CreateListAsync(admin.Account.CampaignId, "Stays");

        var moved = await admin.OkAsync("/v1/lists/update", ("list_id", admin.Account.ListId.ToString()), ("campaign_id", newCampaign.ToString()));

        Assert.Equal(newCampaign.ToString(), moved.GetProperty("campaign_id").GetString());
        Assert.Equal(1, moved.GetProperty("removed_from_hopper").GetInt32());
        Assert.Empty(await oldHopper.PullAsync(10));
        Assert.Equal(newCampaign, await leadline.Database.ScalarAsync("SELECT campaign_id FROM leads WHERE lead_id = $1", lead));

        var inNew = await admin.Account.InsertAsync(("list_id", listInNew.ToString()), ("phone_number", phone.Raw), ("check_dup", "3"));
        Assert.Equal((6009, lead), (inNew.Code, inNew.LeadId));
        var inOld = await admin.Account.InsertAsync(("list_id", listInOld.ToString()), ("phone_number", phone.Raw), ("check_dup", "3"));
        Assert.True(inOld.Success, inOld.Json.ToString());
    }

    [Fact]
    public async Task After_a_move_new_leads_of_the_list_go_to_the_new_campaign_and_its_hopper()
    {
        var admin = await NewAdminAsync();
        var newCampaign = await admin.CreateCampaignAsync("New home");
        await admin.OkAsync("/v1/lists/update", ("list_id", admin.Account.ListId.ToString()), ("campaign_id", newCampaign.ToString()));

        var lead = (await admin.Account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("hopper", "1"))).LeadId;

        Assert.Equal(newCampaign, await leadline.Database.ScalarAsync("SELECT campaign_id FROM leads WHERE lead_id = $1", lead));
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM hopper_entries WHERE campaign_id = $1 AND lead_id = $2", newCampaign, lead));
        var newHopper = new HopperClient(admin.Account with { CampaignId = newCampaign });
        await newHopper.WaitForReadyAsync(1);
        Assert.Equal(lead, Assert.Single(await newHopper.PullAsync(5)).LeadId);
    }

    [Fact]
    public async Task An_insert_from_a_host_that_still_has_the_old_campaign_cached_lands_in_the_new_campaign()
    {
        var admin = await NewAdminAsync();
        var oldCampaign = admin.Account.CampaignId;
        var newCampaign = await admin.CreateCampaignAsync("New home");
        var phone = TestPhones.Next();
        var earlier = (await admin.Account.InsertAsync(("phone_number", phone.Raw))).LeadId;
        await admin.OkAsync("/v1/lists/update", ("list_id", admin.Account.ListId.ToString()), ("campaign_id", newCampaign.ToString()));

        // What another API host sends within its cache period: the list with its old campaign.
        var shard = leadline.Cluster.Client.GetGrain<IPhoneShardGrain>(PhoneShardKey.For(admin.Account.AccountId, phone.E164));
        var stale = new LeadInsertCommand(admin.Account.AccountId, admin.Account.ListId, oldCampaign,
            new NormalizedPhone(phone.E164, 1, phone.E164[2..]), new DedupOptions(DupScope.None, false, false, false),
            new HopperRequest(99, null), new LeadFields([], []), 1);
        var outcome = await shard.InsertAsync(stale);

        Assert.Equal(InsertResult.Inserted, outcome.Result);
        Assert.Equal(newCampaign, await leadline.Database.ScalarAsync("SELECT campaign_id FROM leads WHERE lead_id = $1", outcome.LeadId));
        Assert.Equal(0, await leadline.Database.ScalarAsync("SELECT count(*) FROM hopper_entries WHERE campaign_id = $1", oldCampaign));
        var dup = await shard.InsertAsync(stale with { Dedup = new DedupOptions(DupScope.Campaign, false, false, false), Hopper = null });
        Assert.Equal((InsertResult.Duplicate, earlier), (dup.Result, dup.LeadId)); // decided in the new campaign
    }
}
