using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Admin;

/// <summary>
/// /v1/campaigns/* and /v1/custom-fields/*: what they change, their refusals, and account isolation. Convoso's
/// shapes field by field are in <see cref="CampaignContractTests"/>.
/// </summary>
public sealed class AdminCampaignAndFieldTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private async Task<AdminClient> NewAdminAsync() => new(await leadline.CreateAccountAsync());

    [Fact]
    public async Task A_campaign_is_created_active_updated_and_searched_with_list_and_lead_counts()
    {
        var admin = await NewAdminAsync();
        var created = await admin.OkAsync("/v1/campaigns/create", ("name", "Solar Q3"));
        var campaignId = created.GetProperty("campaign_id").GetInt64();
        Assert.Equal("Y", created.GetProperty("status").GetString());
        var first = await admin.CreateListAsync(campaignId, "One");
        await admin.CreateListAsync(campaignId, "Two");
        for (var i = 0; i < 3; i++)
            Assert.True((await admin.Account.InsertAsync(("list_id", first.ToString()), ("phone_number", TestPhones.Next().Raw))).Success);

        var updated = await admin.OkAsync("/v1/campaigns/update", ("campaign_id", campaignId.ToString()), ("name", "Solar Q4"), ("status", "INACTIVE"));
        Assert.Equal(("Solar Q4", "N"), (updated.GetProperty("name").GetString(), updated.GetProperty("status").GetString()));
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND status = 'inactive'", campaignId));

        var found = Assert.Single(await admin.EntriesAsync("/v1/campaigns/search", ("name", "solar")));
        Assert.Equal(campaignId, found.GetProperty("id").GetInt64());
        Assert.Equal((2, 3), (found.GetProperty("list_count").GetInt64(), found.GetProperty("lead_count").GetInt64()));
        Assert.Equal(2, (await admin.EntriesAsync("/v1/campaigns/search")).Count);
        Assert.Equal(campaignId, Assert.Single(await admin.EntriesAsync("/v1/campaigns/search", ("status", "inactive"))).GetProperty("id").GetInt64());
        Assert.Equal(admin.Account.CampaignId, Assert.Single(await admin.EntriesAsync("/v1/campaigns/search", ("status", "active"))).GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("1", "active")]
    [InlineData("true", "active")]
    [InlineData("Y", "active")]
    [InlineData("active", "active")]
    [InlineData("0", "inactive")]
    [InlineData("false", "inactive")]
    [InlineData("n", "inactive")]
    [InlineData("Inactive", "inactive")]
    public async Task Create_and_update_take_a_status_as_any_flag_word_or_active_inactive(string status, string stored)
    {
        var admin = await NewAdminAsync();
        var created = (await admin.OkAsync("/v1/campaigns/create", ("name", "Flagged"), ("status", status))).GetProperty("campaign_id").GetInt64();
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND status = $2", created, stored));

        await admin.OkAsync("/v1/campaigns/update", ("campaign_id", admin.Account.CampaignId.ToString()), ("status", status));
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND status = $2", admin.Account.CampaignId, stored));
    }

    public static TheoryData<string, string[], int> CampaignRefusals => new()
    {
        { "/v1/campaigns/create", [], 6050 },
        { "/v1/campaigns/create", ["name", "X", "status", "paused"], 6050 },
        { "/v1/campaigns/create", ["name", new string('x', 256)], 6050 },
        { "/v1/campaigns/update", ["campaign_id", "{campaign}"], 6050 },
        { "/v1/campaigns/update", ["name", "X"], 6050 },
        { "/v1/campaigns/update", ["campaign_id", "999999999", "name", "X"], 6004 },
        { "/v1/campaigns/update", ["campaign_id", "abc", "name", "X"], 6004 },
        { "/v1/campaigns/update", ["campaign_id", "{their-campaign}", "name", "X"], 6004 },
        { "/v1/campaigns/update", ["campaign_id", "{campaign}", "status", "gone"], 6050 },
        { "/v1/campaigns/status", ["campaign_id", "{campaign}"], 6010 },
        { "/v1/campaigns/status", ["campaign_id", "{campaign}", "status", ""], 6010 },
        { "/v1/campaigns/status", ["campaign_id", "{campaign}", "status", "2"], 6050 },
        { "/v1/campaigns/status", ["status", "0"], 6050 },
        { "/v1/campaigns/status", ["campaign_id", "999999999", "status", "0"], 6004 },
        { "/v1/campaigns/status", ["campaign_id", "abc", "status", "0"], 6004 },
        { "/v1/campaigns/status", ["campaign_id", "{their-campaign}", "status", "0"], 6004 },
        { "/v1/campaigns/search", ["offset", "100001"], 6050 },
        { "/v1/campaigns/search", ["status", "x"], 6050 },
        { "/v1/campaigns/search", ["id", "x"], 6050 },
    };

    [Theory]
    [MemberData(nameof(CampaignRefusals))]
    public async Task Campaign_refusals_have_their_code_and_change_nothing(string path, string[] fields, int code)
    {
        var admin = await NewAdminAsync();
        var theirs = await leadline.CreateAccountAsync();
        var before = await AdminClient.CampaignsSnapshotAsync(leadline, admin.Account.AccountId, theirs.AccountId);

        await admin.RefusedAsync(code, path, Fill(fields, admin.Account, theirs));

        Assert.Equal(before, await AdminClient.CampaignsSnapshotAsync(leadline, admin.Account.AccountId, theirs.AccountId));
    }

    [Fact]
    public async Task Another_accounts_campaigns_are_not_shown()
    {
        var admin = await NewAdminAsync();
        var theirs = await leadline.CreateAccountAsync();
        Assert.Empty(await admin.EntriesAsync("/v1/campaigns/search", ("id", theirs.CampaignId.ToString())));
        Assert.Empty(await admin.EntriesAsync("/v1/campaigns/search", ("campaign_id", theirs.CampaignId.ToString())));
        Assert.Equal(admin.Account.CampaignId, Assert.Single(await admin.EntriesAsync("/v1/campaigns/search")).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_custom_field_is_accepted_by_insert_at_once_and_ignored_after_delete()
    {
        var admin = await NewAdminAsync();
        // Warm this host's custom field cache first: creation must not wait for it to expire.
        Assert.Contains("policy_no", IgnoredOf(await admin.Account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("policy_no", "A1"))));

        var created = await admin.OkAsync("/v1/custom-fields/create", ("name", "policy_no"), ("label", "Policy number"), ("max_length", "12"));
        Assert.Equal(("Policy number", 12), (created.GetProperty("label").GetString(), created.GetProperty("max_length").GetInt32()));

        var stored = await admin.Account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("policy_no", "P-778"));
        Assert.True(stored.Success, stored.Json.ToString());
        Assert.Empty(IgnoredOf(stored));
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND custom_fields->>'policy_no' = 'P-778'", stored.LeadId));
        Assert.False((await admin.Account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("policy_no", new string('9', 13)))).Success);

        var found = Assert.Single(await admin.SearchAsync("/v1/custom-fields/search"));
        Assert.Equal("policy_no", found.GetProperty("name").GetString());

        var deleted = await admin.OkAsync("/v1/custom-fields/delete", ("name", "policy_no"));
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Contains("policy_no", IgnoredOf(await admin.Account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("policy_no", "A2"))));
        Assert.Empty(await admin.SearchAsync("/v1/custom-fields/search"));
    }

    public static TheoryData<string, string[], int> FieldRefusals => new()
    {
        { "/v1/custom-fields/create", [], 6050 },
        { "/v1/custom-fields/create", ["name", "Policy"], 6050 },
        { "/v1/custom-fields/create", ["name", "1policy"], 6050 },
        { "/v1/custom-fields/create", ["name", "policy-no"], 6050 },
        { "/v1/custom-fields/create", ["name", "first_name"], 6050 },
        { "/v1/custom-fields/create", ["name", "created_by"], 6050 },
        { "/v1/custom-fields/create", ["name", "hopper"], 6050 },
        { "/v1/custom-fields/create", ["name", "lead_id"], 6050 },
        { "/v1/custom-fields/create", ["name", new string('a', 65)], 6050 },
        { "/v1/custom-fields/create", ["name", "policy", "max_length", "0"], 6050 },
        { "/v1/custom-fields/create", ["name", "policy", "max_length", "4001"], 6050 },
        { "/v1/custom-fields/create", ["name", "policy", "label", new string('l', 101)], 6050 },
        { "/v1/custom-fields/create", ["name", "existing"], 6203 },
        { "/v1/custom-fields/delete", [], 6050 },
        { "/v1/custom-fields/delete", ["name", "missing"], 6202 },
        { "/v1/custom-fields/delete", ["name", "theirs_only"], 6202 },
        { "/v1/custom-fields/search", ["limit", "x"], 6050 },
        { "/v1/custom-fields/create", ["name", "policy", "max_length", "12.5"], 6050 },
    };

    [Theory]
    [MemberData(nameof(FieldRefusals))]
    public async Task Custom_field_refusals_have_their_code_and_change_nothing(string path, string[] fields, int code)
    {
        var admin = await NewAdminAsync();
        var theirs = await leadline.CreateAccountAsync();
        await admin.OkAsync("/v1/custom-fields/create", ("name", "existing"));
        await new AdminClient(theirs).OkAsync("/v1/custom-fields/create", ("name", "theirs_only"));
        const string Sql = "SELECT string_agg(account_id || name || label || max_length, ',' ORDER BY account_id, name) FROM custom_field_definitions WHERE account_id IN ($1, $2)";
        var before = await SnapshotAsync(Sql, admin, theirs);

        await admin.RefusedAsync(code, path, Fill(fields, admin.Account, theirs));

        Assert.Equal(before, await SnapshotAsync(Sql, admin, theirs));
    }

    [Fact]
    public async Task Another_accounts_custom_fields_are_not_shown_and_its_names_are_free_here()
    {
        var admin = await NewAdminAsync();
        var theirs = new AdminClient(await leadline.CreateAccountAsync());
        await theirs.OkAsync("/v1/custom-fields/create", ("name", "shared_name"));

        Assert.Empty(await admin.SearchAsync("/v1/custom-fields/search"));
        await admin.OkAsync("/v1/custom-fields/create", ("name", "shared_name"), ("label", "Mine"));
        Assert.Equal("shared_name", Assert.Single(await theirs.SearchAsync("/v1/custom-fields/search")).GetProperty("label").GetString());
    }

    private static string[] IgnoredOf(ApiAnswer answer) =>
        answer.Json.TryGetProperty("ignored", out var ignored) ? ignored.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];

    private static (string, string)[] Fill(string[] fields, TestAccount mine, TestAccount theirs) =>
        AdminClient.Pairs(fields, new Dictionary<string, long> { ["campaign"] = mine.CampaignId, ["their-campaign"] = theirs.CampaignId });

    [Fact]
    public async Task Custom_field_search_answers_a_leadline_page_with_total_as_a_string()
    {
        var admin = await NewAdminAsync();
        await admin.OkAsync("/v1/custom-fields/create", ("name", "alpha"));
        await admin.OkAsync("/v1/custom-fields/create", ("name", "beta"));

        var page = await admin.OkAsync("/v1/custom-fields/search", ("limit", "1"), ("offset", "1"));

        Assert.Equal((1, 1, "2"), (page.GetProperty("offset").GetInt32(), page.GetProperty("limit").GetInt32(), page.GetProperty("total").GetString()));
        Assert.Equal("beta", Assert.Single(page.GetProperty("entries").EnumerateArray()).GetProperty("name").GetString());
    }

    private Task<string> SnapshotAsync(string sql, AdminClient mine, TestAccount theirs) =>
        AdminClient.SnapshotAsync(leadline, sql, mine.Account.AccountId, theirs.AccountId);
}
