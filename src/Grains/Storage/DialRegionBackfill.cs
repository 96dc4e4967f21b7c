using Leadline.Grains.Dialing;
using Leadline.Grains.Leads;
using Npgsql;

namespace Leadline.Grains.Storage;

/// <summary>
/// Computes dial_region for leads written before the column existed (0012), in batches by lead id, and for their
/// hopper rows. Runs at silo start; new leads always get their region when written, so after one pass there is
/// nothing left for it to find (leads_dial_region_missing is then empty). Idempotent: two silos may both run it.
/// </summary>
public sealed class DialRegionBackfill(NpgsqlDataSource db)
{
    private const int BatchSize = 5_000;

    /// <summary>Returns how many leads it gave a region.</summary>
    public async Task<long> RunAsync(CancellationToken ct)
    {
        long done = 0;
        long after = 0;
        while (true)
        {
            var batch = new List<(long LeadId, string Region)>(BatchSize);
            await using (var read = db.CreateCommand(
                """
                SELECT lead_id, phone_e164, phone_code, phone_number, state, postal_code FROM leads
                WHERE dial_region IS NULL AND lead_id > $1 ORDER BY lead_id LIMIT $2
                """))
            {
                read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
                read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
                await using var reader = await read.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var phone = new NormalizedPhone(reader.GetString(1), reader.GetInt32(2), reader.GetString(3));
                    var region = DialRegions.Resolve(phone, reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));
                    batch.Add((reader.GetInt64(0), DialRegionColumn.ToDb(region)));
                }
            }
            if (batch.Count == 0)
                return done;
            await using (var write = db.CreateCommand(
                """
                WITH r AS (SELECT * FROM unnest($1::bigint[], $2::text[]) AS t(lead_id, region)),
                lead AS (UPDATE leads l SET dial_region = r.region FROM r WHERE l.lead_id = r.lead_id AND l.dial_region IS NULL RETURNING l.lead_id)
                UPDATE hopper_entries h SET dial_region = r.region FROM r WHERE h.lead_id = r.lead_id AND h.dial_region IS NULL
                """))
            {
                write.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = batch.Select(b => b.LeadId).ToArray() });
                write.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = batch.Select(b => b.Region).ToArray() });
                await write.ExecuteNonQueryAsync(ct);
            }
            done += batch.Count;
            after = batch[^1].LeadId;
        }
    }
}
