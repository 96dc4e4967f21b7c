using System.Text;
using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;

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
/// every condition is one the 0004/0006 indexes (partial, <c>deleted_at IS NULL</c>) can use as written:
/// <c>lower(col) = lower($n)</c> matches their lower() expressions, a phone comes with its shard.
/// Newest first (created_at, then lead_id, which is unique, so pages never overlap or skip); a search by
/// updated_at is ordered by updated_at instead, so sync clients read changes in the order they happened.
/// <para>
/// Two filters have no index of their own, to keep the insert path cheap (0006), and become a merge of
/// ordered index reads ("legs", one <c>UNION ALL</c> that PostgreSQL merges in order and stops after the
/// page): a campaign is its lists (one leg per list, on leads_search_list), and updated_at is the leads
/// changed since insert (leads_search_changed) plus the unchanged ones, whose updated_at is their created_at
/// (leads_search_created).
/// </para>
/// </summary>
public static class LeadSearchSql
{
    public static readonly IReadOnlyList<string> EntryColumns =
    [
        "lead_id", "list_id", "campaign_id", "phone_code", "phone_number", "phone_e164",
        .. LeadFieldCatalog.Standard.Select(f => f.Name),
        "custom_fields", "created_by", "modified_by", "created_at", "modified_at",
    ];

    /// <summary>
    /// Past this many lists a campaign search reads its lists' leads in one leg and sorts them: the merge
    /// opens one index scan per list, which stops paying off when most lists hold a few leads each.
    /// </summary>
    public const int MaxMergedLists = 32;

    private static readonly IReadOnlySet<string> Columns = new HashSet<string>(EntryColumns, StringComparer.Ordinal);

    /// <summary>
    /// The campaign whose lists <see cref="Build"/> needs: the request filters by campaign_id and not by
    /// list_id (a list filter already reads the list index, and campaign_id is then checked on its rows).
    /// </summary>
    public static long? CampaignToResolve(LeadSearchRequest request) =>
        request.Fields.Any(f => f.Column == "list_id") ? null
            : request.Fields.FirstOrDefault(f => f.Column == "campaign_id")?.Value as long?;

