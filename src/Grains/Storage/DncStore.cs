using Leadline.Grains.PhoneShards;
using Npgsql;

namespace Leadline.Grains.Storage;

public enum DncUpdateResult
{
    Updated,
    NotFound,
    AlreadyExists,
}

/// <summary>
/// The dnc table as the phone shards change it. Every statement names the account and the entry's
/// number and scope as the shard knows them, so a change never reaches another account's rows or a row
/// that changed meanwhile.
/// </summary>
public sealed class DncStore(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts the entries (no two with one number and scope); returns those that were new.</summary>
    public async Task<List<(long DncId, string E164, long CampaignId)>> InsertAsync(
        long accountId, int shard, IReadOnlyList<DncNewEntry> entries, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            INSERT INTO dnc (account_id, campaign_id, phone_code, phone_number, phone_e164, phone_shard, reason, purpose)
            SELECT $1, e.campaign_id, e.phone_code, e.phone_number, e.phone_e164, $2, e.reason, e.purpose
            FROM unnest($3::bigint[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
                 WITH ORDINALITY AS e(campaign_id, phone_code, phone_number, phone_e164, reason, purpose, n)
            ORDER BY e.n
            ON CONFLICT (account_id, campaign_id, phone_e164) DO NOTHING
            RETURNING dnc_id, phone_e164, campaign_id
            """);
        Add(cmd, accountId);
        Add(cmd, (short)shard);
        Add(cmd, entries.Select(e => e.CampaignId).ToArray());
        Add(cmd, entries.Select(e => e.Phone.CountryCode).ToArray());
        Add(cmd, entries.Select(e => e.Phone.National).ToArray());
        Add(cmd, entries.Select(e => e.Phone.E164).ToArray());
        Add(cmd, entries.Select(e => e.Reason).ToArray());
        Add(cmd, entries.Select(e => e.Purpose).ToArray());

        var added = new List<(long, string, long)>(entries.Count);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            added.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        return added;
    }

    /// <summary>
    /// Deletes the entry and, when <paramref name="leadStatus"/> is given, sets it on those of
    /// <paramref name="leadIds"/> (the shard's leads of the number) that are still live leads of the account
    /// with the number in the entry's scope, in one transaction. Null when there was no such entry.
    /// </summary>
    public async Task<DncLead[]?> DeleteAsync(
        long accountId, DncEntryKey entry, string? leadStatus, long[] leadIds, long modifiedByUserId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var delete = new NpgsqlCommand(
            "DELETE FROM dnc WHERE dnc_id = $1 AND account_id = $2 AND phone_e164 = $3 AND campaign_id = $4", connection, transaction))
        {
            AddKey(delete, accountId, entry);
            if (await delete.ExecuteNonQueryAsync(ct) == 0)
                return null;
        }

        var leads = new List<DncLead>();
        if (leadStatus is not null && leadIds.Length > 0)
        {
            // By primary key (the shard knows the ids); the other conditions re-check what the shard believes.
            await using var update = new NpgsqlCommand(
                """
                UPDATE leads SET status = $5, modified_by = $6, modified_at = now()
                WHERE lead_id = ANY($2) AND account_id = $1 AND phone_e164 = $3 AND ($4 = 0 OR campaign_id = $4)
                  AND deleted_at IS NULL
                RETURNING lead_id, campaign_id
                """, connection, transaction);
            Add(update, accountId);
            Add(update, leadIds);
            Add(update, entry.E164);
            Add(update, entry.CampaignId);
            Add(update, leadStatus);
            Add(update, modifiedByUserId);
            await using var reader = await update.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                leads.Add(new DncLead(reader.GetInt64(0), reader.GetInt64(1)));
        }
        await transaction.CommitAsync(ct);
        return [.. leads];
    }

    /// <summary>Rewrites the entry's number, scope and (when given) reason and purpose.</summary>
    public async Task<DncUpdateResult> UpdateAsync(
        long accountId, int shard, DncEntryKey current, DncNewEntry replacement, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            UPDATE dnc SET campaign_id = $5, phone_code = $6, phone_number = $7, phone_e164 = $8, phone_shard = $9,
                           reason = coalesce($10, reason), purpose = coalesce($11, purpose), modified_at = now()
            WHERE dnc_id = $1 AND account_id = $2 AND phone_e164 = $3 AND campaign_id = $4
            """);
        AddKey(cmd, accountId, current);
        Add(cmd, replacement.CampaignId);
        Add(cmd, replacement.Phone.CountryCode);
        Add(cmd, replacement.Phone.National);
        Add(cmd, replacement.Phone.E164);
        Add(cmd, (short)shard);
        Add(cmd, replacement.Reason);
        Add(cmd, replacement.Purpose);
        try
        {
            return await cmd.ExecuteNonQueryAsync(ct) == 1 ? DncUpdateResult.Updated : DncUpdateResult.NotFound;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return DncUpdateResult.AlreadyExists;
        }
    }

    public async Task<bool> ExistsAsync(long accountId, string e164, long campaignId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM dnc WHERE account_id = $1 AND campaign_id = $2 AND phone_e164 = $3)");
        Add(cmd, accountId);
        Add(cmd, campaignId);
        Add(cmd, e164);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    private static void AddKey(NpgsqlCommand cmd, long accountId, DncEntryKey entry)
    {
        Add(cmd, entry.DncId);
        Add(cmd, accountId);
        Add(cmd, entry.E164);
        Add(cmd, entry.CampaignId);
    }

    // A typed parameter with a null value is sent as SQL NULL of that type.
    private static void Add<T>(NpgsqlCommand cmd, T value) => cmd.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
}
