using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Search;

/// <summary>
/// Every filter and some combinations against a known data set (<see cref="SearchDataSet"/>): the answer
/// holds exactly the matching live leads in search order, and its total is their number.
/// </summary>
public sealed class SearchFilterTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private sealed record Case((string Name, string Value)[] Parameters, Func<SeedLead, bool> Matches, bool ByUpdatedAt = false);

    private static SeedLead Pick(SearchDataSet data, Func<SeedLead, bool> where) => data.Live.Where(where).Skip(3).First();

    private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static DateTime Utc(int month, int day, int hour = 0, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, Func<SearchDataSet, Case>> Cases = new()
    {
        ["lead_id"] = d => { var l = Pick(d, _ => true); return new([("lead_id", l.LeadId.ToString())], x => x.LeadId == l.LeadId); },
        ["lead_id of a deleted lead"] = d => { var l = d.Leads.First(x => x.Deleted); return new([("lead_id", l.LeadId.ToString())], _ => false); },
        ["list_id"] = d => new([("list_id", d.SecondListId.ToString())], l => l.ListId == d.SecondListId),
        ["campaign_id"] = d => new([("campaign_id", d.OtherCampaignId.ToString())], l => l.CampaignId == d.OtherCampaignId),
        ["campaign_id of two lists, merged newest first"] = d => new([("campaign_id", d.Account.CampaignId.ToString())], l => l.CampaignId == d.Account.CampaignId),
        ["campaign_id and list_id"] = d => new([("campaign_id", d.Account.CampaignId.ToString()), ("list_id", d.SecondListId.ToString())],
            l => l.ListId == d.SecondListId),
        ["campaign_id and updated_at range"] = d => new(
            [("campaign_id", d.Account.CampaignId.ToString()), ("updated_at_start_date", "2026-01-12"), ("updated_at_end_date", "2026-02-20")],
            l => l.CampaignId == d.Account.CampaignId && l.ModifiedAt >= Utc(1, 12) && l.ModifiedAt < Utc(2, 21), ByUpdatedAt: true),
        ["updated_at end only"] = d => new([("updated_at_end_date", "2026-01-15")], l => l.ModifiedAt < Utc(1, 16), ByUpdatedAt: true),
        ["status"] = d => new([("status", "SALE")], l => l.Status == "SALE"),
        ["owner_id is exact"] = d => new([("owner_id", "agent1")], l => l.OwnerId == "agent1"),
        ["created_by a user id"] = d => new([("created_by", d.OperatorUserId.ToString())], l => l.CreatedBy == d.OperatorUserId),
        ["created_by System API User"] = d => new([("created_by", "System API User")], l => l.CreatedBy == d.ApiUserId),
        ["created_by system api user, any case"] = d => new([("created_by", "system api user")], l => l.CreatedBy == d.ApiUserId),
        ["user_id of the operator"] = d => new([("user_id", d.OperatorUserId.ToString())], l => l.CreatedBy == d.OperatorUserId),
        ["user_id of the API user"] = d => new([("user_id", d.ApiUserId.ToString())], l => l.CreatedBy == d.ApiUserId),
        ["user_id and list_id"] = d => new([("user_id", d.OperatorUserId.ToString()), ("list_id", d.SecondListId.ToString())],
            l => l.CreatedBy == d.OperatorUserId && l.ListId == d.SecondListId),
        ["user_id and campaign_id"] = d => new([("user_id", d.ApiUserId.ToString()), ("campaign_id", d.Account.CampaignId.ToString())],
            l => l.CreatedBy == d.ApiUserId && l.CampaignId == d.Account.CampaignId),
        ["user_id and updated_at range"] = d => new([("user_id", d.OperatorUserId.ToString()), ("updated_at_start_date", "2026-01-20")],
            l => l.CreatedBy == d.OperatorUserId && l.ModifiedAt >= Utc(1, 20), ByUpdatedAt: true),
        ["user_id and created_by must both hold"] = d => new([("user_id", d.OperatorUserId.ToString()), ("created_by", "System API User")], _ => false),
        ["another user_id (no such user) finds nothing"] = d => new([("user_id", "999999999")], _ => false),
        ["first_name ignores case"] = d => new([("first_name", "ANN")], l => Same(l.FirstName, "ann")),
        ["last_name ignores case"] = d => new([("last_name", "smith")], l => Same(l.LastName, "smith")),
        ["last_name with an apostrophe"] = d => new([("last_name", "o'neil")], l => l.LastName == "O'Neil"),
        ["email ignores case"] = d => { var l = Pick(d, x => x.Email is not null); return new([("email", l.Email!.ToUpperInvariant())], x => Same(x.Email, l.Email!)); },
        ["city ignores case"] = d => new([("city", "TAMPA")], l => Same(l.City, "tampa")),
        ["state"] = d => new([("state", "fl")], l => Same(l.State, "FL")),
        ["postal_code"] = d => new([("postal_code", "33602")], l => l.PostalCode == "33602"),
        ["country"] = d => new([("country", "CA")], l => l.Country == "CA"),
        ["phone_number written with punctuation"] = d => { var l = Pick(d, _ => true); return new([("phone_number", $"({l.National[..3]}) {l.National[3..6]}-{l.National[6..]}")], x => x.E164 == l.E164); },
        ["alt_phone_1 in another format than stored"] = d => { var l = Pick(d, x => x.AltPhone1 is not null); return new([("alt_phone_1", $"{l.AltPhone1![2..5]}.{l.AltPhone1[5..8]}.{l.AltPhone1[8..]}")], x => x.AltPhone1 == l.AltPhone1); },
        ["custom field"] = d => new([(SearchDataSet.CustomField, "web")], l => l.Source == "web"),
        ["created_at date range includes the whole end day"] = d => new(
            [("created_at_start_date", "2026-01-10"), ("created_at_end_date", "2026-01-20")],
            l => l.CreatedAt >= Utc(1, 10) && l.CreatedAt < Utc(1, 21)),
        ["created_at date-time range, end inclusive"] = d =>
        {
            var end = Pick(d, l => l.CreatedAt > Utc(1, 25));
            return new(
                [("created_at_start_date", "2026-01-15 06:30:00"), ("created_at_end_date", end.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"))],
                l => l.CreatedAt >= Utc(1, 15, 6, 30) && l.CreatedAt <= end.CreatedAt);
        },
        ["created_at start with an offset"] = d => new(
            [("created_at_start_date", "2026-02-10T08:00:00-05:00")], l => l.CreatedAt >= Utc(2, 10, 13)),
        ["created_at end only"] = d => new([("created_at_end_date", "2026-01-05")], l => l.CreatedAt < Utc(1, 6)),
        ["updated_at range, ordered by updated_at"] = d => new(
            [("updated_at_start_date", "2026-01-20"), ("updated_at_end_date", "2026-02-05")],
            l => l.ModifiedAt >= Utc(1, 20) && l.ModifiedAt < Utc(2, 6), ByUpdatedAt: true),
        ["list_id and status"] = d => new([("list_id", d.Account.ListId.ToString()), ("status", "NEW")],
            l => l.ListId == d.Account.ListId && l.Status == "NEW"),
        ["campaign_id and created_at range"] = d => new(
            [("campaign_id", d.Account.CampaignId.ToString()), ("created_at_start_date", "2026-01-08"), ("created_at_end_date", "2026-02-01")],
            l => l.CampaignId == d.Account.CampaignId && l.CreatedAt >= Utc(1, 8) && l.CreatedAt < Utc(2, 2)),
        ["last_name and first_name"] = d => new([("last_name", "SMITH"), ("first_name", "ann")],
            l => Same(l.LastName, "smith") && Same(l.FirstName, "ann")),
        ["status and updated_at range"] = d => new([("status", "NA"), ("updated_at_start_date", "2026-01-25 12:00")],
            l => l.Status == "NA" && l.ModifiedAt >= Utc(1, 25, 12), ByUpdatedAt: true),
        ["System API User, list, city and owner"] = d => new(
            [("created_by", "System API User"), ("list_id", d.SecondListId.ToString()), ("city", "tampa"), ("owner_id", "agent2")],
            l => l.CreatedBy == d.ApiUserId && l.ListId == d.SecondListId && Same(l.City, "tampa") && l.OwnerId == "agent2"),
        ["another account's lead values find nothing"] = d => new([("list_id", "999999999")], _ => false),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Filter_finds_exactly_the_matching_live_leads_in_order(string name)
    {
        var data = await SearchDataSet.CreateAsync(leadline);
        var search = Cases[name](data);
        var ordered = search.ByUpdatedAt
            ? data.Leads.Where(l => !l.Deleted).OrderByDescending(l => l.ModifiedAt).ThenByDescending(l => l.LeadId)
            : data.Live;
        var expected = ordered.Where(search.Matches).Select(l => l.LeadId).ToList();

        var page = await new SearchClient(data.Account).SearchAsync([.. search.Parameters, ("limit", "2000")]);

        Assert.Equal(expected.Count, page.Total);
        Assert.False(page.TotalIsEstimate);
        Assert.Equal(expected, page.LeadIds);
        if (name is not ("lead_id of a deleted lead" or "user_id and created_by must both hold") && !name.StartsWith("another", StringComparison.Ordinal))
            Assert.NotEmpty(expected); // the data set must exercise the filter
    }

    [Theory]
    [InlineData("list")]
    [InlineData("campaign of two lists")]
    [InlineData("updated_at")]
    public async Task Pages_of_a_search_join_into_the_whole_result_without_gaps_or_repeats(string filter)
    {
        var data = await SearchDataSet.CreateAsync(leadline, count: 400);
        var (parameter, expected) = filter switch
        {
            "list" => (("list_id", data.Account.ListId.ToString()),
                data.Live.Where(l => l.ListId == data.Account.ListId).Select(l => l.LeadId).ToList()),
            "campaign of two lists" => (("campaign_id", data.Account.CampaignId.ToString()),
                data.Live.Where(l => l.CampaignId == data.Account.CampaignId).Select(l => l.LeadId).ToList()),
            _ => (("updated_at_start_date", "2026-01-01"),
                data.Live.OrderByDescending(l => l.ModifiedAt).ThenByDescending(l => l.LeadId).Select(l => l.LeadId).ToList()),
        };
        var client = new SearchClient(data.Account);

        var seen = new List<long>();
        for (var offset = 0; offset < expected.Count + 7; offset += 7)
        {
            var page = await client.SearchAsync(parameter, ("offset", offset.ToString()), ("limit", "7"));
            Assert.Equal((offset, 7, (long)expected.Count), (page.Offset, page.Limit, page.Total));
            Assert.Equal(Math.Clamp(expected.Count - offset, 0, 7), page.LeadIds.Count);
            seen.AddRange(page.LeadIds);
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Limit_defaults_to_10_and_2000_is_allowed()
    {
        var data = await SearchDataSet.CreateAsync(leadline, count: 2100);
        var live = data.Live.Select(l => l.LeadId).ToList();
        var client = new SearchClient(data.Account);

        var byDefault = await client.SearchAsync();
        var most = await client.SearchAsync(("limit", "2000"));

        Assert.Equal((0, 10, (long)live.Count), (byDefault.Offset, byDefault.Limit, byDefault.Total));
        Assert.Equal(live.Take(10), byDefault.LeadIds);
        Assert.True(live.Count > 2000);
        Assert.Equal(live.Take(2000), most.LeadIds);
    }

    [Fact]
    public async Task Total_past_the_exact_count_limit_is_an_estimate_and_below_it_exact()
    {
        var account = await leadline.CreateAccountAsync();
        const int leads = Leadline.ApiHost.Leads.Search.LeadSearchOptions.DefaultExactCountLimit + 5000; // 1% SALE, the rest NEW
        await leadline.Database.ScalarAsync(
            """
            WITH inserted AS (
                INSERT INTO leads (account_id, list_id, campaign_id, phone_code, phone_number, phone_e164, phone_shard, status, created_by, modified_by)
                SELECT $1, $2, $3, 1, n::text, '+1' || n, 0, CASE WHEN n % 100 = 0 THEN 'SALE' ELSE 'NEW' END, 0, 0
                FROM generate_series(7270000000::bigint, 7270000000 + $4 - 1) AS n
                RETURNING 1)
            SELECT count(*) FROM inserted
            """, account.AccountId, account.ListId, account.CampaignId, (long)leads);
        await leadline.Database.ScalarAsync("ANALYZE leads");
        var client = new SearchClient(account);

        var all = await client.SearchAsync(("status", "NEW"));
        var few = await client.SearchAsync(("status", "SALE"));

        Assert.True(all.TotalIsEstimate);
        Assert.True(all.Total > Leadline.ApiHost.Leads.Search.LeadSearchOptions.DefaultExactCountLimit, all.Total.ToString());
        Assert.Equal(10, all.LeadIds.Count);
        Assert.False(few.TotalIsEstimate);
        Assert.Equal(leads / 100, few.Total);
        Assert.False(few.Json.GetProperty("data").TryGetProperty("total_is_estimate", out _));
    }
}
