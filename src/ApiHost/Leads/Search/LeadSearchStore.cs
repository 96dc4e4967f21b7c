using System.Text.Json;
using Npgsql;

namespace Leadline.ApiHost.Leads.Search;

/// <summary>A page of leads and how many match; <see cref="TotalExact"/> is false when Total is the planner's estimate.</summary>
public sealed record LeadSearchPage(long Total, bool TotalExact, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Runs a search on PostgreSQL: the page and the capped count in one round trip. Counting a match set of
/// hundreds of thousands of leads reads every one of them (about 100 ms for a million on the bench
/// machine), so past <paramref name="exactCountLimit"/> matches the total is the planner's estimate.
/// </summary>
public sealed class LeadSearchStore(NpgsqlDataSource db)
{
    /// <summary>The page and total, or null when the search ran past <see cref="LeadSearchOptions.TimeoutSeconds"/>.</summary>
    public async Task<LeadSearchPage?> SearchAsync(long accountId, LeadSearchRequest request, LeadSearchOptions options, CancellationToken cancel)
    {
        await using var connection = await db.OpenConnectionAsync(cancel);
        try
        {
            var campaignLists = LeadSearchSql.CampaignToResolve(request) is { } campaignId
                ? await ListsOfCampaignAsync(connection, accountId, campaignId, cancel)
                : null;
            var query = LeadSearchSql.Build(accountId, request, options.ExactCountLimit, campaignLists);
            return await RunAsync(connection, query, options.ExactCountLimit, options.TimeoutSeconds, cancel);
        }
        catch (NpgsqlException ex) when (ex.InnerException is TimeoutException)
        {
            // Npgsql has asked PostgreSQL to cancel the statement; the connection is fine to reuse.
            return null;
        }
    }

    private static async Task<List<long>> ListsOfCampaignAsync(NpgsqlConnection connection, long accountId, long campaignId, CancellationToken cancel)
    {
        await using var cmd = new NpgsqlCommand("SELECT list_id FROM lists WHERE account_id = $1 AND campaign_id = $2 ORDER BY list_id", connection);
        AddValues(cmd.Parameters, [accountId, campaignId]);
        var lists = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
            lists.Add(reader.GetInt64(0));
        return lists;
    }

    private static async Task<LeadSearchPage> RunAsync(
        NpgsqlConnection connection, LeadSearchQuery query, int exactCountLimit, int timeoutSeconds, CancellationToken cancel)
    {
        var rows = new List<object?[]>();
        long counted;
        await using (var batch = new NpgsqlBatch(connection) { Timeout = timeoutSeconds })
        {
            batch.BatchCommands.Add(Command(query.Page));
            batch.BatchCommands.Add(Command(query.Count));
            await using var reader = await batch.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            await reader.NextResultAsync(cancel);
            await reader.ReadAsync(cancel);
            counted = reader.GetInt64(0);
        }
        if (counted <= exactCountLimit)
            return new LeadSearchPage(counted, true, rows);

        await using var explain = new NpgsqlCommand(query.Estimate.Sql, connection) { CommandTimeout = timeoutSeconds };
        AddValues(explain.Parameters, query.Estimate.Values);
        var plan = (string)(await explain.ExecuteScalarAsync(cancel))!;
        return new LeadSearchPage(Math.Max(counted, EstimatedRows(plan)), false, rows);
    }

    /// <summary>The top plan node's row estimate from <c>EXPLAIN (FORMAT JSON)</c>.</summary>
    public static long EstimatedRows(string explainJson)
    {
        using var plan = JsonDocument.Parse(explainJson);
        return (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    private static NpgsqlBatchCommand Command(SqlStatement statement)
    {
        var command = new NpgsqlBatchCommand(statement.Sql);
        AddValues(command.Parameters, statement.Values);
        return command;
    }

    private static void AddValues(NpgsqlParameterCollection parameters, IReadOnlyList<object> values)
    {
        foreach (var value in values)
            parameters.Add(new NpgsqlParameter { Value = value });
    }
}
