using System.Net;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Admin;

/// <summary>
/// Convoso's Campaigns Search / Campaigns Status over real HTTP, from the documented examples: the answer
/// checked field by field (ids integers, status "Y"/"N", data an array; status answers exactly
/// <c>{"success":true}</c>), the filters, flags as 1/0, true/false and Y/N, Convoso's codes 6004 and 6010.
/// </summary>
public sealed class CampaignContractTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private async Task<AdminClient> NewAdminAsync() => new(await leadline.CreateAccountAsync());

    // POST https://api.convoso.com/v1/campaigns/search?auth_token=TOKEN
    // {"success": true, "data": [{"id": 111, "name": "Sales Campaign", "status": "Y", "last_call_date": null}]}
    [Fact]
    public async Task Campaigns_search_answers_Convosos_example_with_data_an_array_of_integer_ids_and_Y_N_statuses()
    {
        var admin = await NewAdminAsync();
        var paused = await admin.CreateCampaignAsync("Paused");
        await admin.SucceedsAsync("/v1/campaigns/status", ("campaign_id", paused.ToString()), ("status", "0"));

        var answer = await admin.PostQueryAsync("/v1/campaigns/search");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.True, answer.Json.GetProperty("success").ValueKind);
        var data = answer.Json.GetProperty("data");
        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        var entries = data.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        foreach (var entry in entries)
        {
            Assert.Equal(["id", "name", "status", "last_call_date"], AdminClient.Keys(entry)[..4]);
            Assert.Equal(JsonValueKind.Number, entry.GetProperty("id").ValueKind);
            Assert.Equal(JsonValueKind.String, entry.GetProperty("name").ValueKind);
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("last_call_date").ValueKind);
        }
        Assert.Equal((admin.Account.CampaignId, "Campaign A", "Y"), (entries[0].GetProperty("id").GetInt64(),
            entries[0].GetProperty("name").GetString(), entries[0].GetProperty("status").GetString()));
        Assert.Equal((paused, "Paused", "N"), (entries[1].GetProperty("id").GetInt64(),
            entries[1].GetProperty("name").GetString(), entries[1].GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Campaigns_search_by_id_or_campaign_id_answers_only_that_campaign()
    {
        var admin = await NewAdminAsync();
        var second = await admin.CreateCampaignAsync("Second");

        Assert.Equal(second, Assert.Single(await admin.EntriesAsync("/v1/campaigns/search", ("id", second.ToString()))).GetProperty("id").GetInt64());
        Assert.Equal(second, Assert.Single(await admin.EntriesAsync("/v1/campaigns/search", ("campaign_id", second.ToString()))).GetProperty("id").GetInt64());
        Assert.Empty(await admin.EntriesAsync("/v1/campaigns/search", ("id", "999999999")));
    }

    [Theory]
    [InlineData("1", "Y")]
    [InlineData("Y", "Y")]
    [InlineData("true", "Y")]
    [InlineData("0", "N")]
    [InlineData("n", "N")]
    [InlineData("false", "N")]
    [InlineData("inactive", "N")]
    public async Task Campaigns_search_by_status_answers_only_campaigns_of_that_status(string status, string shown)
    {
        var admin = await NewAdminAsync();
        var paused = await admin.CreateCampaignAsync("Paused");
        await admin.SucceedsAsync("/v1/campaigns/status", ("campaign_id", paused.ToString()), ("status", "0"));

        var entry = Assert.Single(await admin.EntriesAsync("/v1/campaigns/search", ("status", status)));

        Assert.Equal(shown, entry.GetProperty("status").GetString());
        Assert.Equal(shown == "Y" ? admin.Account.CampaignId : paused, entry.GetProperty("id").GetInt64());
    }

    // POST https://api.convoso.com/v1/campaigns/status?auth_token=TOKEN&campaign_id=3471&status=1   →   {"success": true}
    [Theory]
    [InlineData("0", "1")]
    [InlineData("false", "true")]
    [InlineData("N", "Y")]
    [InlineData("no", "yes")]
    public async Task Campaigns_status_answers_exactly_success_true_and_stores_the_status(string off, string on)
    {
        var admin = await NewAdminAsync();
        var campaign = admin.Account.CampaignId;

        var deactivated = await admin.PostQueryAsync("/v1/campaigns/status", ("campaign_id", campaign.ToString()), ("status", off));

        Assert.Equal(HttpStatusCode.OK, deactivated.Status);
        Assert.Equal("""{"success":true}""", deactivated.Json.GetRawText());
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND status = 'inactive'", campaign));
        Assert.Equal("N", Assert.Single(await admin.EntriesAsync("/v1/campaigns/search", ("id", campaign.ToString()))).GetProperty("status").GetString());

        var activated = await admin.PostQueryAsync("/v1/campaigns/status", ("campaign_id", campaign.ToString()), ("status", on));

        Assert.Equal("""{"success":true}""", activated.Json.GetRawText());
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND status = 'active'", campaign));
    }

    [Fact]
    public async Task Campaigns_status_without_status_is_Convosos_6010_Missing_status_and_changes_nothing()
    {
        var admin = await NewAdminAsync();
        var before = await AdminClient.CampaignsSnapshotAsync(leadline, admin.Account.AccountId, admin.Account.AccountId);

        var answer = await admin.PostQueryAsync("/v1/campaigns/status", ("campaign_id", admin.Account.CampaignId.ToString()));

        Assert.Equal((HttpStatusCode.OK, false, 6010, "Missing status"), (answer.Status, answer.Success, answer.Code, answer.Text));
        Assert.Equal(before, await AdminClient.CampaignsSnapshotAsync(leadline, admin.Account.AccountId, admin.Account.AccountId));
    }

    [Fact]
    public async Task Campaigns_status_of_an_unknown_or_another_accounts_campaign_is_Convosos_6004_Unknown_Campaign_ID()
    {
        var admin = await NewAdminAsync();
        var theirs = await leadline.CreateAccountAsync();

        var unknown = await admin.PostQueryAsync("/v1/campaigns/status", ("campaign_id", "999999999"), ("status", "1"));
        var other = await admin.PostQueryAsync("/v1/campaigns/status", ("campaign_id", theirs.CampaignId.ToString()), ("status", "0"));

        Assert.Equal((HttpStatusCode.OK, 6004, "Unknown Campaign ID"), (unknown.Status, unknown.Code, unknown.Text));
        Assert.Equal(unknown.Json.GetRawText(), other.Json.GetRawText());
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND status = 'active'", theirs.CampaignId));
    }

    [Fact]
    public async Task Campaigns_search_answers_GET_and_lists_unknown_parameters_as_ignored()
    {
        var admin = await NewAdminAsync();

        var answer = await admin.GetAsync("/v1/campaigns/search", ("colour", "blue"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(admin.Account.CampaignId, Assert.Single(answer.Json.GetProperty("data").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(["colour"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
    }
}
