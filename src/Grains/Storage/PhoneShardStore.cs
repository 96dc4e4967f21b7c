using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;
using Npgsql;

namespace Leadline.Grains.Storage;

/// <summary>The SQL a phone shard runs itself: loading its phones on activation (DNC changes: <see cref="DncStore"/>).</summary>
public sealed class PhoneShardStore(NpgsqlDataSource dataSource)
{
    /// <summary>More than the longest number <see cref="PhoneKeys.TryPack"/> packs ("+" and 18 digits).</summary>
    private const int PhoneChars = 20;

    public async Task<(PhoneIndex Index, HashSet<long> ArchivedLists)> LoadAsync(long accountId, int shard, CancellationToken ct)
    {
        var index = new PhoneIndex();
        var archived = new HashSet<long>();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            "SELECT phone_e164, lead_id, list_id, campaign_id, created_at FROM leads WHERE account_id = $1 AND phone_shard = $2 AND deleted_at IS NULL",
            accountId, shard));
        batch.BatchCommands.Add(Command(
            "SELECT phone_e164, campaign_id FROM dnc WHERE account_id = $1 AND phone_shard = $2",
            accountId, shard));
        batch.BatchCommands.Add(Command(
            "SELECT list_id FROM lists WHERE account_id = $1 AND archived AND $2 >= 0",
            accountId, shard));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var leads = new LoadedLeads();
        var phone = new char[PhoneChars];
        while (await reader.ReadAsync(ct))
        {
            long leadId = reader.GetInt64(1), listId = reader.GetInt64(2), campaignId = reader.GetInt64(3);
            var createdAt = reader.GetFieldValue<DateTimeOffset>(4);
            // The number's characters into a reused buffer: no string per row for an E.164 number.
            var length = (int)reader.GetChars(0, 0, phone, 0, PhoneChars);
            if (length < PhoneChars && PhoneKeys.TryPack(phone.AsSpan(0, length), out var phoneKey))
                leads.Add(phoneKey, leadId, listId, campaignId, createdAt);
            else
                index.AddLead(reader.GetString(0), new LeadRef(leadId, listId, campaignId, createdAt: createdAt));
        }
        leads.CopyTo(index);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            index.AddDnc(reader.GetString(0), reader.GetInt64(1));
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            archived.Add(reader.GetInt64(0));
        return (index, archived);
    }

    /// <summary>
    /// A list moved to another campaign: this shard's live leads of the list take the campaign the lists table
    /// has now (not the caller's idea of it, so concurrent moves end where the table ends). Returns that
    /// campaign, or null when the account has no such list. Deleted leads keep the campaign they were deleted
    /// in: the (account, shard) index holds live leads only.
    /// </summary>
    public async Task<long?> MoveListLeadsAsync(long accountId, int shard, long listId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            WITH list AS (SELECT campaign_id FROM lists WHERE account_id = $1 AND list_id = $3),
                 moved AS (UPDATE leads l SET campaign_id = list.campaign_id FROM list
                           WHERE l.account_id = $1 AND l.phone_shard = $2 AND l.list_id = $3 AND l.campaign_id <> list.campaign_id
                             AND l.deleted_at IS NULL)
            SELECT campaign_id FROM list
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        cmd.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)shard });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = listId });
        return await cmd.ExecuteScalarAsync(ct) is long campaignId ? campaignId : null;
    }

    private static NpgsqlBatchCommand Command(string sql, long accountId, int shard)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)shard });
        return command;
    }
}
