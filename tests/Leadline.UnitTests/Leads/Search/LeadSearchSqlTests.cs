using Leadline.ApiHost.Leads.Search;

namespace Leadline.UnitTests.Leads.Search;

public class LeadSearchSqlTests
{
    private static readonly string Columns = string.Join(", ", LeadSearchSql.EntryColumns);

    private static LeadSearchRequest Request(
        IReadOnlyList<FieldMatch>? fields = null, CreatedByFilter? createdBy = null,
        TimeRange? created = null, TimeRange? updated = null, int offset = 0, int limit = 10) =>
        new(fields ?? [], createdBy, created ?? new(null, null), updated ?? new(null, null), offset, limit, []);

    [Fact]
    public void Values_are_parameters_and_never_part_of_the_sql()
    {
        const string hostile = "x'); DROP TABLE leads; --";
        var request = Request([new("first_name", MatchKind.IgnoreCase, hostile), new("source", MatchKind.CustomField, hostile)]);

        var query = LeadSearchSql.Build(42, request, 50_000);

        foreach (var statement in new[] { query.Page, query.Count, query.Estimate })
        {
            Assert.DoesNotContain("DROP", statement.Sql);
            Assert.DoesNotContain("42", statement.Sql);
            Assert.Equal([42L, hostile, "source", hostile], statement.Values.Take(4));
        }
        Assert.Contains("lower(first_name) = lower($2)", query.Page.Sql);
        Assert.Contains("custom_fields ->> $3 = $4", query.Page.Sql);
    }

    [Fact]
    public void Every_statement_is_limited_to_the_account_and_live_leads()
    {
        var query = LeadSearchSql.Build(7, Request(), 100);

        foreach (var statement in new[] { query.Page, query.Count, query.Estimate })
        {
            Assert.Contains("WHERE account_id = $1 AND deleted_at IS NULL", statement.Sql);
            Assert.Equal(7L, statement.Values[0]);
        }
    }

    [Fact]
    public void Page_is_newest_first_with_lead_id_breaking_ties_then_limit_and_offset()
    {
        var query = LeadSearchSql.Build(1, Request([new("list_id", MatchKind.Equal, 5L)], offset: 20, limit: 7), 100);

        Assert.EndsWith("AND list_id = $2 ORDER BY created_at DESC, lead_id DESC LIMIT $3 OFFSET $4", query.Page.Sql);
        Assert.Equal([1L, 5L, 7, 20], query.Page.Values);
    }

    [Fact]
    public void A_search_by_updated_at_merges_changed_leads_with_unchanged_ones_in_updated_at_order()
    {
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var query = LeadSearchSql.Build(1, Request(updated: new(from, null)), 100);

        const string live = "account_id = $1 AND deleted_at IS NULL";
        // Changed since insert: leads_search_changed (partial on modified_at <> created_at), by modified_at.
        var changed = $"(SELECT {Columns}, modified_at AS sort_at FROM leads WHERE {live} AND modified_at <> created_at AND modified_at >= $2"
            + " ORDER BY sort_at DESC, lead_id DESC LIMIT $6)";
        // Unchanged: updated_at is created_at, so the range and the order come from leads_search_created.
        var unchanged = $"(SELECT {Columns}, created_at AS sort_at FROM leads WHERE {live} AND modified_at = created_at AND created_at >= $3"
            + " ORDER BY sort_at DESC, lead_id DESC LIMIT $6)";
        Assert.Equal($"SELECT {Columns} FROM ({changed} UNION ALL {unchanged}) AS matches ORDER BY sort_at DESC, lead_id DESC LIMIT $4 OFFSET $5", query.Page.Sql);
        Assert.Equal([1L, from, from, 10, 0, 10], query.Page.Values);
        Assert.Equal(
            $"SELECT count(*) FROM (SELECT 1 FROM leads WHERE {live} AND modified_at <> created_at AND modified_at >= $2"
            + $" UNION ALL SELECT 1 FROM leads WHERE {live} AND modified_at = created_at AND created_at >= $3 LIMIT $4) AS matches",
            query.Count.Sql);
        Assert.Equal([1L, from, from, 101], query.Count.Values);
        // The estimate is of the plain condition, whose column statistics PostgreSQL has.
        Assert.Equal($"EXPLAIN (FORMAT JSON) SELECT 1 FROM leads WHERE {live} AND modified_at >= $2", query.Estimate.Sql);
        Assert.Equal([1L, from], query.Estimate.Values);
    }

    [Fact]
    public void Each_leg_reads_as_far_as_the_page_ends()
    {
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var query = LeadSearchSql.Build(1, Request(updated: new(from, null), offset: 40, limit: 20), 100);

        Assert.Equal([1L, from, from, 20, 40, 60], query.Page.Values);
    }

