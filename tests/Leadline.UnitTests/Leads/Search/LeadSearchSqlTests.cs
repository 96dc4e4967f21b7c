using Leadline.ApiHost.Leads.Search;

namespace Leadline.UnitTests.Leads.Search;

public class LeadSearchSqlTests
{
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
    public void A_search_by_updated_at_is_ordered_by_it()
    {
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var query = LeadSearchSql.Build(1, Request(updated: new(from, null)), 100);

        Assert.Contains("AND modified_at >= $2 ORDER BY modified_at DESC, lead_id DESC", query.Page.Sql);
        Assert.Equal(from, query.Page.Values[1]);
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
