using System.Text.Json;
using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;
using Leadline.IntegrationTests.Infrastructure;
using Npgsql;

namespace Leadline.IntegrationTests.LeadChanges;

/// <summary>One lead row as the tests compare it before and after a change.</summary>
public sealed record LeadRow(
    long ListId, long CampaignId, string PhoneE164, short Shard, string? FirstName, string? Status, string CustomFields,
    DateTimeOffset ModifiedAt, bool Deleted);

/// <summary>Posts /v1/leads/update, /delete (auth_token filled in unless given) and reads leads back.</summary>
public sealed class LeadChangesClient(TestAccount account)
{
    public TestAccount Account => account;

    public Task<ApiAnswer> UpdateAsync(params (string Name, string Value)[] fields) => PostAsync("/v1/leads/update", fields);

    public Task<ApiAnswer> DeleteAsync(long leadId, string? token = null) =>
        PostAsync("/v1/leads/delete", [("lead_id", leadId.ToString()), ("auth_token", token ?? account.Token.Secret)]);

    public Task<ApiAnswer> PostAsync(string path, params (string Name, string Value)[] fields) =>
        account.PostFormAsync(path, fields);

    /// <summary>Inserts a lead (check_dup 0) and returns its id.</summary>
    public async Task<long> InsertAsync(TestPhone phone, params (string Name, string Value)[] fields)
    {
        var answer = await account.InsertAsync([("phone_number", phone.Raw), .. fields]);
        Assert.True(answer.Success, answer.Json.ToString());
        return answer.LeadId;
    }

    public async Task<LeadRow> ReadAsync(long leadId)
    {
        await using var cmd = account.Leadline.Database.DataSource.CreateCommand(
            """
            SELECT list_id, campaign_id, phone_e164, phone_shard, first_name, status, custom_fields::text, modified_at, deleted_at IS NOT NULL
            FROM leads WHERE lead_id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = leadId });
        await using var row = await cmd.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), $"lead {leadId} is not in the table");
        return new LeadRow(row.GetInt64(0), row.GetInt64(1), row.GetString(2), row.GetInt16(3),
            row.IsDBNull(4) ? null : row.GetString(4), row.IsDBNull(5) ? null : row.GetString(5), row.GetString(6),
            row.GetFieldValue<DateTimeOffset>(7), row.GetBoolean(8));
    }

    public static string Custom(LeadRow row, string name) =>
        JsonDocument.Parse(row.CustomFields).RootElement.GetProperty(name).GetString()!;

    public async Task AddDncAsync(string e164, long campaignId = 0)
    {
        var phone = new NormalizedPhone(e164, 1, e164[2..]);
        var shard = account.Leadline.Cluster.Client.GetGrain<IPhoneShardGrain>(PhoneShardKey.For(account.AccountId, e164));
        Assert.Equal(DncAddResult.Added, (await shard.AddDncAsync(account.AccountId, phone, campaignId, "test")).Result);
    }

    public Task<long> HopperRowsAsync(long leadId) =>
        account.Leadline.Database.ScalarAsync("SELECT count(*) FROM hopper_entries WHERE lead_id = $1", leadId);
}