    /// <param name="campaignLists">
    /// The lists of <see cref="CampaignToResolve"/>'s campaign (the lists table's current answer), or null
    /// when that is null. They stand for the campaign_id condition: a lead's campaign is its list's (the
    /// phone shards follow a list that moves to another campaign a moment later).
    /// </param>
    public static LeadSearchQuery Build(long accountId, LeadSearchRequest request, int countLimit, IReadOnlyList<long>? campaignLists = null)
    {
        var values = new Parameters(accountId);
        var filter = Filter(request, values, byLists: campaignLists is not null);
        var scopes = ScopeLegs(campaignLists, values);
        var times = TimeLegs(request.Updated, values);
        var legs = (from scope in scopes
                    from time in times
                    select new Leg(filter + scope + time.Condition, time.OrderColumn)).ToList();

        var columns = string.Join(", ", EntryColumns);
        var page = values.Copy();
        var (limit, offset) = (page.Add(request.Limit), page.Add(request.Offset));
        string pageSql;
        if (legs is [var only])
            pageSql = $"SELECT {columns} FROM leads WHERE {only.Where} ORDER BY {only.OrderColumn} DESC, lead_id DESC LIMIT {limit} OFFSET {offset}";
        else
        {
            // A leg is ordered and limited inside its parentheses: PostgreSQL plans a leg with a WHERE as a
            // subquery of its own, and only a subquery with an ORDER BY keeps the ordered index scan that
            // lets the outer Merge Append stop after offset + limit rows of each leg.
            var perLeg = page.Add(request.Offset + request.Limit);
            pageSql = $"SELECT {columns} FROM ({string.Join(" UNION ALL ", legs.Select(l =>
                    $"(SELECT {columns}, {l.OrderColumn} AS sort_at FROM leads WHERE {l.Where} ORDER BY sort_at DESC, lead_id DESC LIMIT {perLeg})"))}) AS matches"
                + $" ORDER BY sort_at DESC, lead_id DESC LIMIT {limit} OFFSET {offset}";
        }

        var count = values.Copy();
        var matches = string.Join(" UNION ALL ", legs.Select(l => $"SELECT 1 FROM leads WHERE {l.Where}"));
        var countSql = $"SELECT count(*) FROM ({matches} LIMIT {count.Add(countLimit + 1)}) AS matches";

        // The estimate is of the plain conditions: PostgreSQL takes modified_at = created_at for rare (it
        // is most leads) but knows the campaign_id and modified_at columns' own statistics.
        var estimate = new Parameters(accountId);
        var estimateWhere = new StringBuilder(Filter(request, estimate, byLists: false));
        AppendRange(estimateWhere, "modified_at", request.Updated, estimate);

        return new LeadSearchQuery(
            new SqlStatement(pageSql, page.Values),
            new SqlStatement(countSql, count.Values),
            new SqlStatement($"EXPLAIN (FORMAT JSON) SELECT 1 FROM leads WHERE {estimateWhere}", estimate.Values));
    }

    /// <summary>
    /// The conditions every leg shares: account, live, fields, created_by and user_id (both the creator),
    /// created_at. With <paramref name="byLists"/> the campaign is left to the legs' lists, so that counting
    /// a list's leads stays an index-only scan of leads_search_list (which has no campaign_id).
    /// </summary>
    private static string Filter(LeadSearchRequest request, Parameters values, bool byLists)
    {
        var where = new StringBuilder("account_id = $1 AND deleted_at IS NULL");
        foreach (var field in request.Fields)
        {
            if (byLists && field.Column == "campaign_id")
                continue;
            if (field.Kind != MatchKind.CustomField && !Columns.Contains(field.Column))
                throw new ArgumentException($"{field.Column} is not a leads column", nameof(request));
            where.Append(field.Kind switch
            {
                MatchKind.Equal => $" AND {field.Column} = {values.Add(field.Value)}",
                MatchKind.IgnoreCase => $" AND lower({field.Column}) = lower({values.Add(field.Value)})",
                _ => $" AND custom_fields ->> {values.Add(field.Column)} = {values.Add(field.Value)}",
            });
            if (field.Column == "phone_e164")
                where.Append($" AND phone_shard = {values.Add((short)PhoneShardKey.ShardOf((string)field.Value))}");
        }
        if (request.CreatedBy is { } createdBy)
            where.Append(createdBy.UserId is { } userId
                ? $" AND created_by = {values.Add(userId)}"
                : " AND created_by IN (SELECT user_id FROM users WHERE account_id = $1 AND kind = 'api')");
        if (request.UserId is { } leadUser)
            where.Append($" AND created_by = {values.Add(leadUser)}");
        AppendRange(where, "created_at", request.Created, values);
        return where.ToString();
    }

    /// <summary>The values of one statement's $1, $2, …; $1 is the account.</summary>
    private sealed class Parameters
    {
        private readonly List<object> _values;
        public Parameters(long accountId) => _values = [accountId];
        private Parameters(List<object> values) => _values = values;
        public IReadOnlyList<object> Values => _values;

        /// <summary>Adds a value and returns its placeholder.</summary>
        public string Add(object value)
        {
            _values.Add(value);
            return "$" + _values.Count;
        }

        public Parameters Copy() => new([.. _values]);
    }

    private sealed record Leg(string Where, string OrderColumn);

    private static IReadOnlyList<string> ScopeLegs(IReadOnlyList<long>? campaignLists, Parameters values)
    {
        if (campaignLists is null)
            return [""];
        if (campaignLists.Count is 0 or > MaxMergedLists)
            return [$" AND list_id = ANY({values.Add(campaignLists.ToArray())})"];
        return [.. campaignLists.Select(list => $" AND list_id = {values.Add(list)}")];
    }

    private static IReadOnlyList<(string Condition, string OrderColumn)> TimeLegs(TimeRange updated, Parameters values)
    {
        if (updated.IsEmpty)
            return [("", "created_at")];
        var changed = new StringBuilder(" AND modified_at <> created_at");
        AppendRange(changed, "modified_at", updated, values);
        var unchanged = new StringBuilder(" AND modified_at = created_at");
        AppendRange(unchanged, "created_at", updated, values);
        return [(changed.ToString(), "modified_at"), (unchanged.ToString(), "created_at")];
    }

    private static void AppendRange(StringBuilder where, string column, TimeRange range, Parameters values)
    {
        if (range.From is { } from)
            where.Append($" AND {column} >= {values.Add(from)}");
        if (range.Before is { } before)
            where.Append($" AND {column} < {values.Add(before)}");
    }
}
