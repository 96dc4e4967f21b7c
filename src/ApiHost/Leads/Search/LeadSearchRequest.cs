namespace Leadline.ApiHost.Leads.Search;

/// <summary>How a filter value is compared with its column.</summary>
public enum MatchKind
{
    /// <summary><c>column = value</c>: ids, codes (status, owner_id), normalized phones, dates, amounts.</summary>
    Equal,
    /// <summary><c>lower(column) = lower(value)</c>: names, email, address parts, typed by people.</summary>
    IgnoreCase,
    /// <summary><c>custom_fields ->> name = value</c>: one of the account's custom fields.</summary>
    CustomField,
}

/// <summary>
/// One <c>column = value</c> condition. <see cref="Column"/> is a leads column from a fixed set (never
/// request text); for <see cref="MatchKind.CustomField"/> it is the field's name, sent as a parameter.
/// </summary>
public sealed record FieldMatch(string Column, MatchKind Kind, object Value);

/// <summary>created_by: one user, or every API-token user of the account ("System API User").</summary>
public sealed record CreatedByFilter(long? UserId)
{
    public bool AnyApiUser => UserId is null;
}

/// <summary>A half-open UTC interval [From, Before); either end may be open.</summary>
public sealed record TimeRange(DateTime? From, DateTime? Before)
{
    public bool IsEmpty => From is null && Before is null;
}

/// <summary>A validated /v1/leads/search request: every condition holds for each lead found.</summary>
public sealed record LeadSearchRequest(
    IReadOnlyList<FieldMatch> Fields,
    CreatedByFilter? CreatedBy,
    TimeRange Created,
    TimeRange Updated,
    int Offset,
    int Limit,
    IReadOnlyList<string> Ignored)
{
    /// <summary>
    /// Convoso's <c>user_id</c> filter: the lead's user. Leadline has no agents, so a lead's user is the user
    /// that created it (an API token's user or an operator), stored as <c>leads.created_by</c>; an id that is
    /// no user of the account matches nothing.
    /// </summary>
    public long? UserId { get; init; }
}
