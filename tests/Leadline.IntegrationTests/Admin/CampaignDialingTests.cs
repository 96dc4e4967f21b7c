using System.Net;
using System.Text.Json;
using Leadline.Grains.Campaigns;
using Leadline.IntegrationTests.Infrastructure;
using Orleans.Runtime;

namespace Leadline.IntegrationTests.Admin;

/// <summary>
/// /v1/campaigns/dialing/search and update over real HTTP, a two-silo cluster and PostgreSQL: the defaults of
/// migration 0011, the round trip, the grain's cache and its rereads (deactivation, campaigns/status), every
/// refusal's code with nothing changed, account isolation.
/// </summary>
public sealed class CampaignDialingTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private const string Search = "/v1/campaigns/dialing/search";
    private const string Update = "/v1/campaigns/dialing/update";

    private async Task<AdminClient> NewAdminAsync() => new(await leadline.CreateAccountAsync());

    private static (string, string) Campaign(AdminClient admin) => ("campaign_id", admin.Account.CampaignId.ToString());

    private ICampaignGrain Grain(long campaignId) => leadline.Cluster.Client.GetGrain<ICampaignGrain>(campaignId);

    [Fact]
    public async Task A_campaign_answers_the_defaults_of_migration_0011_which_are_CampaignDialSettings_Default()
    {
        var admin = await NewAdminAsync();
        // A campaign as an operator creates it (the fixture's own campaigns get hopper level 0).
        var campaignId = (await admin.OkAsync("/v1/campaigns/create", ("name", "Fresh"))).GetProperty("campaign_id").GetInt64();

        var data = await admin.OkAsync(Search, ("campaign_id", campaignId.ToString()));

        Assert.Equal(
            $$"""{"campaign_id":{{campaignId}},"status":"Y","hopper_level":500,"lead_order":"oldest","dialable_statuses":["NEW"],"calling_window":{"sun":"08:00-21:00","mon":"08:00-21:00","tue":"08:00-21:00","wed":"08:00-21:00","thu":"08:00-21:00","fri":"08:00-21:00","sat":"08:00-21:00"},"max_attempts_24h":null,"recycle":{},"unknown_zone_as":null}""",
            data.GetRawText());
        var grain = (await Grain(campaignId).GetDialSettingsAsync())!;
        var expected = CampaignDialSettings.Default(active: true);
        Assert.Equal((expected.Active, expected.HopperLevel, expected.LeadOrder, expected.MaxAttemptsPer24h, expected.UnknownZoneAs),
            (grain.Active, grain.HopperLevel, grain.LeadOrder, grain.MaxAttemptsPer24h, grain.UnknownZoneAs));
        Assert.Equal(expected.DialableStatuses, grain.DialableStatuses);
        Assert.Equal(expected.CallingWindow, grain.CallingWindow);
        Assert.Empty(grain.RecycleMinutes);
    }

    [Fact]
    public async Task Update_answers_the_stored_settings_search_answers_the_same_and_the_row_holds_them()
    {
        var admin = await NewAdminAsync();

        var updated = await admin.OkAsync(Update, Campaign(admin),
            ("hopper_level", "1000"), ("lead_order", "list"), ("dialable_statuses", "new, NA,callbk"),
            ("calling_window", "mon-fri 09:00-20:00; sat 10:00-17:00; sun closed"), ("max_attempts_24h", "3"),
            ("recycle", "NA:240,B:60"), ("unknown_zone_as", "America/Chicago"));

        Assert.Equal(
            $$"""{"campaign_id":{{admin.Account.CampaignId}},"status":"Y","hopper_level":1000,"lead_order":"list","dialable_statuses":["NEW","NA","CALLBK"],"calling_window":{"sun":"closed","mon":"09:00-20:00","tue":"09:00-20:00","wed":"09:00-20:00","thu":"09:00-20:00","fri":"09:00-20:00","sat":"10:00-17:00"},"max_attempts_24h":3,"recycle":{"B":60,"NA":240},"unknown_zone_as":"America/Chicago"}""",
            updated.GetRawText());
        Assert.Equal(updated.GetRawText(), (await admin.OkAsync(Search, Campaign(admin))).GetRawText());
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            """
            SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND hopper_level = 1000 AND lead_order = 'list'
              AND dialable_statuses = '{NEW,NA,CALLBK}' AND calling_window = '[[0,0],[540,1200],[540,1200],[540,1200],[540,1200],[540,1200],[600,1020]]'
              AND max_attempts_24h = 3 AND recycle_minutes = '{"NA":240,"B":60}' AND unknown_zone_as = 'America/Chicago' AND status = 'active'
            """, admin.Account.CampaignId));
    }

    [Fact]
    public async Task Settings_not_given_keep_their_values_days_not_named_keep_their_window_and_blank_optionals_clear()
    {
        var admin = await NewAdminAsync();
        await admin.OkAsync(Update, Campaign(admin), ("calling_window", "daily 10:00-18:00"), ("max_attempts_24h", "5"),
            ("recycle", "NA:60"), ("unknown_zone_as", "America/Denver"), ("hopper_level", "50"));

        var data = await admin.OkAsync(Update, Campaign(admin), ("calling_window", "sat-sun closed"), ("max_attempts_24h", ""),
            ("recycle", ""), ("unknown_zone_as", ""), ("lead_order", ""));

        var window = data.GetProperty("calling_window");
        Assert.Equal(["closed", "10:00-18:00", "10:00-18:00", "10:00-18:00", "10:00-18:00", "10:00-18:00", "closed"],
            window.EnumerateObject().Select(day => day.Value.GetString()));
        Assert.Equal((50, "oldest"), (data.GetProperty("hopper_level").GetInt32(), data.GetProperty("lead_order").GetString()));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("max_attempts_24h").ValueKind);
        Assert.Equal("{}", data.GetProperty("recycle").GetRawText());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("unknown_zone_as").ValueKind);
    }

    [Fact]
    public async Task The_grain_serves_its_cached_copy_and_reads_the_row_again_after_a_deactivation()
    {
        var admin = await NewAdminAsync();
        var campaignId = admin.Account.CampaignId;
        await admin.OkAsync(Update, Campaign(admin), ("hopper_level", "321"), ("dialable_statuses", "NEW,NA"));
        // Behind the grain's back: the cached copy stays what the grain wrote...
        await leadline.Database.ScalarAsync("UPDATE campaigns SET hopper_level = 777 WHERE campaign_id = $1 RETURNING 1", campaignId);
        Assert.Equal(321, (await Grain(campaignId).GetDialSettingsAsync())!.HopperLevel);

        await leadline.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // ...and a fresh activation reads the row: both the API's write and the change made behind it.
        var data = await admin.OkAsync(Search, Campaign(admin));
        Assert.Equal(777, data.GetProperty("hopper_level").GetInt32());
        Assert.Equal(["NEW", "NA"], data.GetProperty("dialable_statuses").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(777, (await Grain(campaignId).GetDialSettingsAsync())!.HopperLevel);
    }

    [Fact]
    public async Task Campaigns_status_and_campaigns_update_flip_Active_in_the_cached_grain()
    {
        var admin = await NewAdminAsync();
        var campaignId = admin.Account.CampaignId;
        var grain = Grain(campaignId);
        Assert.True((await grain.GetDialSettingsAsync())!.Active);

        await admin.SucceedsAsync("/v1/campaigns/status", Campaign(admin), ("status", "0"));
        Assert.False((await grain.GetDialSettingsAsync())!.Active);
        Assert.Equal("N", (await admin.OkAsync(Search, Campaign(admin))).GetProperty("status").GetString());

        await admin.OkAsync("/v1/campaigns/update", Campaign(admin), ("status", "active"));
        Assert.True((await grain.GetDialSettingsAsync())!.Active);

        // Without the refresh the grain keeps its copy: a status written behind its back is seen only after RefreshAsync.
        await leadline.Database.ScalarAsync("UPDATE campaigns SET status = 'inactive' WHERE campaign_id = $1 RETURNING 1", campaignId);
        Assert.True((await grain.GetDialSettingsAsync())!.Active);
        await grain.RefreshAsync();
        Assert.False((await grain.GetDialSettingsAsync())!.Active);
    }

    [Fact]
    public async Task A_dial_settings_update_writes_no_status()
    {
        var admin = await NewAdminAsync();
        await admin.SucceedsAsync("/v1/campaigns/status", Campaign(admin), ("status", "0"));

        var data = await admin.OkAsync(Update, Campaign(admin), ("hopper_level", "10"));

        Assert.Equal("N", data.GetProperty("status").GetString());
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND status = 'inactive'", admin.Account.CampaignId));
    }

    public static TheoryData<string, string[], int> Refusals => new()
    {
        { Update, ["campaign_id", "{campaign}", "hopper_level", "100001"], 6401 },
        { Update, ["campaign_id", "{campaign}", "hopper_level", "-1"], 6401 },
        { Update, ["campaign_id", "{campaign}", "hopper_level", "many"], 6401 },
        { Update, ["campaign_id", "{campaign}", "lead_order", "random"], 6402 },
        { Update, ["campaign_id", "{campaign}", "dialable_statuses", "NEW,,NA"], 6403 },
        { Update, ["campaign_id", "{campaign}", "dialable_statuses", "CALL-BACK"], 6403 },
        { Update, ["campaign_id", "{campaign}", "calling_window", "mon 09:00-17:00; xyz closed"], 6404 },
        { Update, ["campaign_id", "{campaign}", "calling_window", "mon 17:00-09:00"], 6404 },
        { Update, ["campaign_id", "{campaign}", "calling_window", "mon 09:00-17:00;"], 6404 },
        { Update, ["campaign_id", "{campaign}", "calling_window", "mon-fri 09:00-17:00; wed closed"], 6404 },
        { Update, ["campaign_id", "{campaign}", "max_attempts_24h", "101"], 6405 },
        { Update, ["campaign_id", "{campaign}", "max_attempts_24h", "three"], 6405 },
        { Update, ["campaign_id", "{campaign}", "recycle", "NA:0"], 6406 },
        { Update, ["campaign_id", "{campaign}", "recycle", "NA"], 6406 },
        { Update, ["campaign_id", "{campaign}", "unknown_zone_as", "Eastern Standard Time"], 6407 },
        { Update, ["campaign_id", "{campaign}", "unknown_zone_as", "Mars/Olympus_Mons"], 6407 },
        { Update, ["campaign_id", "{campaign}", "hopper_level", "10", "lead_order", "newest", "recycle", "NA:0"], 6406 },
        { Update, ["campaign_id", "{campaign}"], 6050 },
        { Update, ["campaign_id", "{campaign}", "hopper_level", "", "calling_window", " "], 6050 },
        { Update, ["hopper_level", "10"], 6050 },
        { Update, ["campaign_id", "abc", "hopper_level", "10"], 6004 },
        { Update, ["campaign_id", "999999999", "hopper_level", "10"], 6004 },
        { Update, ["campaign_id", "{their-campaign}", "hopper_level", "10"], 6004 },
        { Update, ["campaign_id", "{their-campaign}", "hopper_level", "bad"], 6004 },
        { Search, [], 6050 },
        { Search, ["campaign_id", "999999999"], 6004 },
        { Search, ["campaign_id", "{their-campaign}"], 6004 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Every_refusal_has_its_code_is_HTTP_200_and_changes_nothing(string path, string[] fields, int code)
    {
        var admin = await NewAdminAsync();
        var theirs = new AdminClient(await leadline.CreateAccountAsync());
        var before = await SnapshotAsync(admin, theirs);

        var refused = await admin.RefusedAsync(code, path, AdminClient.Pairs(fields,
            new Dictionary<string, long> { ["campaign"] = admin.Account.CampaignId, ["their-campaign"] = theirs.Account.CampaignId }));

        Assert.DoesNotContain("data", AdminClient.Keys(refused.Json));
        Assert.Equal(before, await SnapshotAsync(admin, theirs));
    }

    [Fact]
    public async Task A_refusal_names_the_parameter_and_what_is_allowed()
    {
        var admin = await NewAdminAsync();

        var answer = await admin.RefusedAsync(6404, Update, Campaign(admin), ("calling_window", "mon 25:00-26:00"));

        Assert.Equal("Invalid value for calling_window: “25:00” is not a time from 00:00 to 24:00 (HH:MM)", answer.Text);
        Assert.Equal(answer.Text, answer.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Another_accounts_campaign_is_answered_exactly_like_an_unknown_one()
    {
        var admin = await NewAdminAsync();
        var theirs = await leadline.CreateAccountAsync();

        var unknown = await admin.PostAsync(Search, ("campaign_id", "999999999"));
        var other = await admin.PostAsync(Search, ("campaign_id", theirs.CampaignId.ToString()));

        Assert.Equal((HttpStatusCode.OK, 6004, "Unknown Campaign ID"), (unknown.Status, unknown.Code, unknown.Text));
        Assert.Equal(unknown.Json.GetRawText(), other.Json.GetRawText());
    }

    [Theory]
    [InlineData(Search)]
    [InlineData(Update)]
    public async Task A_token_without_the_admin_scope_is_refused_5002(string path)
    {
        var admin = await NewAdminAsync();
        var created = await admin.OkAsync("/v1/tokens/create", ("name", "Dialer"), ("scopes", "hopper,leads"));
        var secret = created.GetProperty("auth_token").GetString()!;
        var before = (await Grain(admin.Account.CampaignId).GetDialSettingsAsync())!.HopperLevel;

        var answer = await admin.PostAsync(path, ("auth_token", secret), Campaign(admin), ("hopper_level", (before + 1).ToString()));

        Assert.Equal((HttpStatusCode.OK, false, 5002), (answer.Status, answer.Success, answer.Code));
        Assert.Equal(before, (await Grain(admin.Account.CampaignId).GetDialSettingsAsync())!.HopperLevel);
    }

    [Fact]
    public async Task GET_with_the_query_string_works_and_unknown_parameters_are_listed_as_ignored()
    {
        var admin = await NewAdminAsync();

        var answer = await admin.GetAsync(Update, Campaign(admin), ("lead_order", "newest"), ("colour", "blue"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal("newest", answer.Json.GetProperty("data").GetProperty("lead_order").GetString());
        Assert.Equal(["colour"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_blank_optional_in_the_query_string_clears_it_as_the_docs_curl_does()
    {
        var admin = await NewAdminAsync();
        await admin.OkAsync(Update, Campaign(admin), ("max_attempts_24h", "4"), ("unknown_zone_as", "America/Denver"));

        var answer = await admin.GetAsync(Update, Campaign(admin), ("calling_window", "sat closed"), ("max_attempts_24h", ""), ("unknown_zone_as", ""));

        var data = answer.Json.GetProperty("data");
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, "closed"), (data.GetProperty("max_attempts_24h").ValueKind,
            data.GetProperty("unknown_zone_as").ValueKind, data.GetProperty("calling_window").GetProperty("sat").GetString()));
    }

    public static readonly TheoryData<string, string[]> PathsAndParameters = new()
    {
        { Search, ["auth_token", "campaign_id"] },
        { Update, ["auth_token", "campaign_id", "hopper_level", "lead_order", "dialable_statuses", "calling_window", "max_attempts_24h", "recycle", "unknown_zone_as"] },
    };

    [Theory]
    [MemberData(nameof(PathsAndParameters))]
    public async Task The_openapi_document_lists_both_endpoints_with_their_parameters(string path, string[] parameters)
    {
        using var document = JsonDocument.Parse(await leadline.Http.GetStringAsync("/v1/openapi.json"));

        var item = document.RootElement.GetProperty("paths").GetProperty(path);
        foreach (var method in new[] { "get", "post" })
            Assert.Equal(parameters, item.GetProperty(method).GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    /// <summary>Both accounts' campaign rows with every dial column and status, and what the grain serves for each.</summary>
    private async Task<string> SnapshotAsync(AdminClient mine, AdminClient theirs)
    {
        var rows = await AdminClient.SnapshotAsync(leadline,
            """
            SELECT string_agg(concat_ws('|', campaign_id, name, status, hopper_level, lead_order, dialable_statuses, calling_window,
                                        max_attempts_24h, recycle_minutes, unknown_zone_as, modified_at), ',' ORDER BY campaign_id)
            FROM campaigns WHERE account_id IN ($1, $2)
            """, mine.Account.AccountId, theirs.Account.AccountId);
        var served = new List<string>();
        foreach (var id in new[] { mine.Account.CampaignId, theirs.Account.CampaignId })
            served.Add(JsonSerializer.Serialize(await Grain(id).GetDialSettingsAsync()));
        return rows + "\n" + string.Join("\n", served);
    }
}
