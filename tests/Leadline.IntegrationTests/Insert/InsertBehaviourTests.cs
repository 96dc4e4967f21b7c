using System.Text.Json;
using Leadline.Grains.PhoneShards;
using Leadline.IntegrationTests.Infrastructure;
using Npgsql;

namespace Leadline.IntegrationTests.Insert;

public sealed class InsertBehaviourTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Insert_stores_every_field_and_answers_in_convoso_shape()
    {
        var account = await leadline.CreateAccountAsync();
        await leadline.Accounts.CreateCustomFieldAsync(account.AccountId, "loan_amount", 20);

        var answer = await account.InsertAsync(
            ("phone_number", "(813) 555-0142"), ("first_name", "Ann"), ("last_name", "Lee"), ("email", "ann@example.com"),
            ("alt_phone_1", "727.555.0199"), ("date_of_birth", "04/05/1980"), ("monthly_revenue", "$1,250.50"),
            ("state", "FL"), ("loan_amount", "25000"), ("favourite_colour", "blue"), ("created_by", "someone"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(answer.LeadId.ToString(), answer.Json.GetProperty("id").GetString());
        Assert.Equal(["created_by", "favourite_colour"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));

        await using var cmd = leadline.Database.DataSource.CreateCommand(
            """
            SELECT l.phone_e164, l.phone_code, l.phone_number, l.first_name, l.last_name, l.email, l.alt_phone_1,
                   l.date_of_birth::text, l.monthly_revenue::text, l.state, l.custom_fields::text, u.kind, u.display_name, l.list_id
            FROM leads l JOIN users u ON u.user_id = l.created_by WHERE l.lead_id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = answer.LeadId });
        await using var row = await cmd.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal("+18135550142", row.GetString(0));
        Assert.Equal(1, row.GetInt32(1));
        Assert.Equal("8135550142", row.GetString(2));
        Assert.Equal("Ann", row.GetString(3));
        Assert.Equal("Lee", row.GetString(4));
        Assert.Equal("ann@example.com", row.GetString(5));
        Assert.Equal("+17275550199", row.GetString(6));
        Assert.Equal("1980-04-05", row.GetString(7));
        Assert.Equal("1250.50", row.GetString(8));
        Assert.Equal("FL", row.GetString(9));
        Assert.Equal("25000", JsonDocument.Parse(row.GetString(10)).RootElement.GetProperty("loan_amount").GetString());
        Assert.Equal("api", row.GetString(11));
        Assert.Equal("System API User", row.GetString(12));
        Assert.Equal(account.ListId, row.GetInt64(13));
    }

    [Fact]
    public async Task Query_string_works_and_the_body_wins_over_it()
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();
        var query = $"/v1/leads/insert?auth_token={account.Token.Secret}&list_id={account.ListId}&phone_number={Uri.EscapeDataString(phone.Raw)}&first_name=Query";

        var answer = await account.PostAsync(query, new FormUrlEncodedContent([new("first_name", "Body")]));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal("Body", await FirstNameAsync(answer.LeadId));
    }

    [Fact]
    public async Task Every_phone_format_is_one_number_for_dedup()
    {
        var account = await leadline.CreateAccountAsync();
        var first = await account.InsertAsync(("phone_number", "(727) 555-0123"), ("check_dup", "1"));
        Assert.True(first.Success, first.Json.ToString());

        foreach (var format in new[] { "727.555.0123", "17275550123", "+17275550123", "727-555-0123" })
        {
            var again = await account.InsertAsync(("phone_number", format), ("check_dup", "1"));
            Assert.Equal(6009, again.Code);
            Assert.Equal(first.LeadId, again.LeadId);
        }
        Assert.Equal(1, await account.CountLeadsAsync("+17275550123"));
    }

    [Fact]
    public async Task Hopper_entry_is_written_with_the_lead()
    {
        var account = await leadline.CreateAccountAsync();

        var withPriority = await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("hopper", "1"), ("hopper_priority", "42"), ("hopper_expires_in", "30"));
        var byDefault = await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("hopper", "1"), ("hopper_expire_in", "5"));
        var notInHopper = await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("hopper", "0"), ("hopper_priority", "10"));

        Assert.Equal((42, 30.0), await HopperEntryAsync(account.CampaignId, withPriority.LeadId));
        Assert.Equal((99, 5.0), await HopperEntryAsync(account.CampaignId, byDefault.LeadId));
        Assert.Null(await HopperEntryAsync(account.CampaignId, notInHopper.LeadId));
        // Same transaction: the hopper row and its lead carry the same xmin.
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM leads l JOIN hopper_entries h USING (lead_id) WHERE l.lead_id = $1 AND l.xmin::text = h.xmin::text",
            withPriority.LeadId));
    }

    [Fact]
    public async Task Check_dnc_refuses_account_and_campaign_dnc_but_not_another_campaigns()
    {
        var account = await leadline.CreateAccountAsync();
        var otherCampaign = await account.AddCampaignAsync("Campaign B");
        var otherList = await account.AddListAsync(otherCampaign, "List B1");
        var global = TestPhones.Next();
        var campaignOnly = TestPhones.Next();
        await AddDncAsync(account, global, 0);
        await AddDncAsync(account, campaignOnly, account.CampaignId);

        var refusedGlobal = await account.InsertAsync(("phone_number", global.Raw), ("check_dnc", "1"));
        var refusedCampaign = await account.InsertAsync(("phone_number", campaignOnly.Raw), ("check_dnc", "1"));
        var otherCampaignAllowed = await account.InsertAsync(("phone_number", campaignOnly.Raw), ("check_dnc", "1"), ("list_id", otherList.ToString()));
        var uncheckedAllowed = await account.InsertAsync(("phone_number", global.Raw), ("check_dnc", "0"));

        Assert.Equal(6010, refusedGlobal.Code);
        Assert.Equal(6010, refusedCampaign.Code);
        Assert.True(otherCampaignAllowed.Success, otherCampaignAllowed.Json.ToString());
        Assert.True(uncheckedAllowed.Success, uncheckedAllowed.Json.ToString());
        Assert.Equal(1, await account.CountLeadsAsync(global.E164));
        Assert.Equal(1, await account.CountLeadsAsync(campaignOnly.E164));
    }

    [Fact]
    public async Task Check_dup_archive_counts_leads_in_archived_lists_only_when_asked()
    {
        var account = await leadline.CreateAccountAsync();
        var oldList = await account.AddListAsync(account.CampaignId, "Old list");
        var phone = TestPhones.Next();
        var old = await account.InsertAsync(("phone_number", phone.Raw), ("list_id", oldList.ToString()));
        Assert.True(old.Success);
        await ArchiveAsync(account, oldList);

        var withArchive = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "3"), ("check_dup_archive", "1"));
        var withoutArchive = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "3"), ("check_dup_archive", "0"));

        Assert.Equal(6009, withArchive.Code);
        Assert.Equal(old.LeadId, withArchive.LeadId);
        Assert.True(withoutArchive.Success, withoutArchive.Json.ToString());
        Assert.Equal(2, await account.CountLeadsAsync(phone.E164));
    }

    [Fact]
    public async Task Update_if_found_updates_the_existing_lead_instead_of_inserting()
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();
        var original = await account.InsertAsync(("phone_number", phone.Raw), ("first_name", "Ann"), ("city", "Tampa"));

        var update = await account.InsertAsync(("phone_number", phone.Raw), ("update_if_found", "1"), ("first_name", "Bea"), ("hopper", "1"));

        Assert.True(update.Success, update.Json.ToString());
        Assert.Equal(original.LeadId, update.LeadId);
        Assert.True(update.Json.GetProperty("data").GetProperty("updated").GetBoolean());
        Assert.Equal("Bea", await FirstNameAsync(original.LeadId));
        Assert.Equal(1, await account.CountLeadsAsync(phone.E164));
        Assert.Equal((99, (double?)null), await HopperEntryAsync(account.CampaignId, original.LeadId));
    }

    [Fact]
    public async Task Update_if_found_with_search_list_id_looks_only_in_that_list()
    {
        var account = await leadline.CreateAccountAsync();
        var otherList = await account.AddListAsync(account.CampaignId, "Other");
        var phone = TestPhones.Next();
        var original = await account.InsertAsync(("phone_number", phone.Raw), ("list_id", otherList.ToString()));

        var notFound = await account.InsertAsync(("phone_number", phone.Raw), ("update_if_found", "1"), ("search_list_id", account.ListId.ToString()));
        var found = await account.InsertAsync(("phone_number", phone.Raw), ("update_if_found", "1"), ("search_list_id", otherList.ToString()), ("first_name", "Cy"));

        Assert.True(notFound.Success);
        Assert.NotEqual(original.LeadId, notFound.LeadId);
        Assert.Equal(original.LeadId, found.LeadId);
        Assert.Equal("Cy", await FirstNameAsync(original.LeadId));
        Assert.Equal(2, await account.CountLeadsAsync(phone.E164));
    }

    [Fact]
    public async Task A_lead_for_an_archived_list_is_stored_but_not_put_in_the_hopper()
    {
        var account = await leadline.CreateAccountAsync();
        var archived = await account.AddListAsync(account.CampaignId, "Archived", archived: true);

        var answer = await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("list_id", archived.ToString()), ("hopper", "1"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Null(await HopperEntryAsync(account.CampaignId, answer.LeadId));
    }

    [Fact]
    public async Task Update_if_found_does_not_take_a_leased_hopper_entry_from_its_dialer()
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();
        var original = await account.InsertAsync(("phone_number", phone.Raw), ("hopper", "1"), ("hopper_priority", "50"));
        await leadline.Database.ScalarAsync(
            "UPDATE hopper_entries SET state = 'LEASED', lease_id = gen_random_uuid(), leased_to = 'dialer-1' WHERE lead_id = $1 RETURNING 1",
            original.LeadId);

        var update = await account.InsertAsync(("phone_number", phone.Raw), ("update_if_found", "1"), ("hopper", "1"), ("hopper_priority", "10"));

        Assert.Equal(original.LeadId, update.LeadId);
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM hopper_entries WHERE lead_id = $1 AND state = 'LEASED' AND leased_to = 'dialer-1' AND priority = 50",
            original.LeadId));
    }

    private async Task AddDncAsync(TestAccount account, TestPhone phone, long campaignId)
    {
        var normalized = new Leadline.Grains.Leads.NormalizedPhone(phone.E164, 1, phone.E164[2..]);
        var shard = leadline.Cluster.Client.GetGrain<IPhoneShardGrain>(PhoneShardKey.For(account.AccountId, phone.E164));
        var outcome = await shard.AddDncAsync(account.AccountId, normalized, campaignId, "test");
        Assert.Equal(DncAddResult.Added, outcome.Result);
    }

    /// <summary>What the list-archive endpoint does: flag the row, then tell every shard of the account.</summary>
    private async Task ArchiveAsync(TestAccount account, long listId)
    {
        await leadline.Database.ScalarAsync("UPDATE lists SET archived = true WHERE list_id = $1 RETURNING 1", listId);
        await Task.WhenAll(Enumerable.Range(0, PhoneShardKey.ShardCount).Select(shard =>
            leadline.Cluster.Client.GetGrain<IPhoneShardGrain>(PhoneShardKey.For(account.AccountId, shard)).SetListArchivedAsync(listId, true)));
    }

    private async Task<string?> FirstNameAsync(long leadId)
    {
        await using var cmd = leadline.Database.DataSource.CreateCommand("SELECT first_name FROM leads WHERE lead_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = leadId });
        return (string?)await cmd.ExecuteScalarAsync();
    }

    /// <summary>(priority, minutes from insertion to expiry) of the lead's hopper entry, or null.</summary>
    private async Task<(int, double?)?> HopperEntryAsync(long campaignId, long leadId)
    {
        await using var cmd = leadline.Database.DataSource.CreateCommand(
            "SELECT priority, extract(epoch FROM expires_at - inserted_at) / 60 FROM hopper_entries WHERE campaign_id = $1 AND lead_id = $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = leadId });
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return (reader.GetInt16(0), reader.IsDBNull(1) ? null : Math.Round(reader.GetDouble(1), 3));
    }
}
