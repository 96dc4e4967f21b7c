namespace Leadline.ApiHost.DncApi;

/// <summary>What /v1/dnc/search asked for, validated. Dates are UTC days, both ends inclusive.</summary>
public sealed record DncSearchFilter(
    long AccountId,
    long? Id = null,
    long? CampaignId = null,
    string? PhoneE164 = null,
    DateOnly? InsertedFrom = null,
    DateOnly? InsertedTo = null,
    string? Reason = null,
    int Offset = 0,
    int Limit = DncSearchQuery.DefaultLimit);

/// <summary>
/// The two statements of a search: the total, and one page in id order (stable while entries are
/// added). <see cref="CountSql"/> uses the first <see cref="FilterParameterCount"/> parameters.
/// </summary>
public sealed record DncSearchSql(string CountSql, string PageSql, IReadOnlyList<object> Parameters, int FilterParameterCount);

/// <summary>Builds the SQL of a DNC search; every value is a parameter, never text in the SQL.</summary>
public static class DncSearchQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int MaxOffset = 100_000;

    /// <summary>Convoso's special reason values: entries with no reason, and entries with one.</summary>
    public const string BlankReason = "-BLANK-";
    public const string NotBlankReason = "-NOTBLANK-";

    public static DncSearchSql Build(DncSearchFilter filter)
    {
        var parameters = new List<object>();
        string Param(object value)
        {
            parameters.Add(value);
            return "$" + parameters.Count;
        }

        var where = new List<string> { $"account_id = {Param(filter.AccountId)}" };
        if (filter.Id is { } id)
            where.Add($"dnc_id = {Param(id)}");
        if (filter.CampaignId is { } campaignId)
            where.Add($"campaign_id = {Param(campaignId)}");
        if (filter.PhoneE164 is { } e164)
            where.Add($"phone_e164 = {Param(e164)}");
        if (filter.InsertedFrom is { } from)
            where.Add($"created_at >= {Param(StartOf(from))}");
        if (filter.InsertedTo is { } to)
            where.Add($"created_at < {Param(StartOf(to.AddDays(1)))}");
        switch (filter.Reason)
        {
            case null:
                break;
            case BlankReason:
                where.Add("coalesce(reason, '') = ''");
                break;
            case NotBlankReason:
                where.Add("coalesce(reason, '') <> ''");
                break;
            default:
                where.Add($"reason = {Param(filter.Reason)}");
                break;
        }

        var clause = string.Join(" AND ", where);
        var filterCount = parameters.Count;
        var page = $"SELECT {DncEntry.Columns} FROM dnc WHERE {clause} ORDER BY dnc_id LIMIT {Param(filter.Limit)} OFFSET {Param(filter.Offset)}";
        return new DncSearchSql($"SELECT count(*) FROM dnc WHERE {clause}", page, parameters, filterCount);
    }

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