    [Fact]
    public void An_updated_at_range_bounds_both_legs()
    {
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var before = from.AddDays(1);

        var query = LeadSearchSql.Build(1, Request(updated: new(from, before)), 100);

        Assert.Contains("modified_at <> created_at AND modified_at >= $2 AND modified_at < $3 ", query.Page.Sql);
        Assert.Contains("modified_at = created_at AND created_at >= $4 AND created_at < $5 ", query.Page.Sql);
        Assert.Equal([1L, from, before, from, before, 101], query.Count.Values);
    }

    [Fact]
    public void A_campaign_search_reads_each_of_its_lists_and_merges_them_newest_first()
    {
        var request = Request([new("campaign_id", MatchKind.Equal, 3L), new("status", MatchKind.Equal, "NEW")]);

        var query = LeadSearchSql.Build(1, request, 100, campaignLists: [11L, 12L]);

        // The lists stand for the campaign, so a leg's count can stay on the list index alone.
        const string filter = "account_id = $1 AND deleted_at IS NULL AND status = $2";
        Assert.Equal(
            $"SELECT {Columns} FROM ((SELECT {Columns}, created_at AS sort_at FROM leads WHERE {filter} AND list_id = $3 ORDER BY sort_at DESC, lead_id DESC LIMIT $7)"
            + $" UNION ALL (SELECT {Columns}, created_at AS sort_at FROM leads WHERE {filter} AND list_id = $4 ORDER BY sort_at DESC, lead_id DESC LIMIT $7)) AS matches"
            + " ORDER BY sort_at DESC, lead_id DESC LIMIT $5 OFFSET $6",
            query.Page.Sql);
        Assert.Equal([1L, "NEW", 11L, 12L, 10, 0, 10], query.Page.Values);
        Assert.Equal($"SELECT count(*) FROM (SELECT 1 FROM leads WHERE {filter} AND list_id = $3 UNION ALL SELECT 1 FROM leads WHERE {filter} AND list_id = $4 LIMIT $5) AS matches", query.Count.Sql);
        // The estimate keeps campaign_id, whose statistics PostgreSQL has.
        Assert.Equal("EXPLAIN (FORMAT JSON) SELECT 1 FROM leads WHERE account_id = $1 AND deleted_at IS NULL AND campaign_id = $2 AND status = $3", query.Estimate.Sql);
        Assert.Equal([1L, 3L, "NEW"], query.Estimate.Values);
    }

    [Fact]
    public void A_campaign_of_one_list_is_a_plain_list_search()
    {
        var query = LeadSearchSql.Build(1, Request([new("campaign_id", MatchKind.Equal, 3L)]), 100, campaignLists: [11L]);

        Assert.EndsWith("WHERE account_id = $1 AND deleted_at IS NULL AND list_id = $2 ORDER BY created_at DESC, lead_id DESC LIMIT $3 OFFSET $4", query.Page.Sql);
    }

    [Fact]
    public void A_campaign_with_many_lists_or_none_is_read_in_one_leg()
    {
        long[] many = [.. Enumerable.Range(1, LeadSearchSql.MaxMergedLists + 1).Select(i => (long)i)];

        var big = LeadSearchSql.Build(1, Request([new("campaign_id", MatchKind.Equal, 3L)]), 100, campaignLists: many);
        var empty = LeadSearchSql.Build(1, Request([new("campaign_id", MatchKind.Equal, 3L)]), 100, campaignLists: []);

        Assert.Contains("AND list_id = ANY($2) ORDER BY created_at DESC", big.Page.Sql);
        Assert.Equal(many, big.Page.Values[1]);
        Assert.Contains("AND list_id = ANY($2) ORDER BY created_at DESC", empty.Page.Sql);
        Assert.Empty((long[])empty.Page.Values[1]);
    }

    [Fact]
    public void A_campaign_with_an_updated_at_range_has_a_leg_per_list_and_kind_of_change()
    {
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var request = Request([new("campaign_id", MatchKind.Equal, 3L)], updated: new(from, null));

        var query = LeadSearchSql.Build(1, request, 100, campaignLists: [11L, 12L]);

        Assert.Equal(4, query.Count.Sql.Split(" UNION ALL ").Length);
        Assert.Contains("AND list_id = $2 AND modified_at <> created_at AND modified_at >= $4", query.Page.Sql);
        Assert.Contains("AND list_id = $3 AND modified_at = created_at AND created_at >= $5", query.Page.Sql);
    }

