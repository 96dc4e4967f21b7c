using Npgsql;

namespace Leadline.ApiHost.Accounts;

public sealed record ListInfo(long ListId, long AccountId, long CampaignId, bool Archived);

public sealed record CampaignInfo(long CampaignId, long AccountId);

/// <summary>
/// Read-through cache of the account data every API call resolves: lists, campaigns, custom field
/// definitions. Short-lived entries keep the hot path off the database without holding stale data long.
/// </summary>
public sealed class AccountDirectory
{
    /// <summary>How long another API host may still use a list, campaign or custom field as it was before a change.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource db;
    private readonly ExpiringCache<long, ListInfo?> _lists;
    private readonly ExpiringCache<long, CampaignInfo?> _campaigns;
    private readonly ExpiringCache<long, IReadOnlyDictionary<string, int>> _customFields;

    public AccountDirectory(NpgsqlDataSource db)
    {
        this.db = db;
        // The loads are made once here: a lambda per lookup would allocate on every cache hit.
        _lists = new(CacheFor, id => QuerySingleAsync(
            "SELECT list_id, account_id, campaign_id, archived FROM lists WHERE list_id = $1", id,
            r => new ListInfo(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetBoolean(3))), TimeProvider.System);
        _campaigns = new(CacheFor, id => QuerySingleAsync(
            "SELECT campaign_id, account_id FROM campaigns WHERE campaign_id = $1", id,
            r => new CampaignInfo(r.GetInt64(0), r.GetInt64(1))), TimeProvider.System);
        _customFields = new(CacheFor, LoadCustomFieldsAsync, TimeProvider.System);
    }

    /// <summary>The list if it exists and belongs to the account; another account's list is "no such list".</summary>
    public async Task<ListInfo?> FindListAsync(long accountId, long listId)
    {
        var list = await _lists.GetAsync(listId);
        return list?.AccountId == accountId ? list : null;
    }

    public async Task<CampaignInfo?> FindCampaignAsync(long accountId, long campaignId)
    {
        var campaign = await _campaigns.GetAsync(campaignId);
        return campaign?.AccountId == accountId ? campaign : null;
    }

    /// <summary>Custom field name → max length.</summary>
    public Task<IReadOnlyDictionary<string, int>> GetCustomFieldsAsync(long accountId) => _customFields.GetAsync(accountId);

    private async Task<IReadOnlyDictionary<string, int>> LoadCustomFieldsAsync(long accountId)
    {
        await using var cmd = db.CreateCommand("SELECT name, max_length FROM custom_field_definitions WHERE account_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var fields = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
            fields[reader.GetString(0)] = reader.GetInt32(1);
        return fields;
    }

    /// <summary>After a change through this host: its next request reads the tables again.</summary>
    public void ForgetList(long listId) => _lists.Forget(listId);

    public void ForgetCampaign(long campaignId) => _campaigns.Forget(campaignId);

    public void ForgetCustomFields(long accountId) => _customFields.Forget(accountId);

    private async Task<T?> QuerySingleAsync<T>(string sql, long id, Func<NpgsqlDataReader, T> map) where T : class
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? map(reader) : null;
    }
}
