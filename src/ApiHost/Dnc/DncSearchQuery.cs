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
    string? Purpose = null,
    int Offset = 0,
    int Limit = DncSearchQuery.DefaultLimit);

/// <summary>
/// The two statements of a search: the total, and one page in id order (stable while entries are
/// added), each row with its campaign's name (<see cref="DncEntry.Columns"/>, then the name; null for a
/// global entry). <see cref="CountSql"/> uses the first <see cref="FilterParameterCount"/> parameters.
/// </summary>
public sealed record DncSearchSql(string CountSql, string PageSql, IReadOnlyList<object> Parameters, int FilterParameterCount);

/// <summary>Builds the SQL of a DNC search; every value is a parameter, never text in the SQL.</summary>
public static class DncSearchQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int MaxOffset = 100_000;

    /// <summary>Convoso's special reason/purpose values: entries with none, and entries with one.</summary>
    public const string BlankReason = DncParameters.Blank;
    public const string NotBlankReason = DncParameters.NotBlank;

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
        AddText(where, "reason", filter.Reason, Param);
        AddText(where, "purpose", filter.Purpose, Param);

        var clause = string.Join(" AND ", where);
        var filterCount = parameters.Count;
        // The page first, then the names of its campaigns by primary key: at most one lookup per row shown.
        var page = $"SELECT p.*, c.name FROM (SELECT {DncEntry.Columns} FROM dnc WHERE {clause} ORDER BY dnc_id"
            + $" LIMIT {Param(filter.Limit)} OFFSET {Param(filter.Offset)}) p"
            + " LEFT JOIN campaigns c ON c.campaign_id = p.campaign_id AND c.account_id = $1 ORDER BY p.dnc_id";
        return new DncSearchSql($"SELECT count(*) FROM dnc WHERE {clause}", page, parameters, filterCount);
    }

    /// <summary>A reason or purpose filter: exact text, or <see cref="BlankReason"/> / <see cref="NotBlankReason"/>.</summary>
    private static void AddText(List<string> where, string column, string? value, Func<object, string> param)
    {
        switch (value)
        {
            case null:
                break;
            case BlankReason:
                where.Add($"coalesce({column}, '') = ''");
                break;
            case NotBlankReason:
                where.Add($"coalesce({column}, '') <> ''");
                break;
            default:
                where.Add($"{column} = {param(value)}");
                break;
        }
    }

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
