using Npgsql;

namespace Leadline.ApiHost.Leads.Changes;

/// <summary>
/// Finds which phone (and so which phone shard) holds a lead of an account. The shard then checks it
/// still holds the lead; another account's lead, a deleted one and an unknown id are all null here.
/// </summary>
public sealed class LeadLocator(NpgsqlDataSource db)
{
    public async Task<string?> FindPhoneAsync(long accountId, long leadId)
    {
        await using var cmd = db.CreateCommand(
            "SELECT phone_e164 FROM leads WHERE lead_id = $1 AND account_id = $2 AND deleted_at IS NULL");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = leadId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        return await cmd.ExecuteScalarAsync() as string;
    }
}