    [Fact]
    public void Only_a_campaign_filter_without_a_list_filter_needs_its_lists()
    {
        Assert.Equal(3L, LeadSearchSql.CampaignToResolve(Request([new("campaign_id", MatchKind.Equal, 3L)])));
        Assert.Null(LeadSearchSql.CampaignToResolve(Request([new("campaign_id", MatchKind.Equal, 3L), new("list_id", MatchKind.Equal, 5L)])));
        Assert.Null(LeadSearchSql.CampaignToResolve(Request([new("status", MatchKind.Equal, "NEW")])));
    }

    [Fact]
    public void A_phone_is_looked_up_with_its_shard_so_the_phone_index_serves_it()
    {
        var query = LeadSearchSql.Build(1, Request([new("phone_e164", MatchKind.Equal, "+18135550142")]), 100);

        Assert.Contains("AND phone_e164 = $2 AND phone_shard = $3 ", query.Page.Sql);
        Assert.Equal((short)Leadline.Grains.PhoneShards.PhoneShardKey.ShardOf("+18135550142"), query.Page.Values[2]);
    }

    [Fact]
    public void Count_stops_one_past_the_exact_count_limit()
    {
        var query = LeadSearchSql.Build(1, Request([new("status", MatchKind.Equal, "NEW")]), 50_000);

        Assert.Equal("SELECT count(*) FROM (SELECT 1 FROM leads WHERE account_id = $1 AND deleted_at IS NULL AND status = $2 LIMIT $3) AS matches", query.Count.Sql);
        Assert.Equal([1L, "NEW", 50_001], query.Count.Values);
        Assert.Equal("EXPLAIN (FORMAT JSON) SELECT 1 FROM leads WHERE account_id = $1 AND deleted_at IS NULL AND status = $2", query.Estimate.Sql);
        Assert.Equal([1L, "NEW"], query.Estimate.Values);
    }

    [Fact]
    public void Ranges_are_half_open()
    {
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var before = from.AddDays(2);

        var query = LeadSearchSql.Build(1, Request(created: new(from, before)), 100);

        Assert.Contains("AND created_at >= $2 AND created_at < $3 ORDER BY created_at DESC", query.Page.Sql);
        Assert.Equal([1L, from, before], query.Page.Values.Take(3));
    }

    [Fact]
    public void Created_by_a_user_or_any_api_user_of_the_account()
    {
        var byUser = LeadSearchSql.Build(1, Request(createdBy: new(9)), 100);
        var byApi = LeadSearchSql.Build(1, Request(createdBy: new(null)), 100);

        Assert.Contains("AND created_by = $2 ", byUser.Page.Sql);
        Assert.Equal(9L, byUser.Page.Values[1]);
        Assert.Contains("AND created_by IN (SELECT user_id FROM users WHERE account_id = $1 AND kind = 'api')", byApi.Page.Sql);
    }

    [Fact]
    public void User_id_is_a_parameter_compared_with_the_creator()
    {
        var request = Request([new("status", MatchKind.Equal, "NEW")]) with { UserId = 31 };

        var query = LeadSearchSql.Build(1, request, 100);

        foreach (var statement in new[] { query.Page, query.Count, query.Estimate })
        {
            Assert.Contains("AND status = $2 AND created_by = $3", statement.Sql);
            Assert.DoesNotContain("31", statement.Sql);
            Assert.Equal([1L, "NEW", 31L], statement.Values.Take(3));
        }
    }

    [Fact]
    public void User_id_and_created_by_together_must_both_hold()
    {
        var query = LeadSearchSql.Build(1, Request(createdBy: new(null)) with { UserId = 31 }, 100);

        Assert.Contains("AND created_by IN (SELECT user_id FROM users WHERE account_id = $1 AND kind = 'api') AND created_by = $2 ", query.Page.Sql);
        Assert.Equal(31L, query.Page.Values[1]);
    }

    [Fact]
    public void A_column_outside_the_leads_columns_is_refused()
    {
        var request = Request([new("1=1; --", MatchKind.Equal, "x")]);

        Assert.Throws<ArgumentException>(() => LeadSearchSql.Build(1, request, 100));
    }

    [Fact]
    public void Entry_columns_hold_every_standard_field()
    {
        foreach (var spec in Leadline.Grains.Leads.LeadFieldCatalog.Standard)
            Assert.Contains(spec.Name, LeadSearchSql.EntryColumns);
        Assert.Contains("custom_fields", LeadSearchSql.EntryColumns);
    }

    [Fact]
    public void Estimated_rows_come_from_the_top_plan_node()
    {
        const string plan = """[{"Plan": {"Node Type": "Index Only Scan", "Plan Rows": 332118, "Plans": [{"Plan Rows": 5}]}}]""";

        Assert.Equal(332118, LeadSearchStore.EstimatedRows(plan));
    }
}
