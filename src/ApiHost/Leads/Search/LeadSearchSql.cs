using System.Text;
using Leadline.Grains.Leads;

namespace Leadline.ApiHost.Leads.Search;

/// <summary>
/// The statements of one search: the page of leads (in <see cref="LeadSearchSql.EntryColumns"/> order),
/// how many leads match counted up to <c>countLimit + 1</c>, and an EXPLAIN of the match whose row
/// estimate stands in for the count past that limit. Every value is a positional parameter ($1 is the
/// account); the SQL text holds only column names from <see cref="LeadSearchSql"/>'s fixed set.
/// </summary>
public sealed record LeadSearchQuery(SqlStatement Page, SqlStatement Count, SqlStatement Estimate);

/// <summary>SQL text and the values of its $1, $2, … in order.</summary>
public sealed record SqlStatement(string Sql, IReadOnlyList<object> Values);

/// <summary>
/// Builds the SQL of a <see cref="LeadSearchRequest"/> for one account. Deleted leads are never found, and
/// every condition is one the 0004 indexes (partial, <c>deleted_at IS NULL</c>) can use as written:
/// <c>lower(col) = lower($n)</c> matches their lower() expressions.
/// Newest first (created_at, then lead_id, which is unique, so pages never overlap or skip); a search by
/// updated_at is ordered by updated_at instead, so that index delivers the order and sync clients read
/// changes in the order they happened.
/// </summary>
public static class LeadSearchSql
{
    public static readonly IReadOnlyList<string> EntryColumns =
    [
        "lead_id", "list_id", "campaign_id", "phone_code", "phone_number", "phone_e164",
        .. LeadFieldCatalog.Standard.Select(f => f.Name),
        "custom_fields", "created_by", "modified_by", "created_at", "modified_at",
    ];

    private static readonly IReadOnlySet<string> Columns = new HashSet<string>(EntryColumns, StringComparer.Ordinal);

    public static LeadSearchQuery Build(long accountId, LeadSearchRequest request, int countLimit)
    {
        var values = new List<object> { accountId };
        string Param(object value)
        {
            values.Add(value);
            return "$" + values.Count;
        }

        var where = new StringBuilder("account_id = $1 AND deleted_at IS NULL");
        foreach (var field in request.Fields)
        {
            if (field.Kind != MatchKind.CustomField && !Columns.Contains(field.Column))
                throw new ArgumentException($"{field.Column} is not a leads column", nameof(request));
            where.Append(field.Kind switch
            {
                MatchKind.Equal => $" AND {field.Column} = {Param(field.Value)}",
                MatchKind.IgnoreCase => $" AND lower({field.Column}) = lower({Param(field.Value)})",
                _ => $" AND custom_fields ->> {Param(field.Column)} = {Param(field.Value)}",
            });
        }
        if (request.CreatedBy is { } createdBy)
            where.Append(createdBy.UserId is { } userId
                ? $" AND created_by = {Param(userId)}"
                : " AND created_by IN (SELECT user_id FROM users WHERE account_id = $1 AND kind = 'api')");
        AppendRange(where, "created_at", request.Created, Param);
        AppendRange(where, "modified_at", request.Updated, Param);

        var orderColumn = request.Updated.IsEmpty ? "created_at" : "modified_at";
        var filter = where.ToString();
        var next = values.Count + 1; // each statement appends its own values after the filter's
        return new LeadSearchQuery(
            new SqlStatement(
                $"SELECT {string.Join(", ", EntryColumns)} FROM leads WHERE {filter} ORDER BY {orderColumn} DESC, lead_id DESC LIMIT ${next} OFFSET ${next + 1}",
                [.. values, request.Limit, request.Offset]),
            new SqlStatement($"SELECT count(*) FROM (SELECT 1 FROM leads WHERE {filter} LIMIT ${next}) AS matches", [.. values, countLimit + 1]),
            new SqlStatement($"EXPLAIN (FORMAT JSON) SELECT 1 FROM leads WHERE {filter}", values));
    }

    private static void AppendRange(StringBuilder where, string column, TimeRange range, Func<object, string> param)
    {
        if (range.From is { } from)
            where.Append($" AND {column} >= {param(from)}");
        if (range.Before is { } before)
            where.Append($" AND {column} < {param(before)}");
    }
}
