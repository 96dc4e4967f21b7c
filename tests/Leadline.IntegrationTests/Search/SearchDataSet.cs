using Leadline.IntegrationTests.Infrastructure;
using NpgsqlTypes;
using Npgsql;

namespace Leadline.IntegrationTests.Search;

/// <summary>
/// A known set of leads for one test account, written straight to the leads table (the search reads
/// only that table): 3 lists in 2 campaigns, varied statuses, owners, names in mixed case, emails, cell
/// phones, cities, a custom field, two creators (the token's API user and an operator), creation and
/// update times over 60 days with some leads sharing a created_at (as a write batch does), and
/// soft-deleted leads. Tests compute what a search must answer from <see cref="Leads"/>.
/// </summary>
public sealed class SearchDataSet
{
    public const string CustomField = "source";

    public required TestAccount Account { get; init; }
    public required long SecondListId { get; init; }
    public required long OtherCampaignId { get; init; }
    public required long OtherCampaignListId { get; init; }
    public required long ApiUserId { get; init; }
    public required long OperatorUserId { get; init; }
    public required IReadOnlyList<SeedLead> Leads { get; init; }
    public required DateTime Start { get; init; }

    /// <summary>The leads search can find (not deleted), newest first as search orders them.</summary>
    public IEnumerable<SeedLead> Live => Leads.Where(l => !l.Deleted).OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.LeadId);

    private static readonly string[] Statuses = ["NEW", "NA", "SALE", "CALLBK"];
    private static readonly string[] FirstNames = ["Ann", "ann", "Bob", "Carla", "Dmitri", "Eve"];
    private static readonly string[] LastNames = ["Smith", "SMITH", "smith", "Lee", "Garcia", "O'Neil", "Nguyen", "Brown"];
    private static readonly (string City, string State)[] Cities = [("Tampa", "FL"), ("Miami", "FL"), ("Austin", "TX"), ("tampa", "fl")];
    private static readonly string[] Owners = ["agent1", "agent2", "Agent1"];
    private static readonly string[] Sources = ["web", "tv"];

    public static async Task<SearchDataSet> CreateAsync(LeadlineCluster leadline, int count = 1500, int seed = 7)
    {
        var account = await leadline.CreateAccountAsync();
        var secondList = await account.AddListAsync(account.CampaignId, "List A2");
        var otherCampaign = await account.AddCampaignAsync("Campaign B");
        var otherList = await account.AddListAsync(otherCampaign, "List B1");
        await leadline.Accounts.CreateCustomFieldAsync(account.AccountId, CustomField, 20);
        var apiUser = await leadline.Database.ScalarAsync("SELECT user_id FROM api_tokens WHERE token_id = $1", account.Token.TokenId);
        var operatorUser = await leadline.Accounts.CreateOperatorAsync(
            account.AccountId, "op-" + Guid.NewGuid().ToString("N")[..8], "secret-password", "Operator");

        var random = new Random(seed);
        var lists = new[] { (account.ListId, account.CampaignId), (secondList, account.CampaignId), (otherList, otherCampaign) };
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var ids = await AllocateIdsAsync(leadline, count);
        var leads = new List<SeedLead>(count);
        var created = start;
        for (var i = 0; i < count; i++)
        {
            // about one lead in five shares the previous lead's created_at, as leads of one write batch do
            if (random.Next(5) != 0)
                created = created.AddMinutes(random.Next(1, 115)).AddMilliseconds(random.Next(1000));
            var (listId, campaignId) = lists[random.Next(10) switch { < 5 => 0, < 8 => 1, _ => 2 }];
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var (city, state) = Cities[random.Next(Cities.Length)];
            var phone = TestPhones.Next();
            leads.Add(new SeedLead(
                ids[i], listId, campaignId, phone.E164, Statuses[random.Next(Statuses.Length)],
                random.Next(3) == 0 ? null : Owners[random.Next(Owners.Length)],
                first, last,
                random.Next(4) == 0 ? null : $"{first}.{last}{i}@Example.com",
                random.Next(3) == 0 ? TestPhones.Next().E164 : null,
                city, state, (33600 + random.Next(5)).ToString(), random.Next(10) == 0 ? "CA" : "US",
                random.Next(2) == 0 ? Sources[random.Next(Sources.Length)] : null,
                random.Next(4) == 0 ? operatorUser : apiUser,
                created,
                random.Next(3) == 0 ? created.AddHours(random.Next(1, 24 * 20)) : created,
                random.Next(30) == 0));
        }
        await WriteAsync(leadline, account.AccountId, leads);

        return new SearchDataSet
        {
            Account = account, SecondListId = secondList, OtherCampaignId = otherCampaign, OtherCampaignListId = otherList,
            ApiUserId = apiUser, OperatorUserId = operatorUser, Leads = leads, Start = start,
        };
    }

    private static async Task<long[]> AllocateIdsAsync(LeadlineCluster leadline, int count)
    {
        await using var cmd = leadline.Database.DataSource.CreateCommand("SELECT nextval('leads_lead_id_seq') FROM generate_series(1, $1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = count });
        var ids = new List<long>(count);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt64(0));
        return [.. ids];
    }

    private static async Task WriteAsync(LeadlineCluster leadline, long accountId, IReadOnlyList<SeedLead> leads)
    {
        await using var connection = await leadline.Database.DataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY leads (lead_id, account_id, list_id, campaign_id, phone_code, phone_number, phone_e164, phone_shard, status,
                        owner_id, first_name, last_name, email, alt_phone_1, city, state, postal_code, country, custom_fields,
                        created_by, modified_by, created_at, modified_at, deleted_at) FROM STDIN (FORMAT BINARY)
            """);
        foreach (var lead in leads)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(lead.LeadId, NpgsqlDbType.Bigint);
            await copy.WriteAsync(accountId, NpgsqlDbType.Bigint);
            await copy.WriteAsync(lead.ListId, NpgsqlDbType.Bigint);
            await copy.WriteAsync(lead.CampaignId, NpgsqlDbType.Bigint);
            await copy.WriteAsync(1, NpgsqlDbType.Integer);
            await copy.WriteAsync(lead.National, NpgsqlDbType.Text);
            await copy.WriteAsync(lead.E164, NpgsqlDbType.Text);
            await copy.WriteAsync((short)Leadline.Grains.PhoneShards.PhoneShardKey.ShardOf(lead.E164), NpgsqlDbType.Smallint);
            await copy.WriteAsync(lead.Status, NpgsqlDbType.Text);
            await WriteNullableAsync(copy, lead.OwnerId);
            await copy.WriteAsync(lead.FirstName, NpgsqlDbType.Text);
            await copy.WriteAsync(lead.LastName, NpgsqlDbType.Text);
            await WriteNullableAsync(copy, lead.Email);
            await WriteNullableAsync(copy, lead.AltPhone1);
            await copy.WriteAsync(lead.City, NpgsqlDbType.Text);
            await copy.WriteAsync(lead.State, NpgsqlDbType.Text);
            await copy.WriteAsync(lead.PostalCode, NpgsqlDbType.Text);
            await copy.WriteAsync(lead.Country, NpgsqlDbType.Text);
            await copy.WriteAsync(lead.Source is null ? "{}" : $$"""{"{{CustomField}}":"{{lead.Source}}"}""", NpgsqlDbType.Jsonb);
            await copy.WriteAsync(lead.CreatedBy, NpgsqlDbType.Bigint);
            await copy.WriteAsync(lead.CreatedBy, NpgsqlDbType.Bigint);
            await copy.WriteAsync(lead.CreatedAt, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(lead.ModifiedAt, NpgsqlDbType.TimestampTz);
            if (lead.Deleted)
                await copy.WriteAsync(lead.CreatedAt.AddDays(1), NpgsqlDbType.TimestampTz);
            else
                await copy.WriteNullAsync();
        }
        await copy.CompleteAsync();
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Text);
}
