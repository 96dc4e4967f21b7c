using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Leadline.ApiHost.Accounts;

public sealed record ListInfo(long ListId, long AccountId, long CampaignId, bool Archived);

public sealed record CampaignInfo(long CampaignId, long AccountId);

/// <summary>
/// Read-through cache of the account data every API call resolves: lists, campaigns, custom field
/// definitions. Short-lived entries keep the hot path off the database without holding stale data long.
/// </summary>
public sealed class AccountDirectory(NpgsqlDataSource db, IMemoryCache cache)
{
    /// <summary>How long another API host may still use a list, campaign or custom field as it was before a change.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    /// <summary>The list if it exists and belongs to the account; another account's list is "no such list".</summary>
    public async Task<ListInfo?> FindListAsync(long accountId, long listId)
    {
        var list = await CachedAsync(("list", listId), () => QuerySingleAsync(
            "SELECT list_id, account_id, campaign_id, archived FROM lists WHERE list_id = $1", listId,
            r => new ListInfo(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetBoolean(3))));
        return list?.AccountId == accountId ? list : null;
    }

    public async Task<CampaignInfo?> FindCampaignAsync(long accountId, long campaignId)
    {
        var campaign = await CachedAsync(("campaign", campaignId), () => QuerySingleAsync(
            "SELECT campaign_id, account_id FROM campaigns WHERE campaign_id = $1", campaignId,
            r => new CampaignInfo(r.GetInt64(0), r.GetInt64(1))));
        return campaign?.AccountId == accountId ? campaign : null;
    }

    /// <summary>Custom field name → max length.</summary>
    public async Task<IReadOnlyDictionary<string, int>> GetCustomFieldsAsync(long accountId) =>
        (await CachedAsync(("custom-fields", accountId), async () =>
        {
            await using var cmd = db.CreateCommand("SELECT name, max_length FROM custom_field_definitions WHERE account_id = $1");
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
            await using var reader = await cmd.ExecuteReaderAsync();
            var fields = new Dictionary<string, int>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
                fields[reader.GetString(0)] = reader.GetInt32(1);
            return (IReadOnlyDictionary<string, int>)fields;
        }))!;

    /// <summary>After a change through this host: its next request reads the tables again.</summary>
    public void ForgetList(long listId) => cache.Remove(("list", listId));

    public void ForgetCampaign(long campaignId) => cache.Remove(("campaign", campaignId));

    public void ForgetCustomFields(long accountId) => cache.Remove(("custom-fields", accountId));

    private Task<T?> CachedAsync<T>(object key, Func<Task<T?>> load) =>
        cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return load();
        });

    private async Task<T?> QuerySingleAsync<T>(string sql, long id, Func<NpgsqlDataReader, T> map) where T : class
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? map(reader) : null;
    }
}
