using Npgsql;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// Reads of the dnc table for the API (changes go through the phone shards). Every query names the
/// account, so another account's entry is simply not found.
/// </summary>
public sealed class DncQueries(NpgsqlDataSource db)
{
    public Task<DncEntry?> FindAsync(long accountId, long dncId) =>
        FindOneAsync($"SELECT {DncEntry.Columns} FROM dnc WHERE account_id = $1 AND dnc_id = $2", accountId, dncId);

    public Task<DncEntry?> FindAsync(long accountId, string e164, long campaignId) =>
        FindOneAsync($"SELECT {DncEntry.Columns} FROM dnc WHERE account_id = $1 AND campaign_id = $2 AND phone_e164 = $3",
            accountId, campaignId, e164);

    public async Task<(long Total, List<DncEntry> Entries)> SearchAsync(DncSearchFilter filter)
    {
        var sql = DncSearchQuery.Build(filter);
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Command(sql.CountSql, sql.Parameters.Take(sql.FilterParameterCount)));
        batch.BatchCommands.Add(Command(sql.PageSql, sql.Parameters));
        await using var reader = await batch.ExecuteReaderAsync();
        await reader.ReadAsync();
        var total = reader.GetInt64(0);
        await reader.NextResultAsync();
        var entries = new List<DncEntry>();
        while (await reader.ReadAsync())
            entries.Add(DncEntry.ReadWithCampaignName(reader));
        return (total, entries);
    }

    private async Task<DncEntry?> FindOneAsync(string sql, params object[] values)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Command(sql, values));
        await using var reader = await batch.ExecuteReaderAsync();
        return await reader.ReadAsync() ? DncEntry.Read(reader) : null;
    }

    private static NpgsqlBatchCommand Command(string sql, IEnumerable<object> values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
