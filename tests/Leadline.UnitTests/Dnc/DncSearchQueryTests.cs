using Leadline.ApiHost.DncApi;

namespace Leadline.UnitTests.Dnc;

public class DncSearchQueryTests
{
    [Fact]
    public void The_account_alone_filters_and_pages_by_id()
    {
        var sql = DncSearchQuery.Build(new DncSearchFilter(7));

        Assert.Equal("SELECT count(*) FROM dnc WHERE account_id = $1", sql.CountSql);
        Assert.Contains("FROM dnc WHERE account_id = $1 ORDER BY dnc_id LIMIT $2 OFFSET $3) p", sql.PageSql);
        Assert.Equal([7L, 100, 0], sql.Parameters);
        Assert.Equal(1, sql.FilterParameterCount);
    }

    [Fact]
    public void Every_filter_is_a_parameter_in_order()
    {
        var filter = new DncSearchFilter(7, Id: 3, CampaignId: 0, PhoneE164: "+17275551212",
            InsertedFrom: new DateOnly(2026, 1, 2), InsertedTo: new DateOnly(2026, 1, 3), Reason: "asked", Purpose: "TELEMKT",
            Offset: 20, Limit: 10);

        var sql = DncSearchQuery.Build(filter);

        Assert.Equal(
            "SELECT count(*) FROM dnc WHERE account_id = $1 AND dnc_id = $2 AND campaign_id = $3 AND phone_e164 = $4"
            + " AND created_at >= $5 AND created_at < $6 AND reason = $7 AND purpose = $8", sql.CountSql);
        Assert.Equal(
            [7L, 3L, 0L, "+17275551212", new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero),
             new DateTimeOffset(2026, 1, 4, 0, 0, 0, TimeSpan.Zero), "asked", "TELEMKT", 10, 20],
            sql.Parameters);
        Assert.Equal(8, sql.FilterParameterCount);
        Assert.Contains("LIMIT $9 OFFSET $10) p", sql.PageSql);
    }

    [Fact]
    public void The_page_names_its_campaigns_of_the_callers_account_in_id_order()
    {
        var sql = DncSearchQuery.Build(new DncSearchFilter(7));

        Assert.StartsWith("SELECT p.*, c.name FROM (SELECT " + DncEntry.Columns + " FROM dnc WHERE", sql.PageSql);
        Assert.EndsWith("LEFT JOIN campaigns c ON c.campaign_id = p.campaign_id AND c.account_id = $1 ORDER BY p.dnc_id", sql.PageSql);
    }

    [Theory]
    [InlineData("-BLANK-", "coalesce(reason, '') = ''")]
    [InlineData("-NOTBLANK-", "coalesce(reason, '') <> ''")]
    public void The_special_reason_values_match_on_blankness_without_a_parameter(string reason, string condition)
    {
        var sql = DncSearchQuery.Build(new DncSearchFilter(7, Reason: reason));

        Assert.Equal($"SELECT count(*) FROM dnc WHERE account_id = $1 AND {condition}", sql.CountSql);
        Assert.Equal(1, sql.FilterParameterCount);
    }

    [Theory]
    [InlineData("-BLANK-", "coalesce(purpose, '') = ''")]
    [InlineData("-NOTBLANK-", "coalesce(purpose, '') <> ''")]
    public void The_special_purpose_values_match_on_blankness_without_a_parameter(string purpose, string condition)
    {
        var sql = DncSearchQuery.Build(new DncSearchFilter(7, Purpose: purpose));

        Assert.Equal($"SELECT count(*) FROM dnc WHERE account_id = $1 AND {condition}", sql.CountSql);
        Assert.Equal(1, sql.FilterParameterCount);
    }

    [Fact]
    public void A_reason_never_becomes_sql_text()
    {
        var sql = DncSearchQuery.Build(new DncSearchFilter(7, Reason: "x' OR '1'='1"));

        Assert.DoesNotContain("OR", sql.CountSql);
        Assert.Contains("x' OR '1'='1", sql.Parameters);
    }
}
