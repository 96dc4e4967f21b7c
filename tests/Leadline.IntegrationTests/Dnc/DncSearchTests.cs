using System.Net;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Dnc;

public class DncSearchTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private static async Task<(long Total, List<JsonElement> Entries)> SearchAsync(DncClient dnc, params (string, string)[] filters)
    {
        var answer = await dnc.PostAsync("search", filters);
        Assert.True(answer.Success, answer.Json.ToString());
        var data = DncClient.Data(answer);
        return (long.Parse(data.GetProperty("total").GetString()!), data.GetProperty("entries").EnumerateArray().ToList());
    }

    private static List<long> Ids(List<JsonElement> entries) => entries.Select(e => long.Parse(e.GetProperty("id").GetString()!)).ToList();

    [Fact]
    public async Task Filters_by_id_campaign_phone_in_any_format_and_reason()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var global = await dnc.InsertAsync(phone, reason: "asked");
        var campaign = await dnc.InsertAsync(phone, account.CampaignId, reason: "angry");
        var other = await dnc.InsertAsync(TestPhones.Next(), reason: "asked");

        Assert.Equal([campaign], Ids((await SearchAsync(dnc, ("id", campaign.ToString()))).Entries));
        Assert.Equal([global, other], Ids((await SearchAsync(dnc, ("campaign_id", "0"))).Entries));
        Assert.Equal([campaign], Ids((await SearchAsync(dnc, ("campaign_id", account.CampaignId.ToString()))).Entries));
        Assert.Equal([global, campaign], Ids((await SearchAsync(dnc, ("phone_number", phone.E164[2..]))).Entries));
        Assert.Equal([global, campaign], Ids((await SearchAsync(dnc, ("phone_number", "+1 " + phone.Raw))).Entries));
        Assert.Equal([global, other], Ids((await SearchAsync(dnc, ("reason", "asked"))).Entries));
        Assert.Equal([global], Ids((await SearchAsync(dnc, ("reason", "asked"), ("phone_number", phone.Raw))).Entries));
        Assert.Empty((await SearchAsync(dnc, ("id", "999999999"))).Entries);
    }

    [Fact]
    public async Task Filters_by_purpose_and_its_blank_markers()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var telemarketing = DncClient.Id(await dnc.PostAsync("insert", ("phone_number", TestPhones.Next().Raw), ("purpose", "TELEMKT")));
        var informational = DncClient.Id(await dnc.PostAsync("insert", ("phone_number", TestPhones.Next().Raw), ("purpose", "INFORM")));
        var none = await dnc.InsertAsync(TestPhones.Next());

        Assert.Equal([telemarketing], Ids((await SearchAsync(dnc, ("purpose", "TELEMKT"))).Entries));
        Assert.Equal([none], Ids((await SearchAsync(dnc, ("purpose", "-BLANK-"))).Entries));
        Assert.Equal([telemarketing, informational], Ids((await SearchAsync(dnc, ("purpose", "-NOTBLANK-"))).Entries));
    }

    [Fact]
    public async Task An_entry_shows_every_field()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var inserted = await dnc.PostAsync("insert", ("phone_number", "(727) 555-0199"), ("campaign_id", account.CampaignId.ToString()),
            ("reason", "r"), ("purpose", "p"));
        var id = DncClient.Id(inserted);

        var global = await dnc.InsertAsync(TestPhones.Next());
        var entries = (await SearchAsync(dnc)).Entries;
        var entry = entries[0];

        Assert.Equal([id, global], Ids(entries));
        Assert.Equal(id.ToString(), entry.GetProperty("id").GetString());
        Assert.Equal("Campaign A", entry.GetProperty("campaign_name").GetString());
        Assert.Equal("Global DNC", entries[1].GetProperty("campaign_name").GetString());
        Assert.Equal(("", ""), (entries[1].GetProperty("reason").GetString(), entries[1].GetProperty("purpose").GetString()));
        Assert.Equal(account.CampaignId.ToString(), entry.GetProperty("campaign_id").GetString());
        Assert.Equal(("7275550199", "1", "+17275550199"), (entry.GetProperty("phone_number").GetString(),
            entry.GetProperty("phone_code").GetString(), entry.GetProperty("phone_e164").GetString()));
        Assert.Equal(("r", "p"), (entry.GetProperty("reason").GetString(), entry.GetProperty("purpose").GetString()));
        var insertDate = DateTimeOffset.Parse(entry.GetProperty("insert_date").GetString()!);
        Assert.InRange(insertDate, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Blank_and_notblank_reasons_split_the_entries()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var withReason = await dnc.InsertAsync(TestPhones.Next(), reason: "asked");
        var withoutReason = await dnc.InsertAsync(TestPhones.Next());
        var blankReason = await dnc.InsertAsync(TestPhones.Next(), reason: "  ");

        Assert.Equal([withoutReason, blankReason], Ids((await SearchAsync(dnc, ("reason", "-BLANK-"))).Entries));
        Assert.Equal([withReason], Ids((await SearchAsync(dnc, ("reason", "-NOTBLANK-"))).Entries));
    }

    [Fact]
    public async Task Offset_and_limit_page_through_a_stable_total()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
            ids.Add(await dnc.InsertAsync(TestPhones.Next()));

        var first = await SearchAsync(dnc, ("limit", "3"));
        var second = await SearchAsync(dnc, ("limit", "3"), ("offset", "3"));
        var last = await SearchAsync(dnc, ("limit", "3"), ("offset", "6"));
        var beyond = await SearchAsync(dnc, ("offset", "100"));
        var defaults = await dnc.PostAsync("search");

        Assert.Equal([7L, 7, 7, 7], [first.Total, second.Total, last.Total, beyond.Total]);
        Assert.Equal(ids, Ids(first.Entries).Concat(Ids(second.Entries)).Concat(Ids(last.Entries)));
        Assert.Empty(beyond.Entries);
        Assert.Equal((0, 100), (DncClient.Data(defaults).GetProperty("offset").GetInt32(), DncClient.Data(defaults).GetProperty("limit").GetInt32()));
    }

    [Fact]
    public async Task Insert_date_matches_the_utc_day_or_a_range()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var id = await dnc.InsertAsync(TestPhones.Next());
        // The day the database stamped, not the test's clock: an insert just before midnight stays right.
        var inserted = DateTimeOffset.Parse(Assert.Single((await SearchAsync(dnc)).Entries).GetProperty("insert_date").GetString()!).UtcDateTime;
        var today = inserted.ToString("yyyy-MM-dd");
        var yesterday = inserted.AddDays(-1).ToString("yyyy-MM-dd");
        var tomorrow = inserted.AddDays(1).ToString("yyyy-MM-dd");

        Assert.Equal([id], Ids((await SearchAsync(dnc, ("insert_date", today))).Entries));
        Assert.Empty((await SearchAsync(dnc, ("insert_date", yesterday))).Entries);
        Assert.Equal([id], Ids((await SearchAsync(dnc, ("insert_date_start", yesterday), ("insert_date_end", tomorrow))).Entries));
        Assert.Empty((await SearchAsync(dnc, ("insert_date_start", tomorrow))).Entries);
        Assert.Empty((await SearchAsync(dnc, ("insert_date_end", yesterday))).Entries);
    }

    [Fact]
    public async Task Bad_values_are_refused_with_convosos_search_dnc_codes_at_http_200()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);

        ApiAnswer[] answers =
        [
            await dnc.PostAsync("search", ("limit", "1001")),
            await dnc.PostAsync("search", ("limit", "0")),
            await dnc.PostAsync("search", ("offset", "100001")),
            await dnc.PostAsync("search", ("offset", "-1")),
            await dnc.PostAsync("search", ("id", "abc")),
            await dnc.PostAsync("search", ("insert_date", "yesterday")),
            await dnc.PostAsync("search", ("phone_number", "12")),
            await dnc.PostAsync("search", ("phone_code", "999")),
            await dnc.PostAsync("search", ("campaign_id", "999999999")),
            await dnc.PostAsync("search", ("campaign_id", "abc")),
            await dnc.PostAsync("search", ("reason", new string('r', 256))),
            await dnc.PostAsync("search", ("purpose", new string('p', 256))),
            await dnc.PostAsync("search", ("auth_token", "nope")),
        ];

        Assert.Equal([7230, 7230, 7231, 7231, 6056, 6050, 6007, 6026, 6006, 6006, 6058, 6057, 5001], answers.Select(a => a.Code));
        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, false), (a.Status, a.Success)));
        Assert.StartsWith("Invalid limit value", answers[0].Text);
        Assert.StartsWith("Invalid offset value", answers[2].Text);
    }

    [Fact]
    public async Task Unknown_parameters_are_listed_as_ignored_and_the_search_still_answers()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var id = await dnc.InsertAsync(TestPhones.Next());

        var answer = await dnc.PostAsync("search", ("campaign_uid", "0"), ("sort", "asc"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(["campaign_uid", "sort"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal([id], Ids(DncClient.Data(answer).GetProperty("entries").EnumerateArray().ToList()));
    }

    [Fact]
    public async Task Another_accounts_entries_are_never_found()
    {
        var account = await leadline.CreateAccountAsync();
        var stranger = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var mine = await dnc.InsertAsync(phone);
        var theirs = await new DncClient(stranger).InsertAsync(phone);

        Assert.Equal([mine], Ids((await SearchAsync(dnc)).Entries));
        Assert.Equal([mine], Ids((await SearchAsync(dnc, ("phone_number", phone.Raw))).Entries));
        Assert.Equal((0L, 0), ((await SearchAsync(dnc, ("id", theirs.ToString()))).Total, (await SearchAsync(dnc, ("id", theirs.ToString()))).Entries.Count));
        var theirCampaign = await dnc.PostAsync("search", ("campaign_id", stranger.CampaignId.ToString()));
        var noCampaign = await dnc.PostAsync("search", ("campaign_id", "999999999"));
        Assert.Equal(noCampaign.Json.ToString(), theirCampaign.Json.ToString());
    }
}
