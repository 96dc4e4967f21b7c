using Leadline.Grains.PhoneShards;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Dnc;

/// <summary>/v1/dnc/update and /v1/dnc/delete: table and shard index change together, nothing changes on refusal.</summary>
public class DncChangeTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Delete_by_id_lets_the_next_check_dnc_insert_through()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var id = await dnc.InsertAsync(phone);
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(phone)).Code);

        var answer = await dnc.PostAsync("delete", ("id", id.ToString()));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.True(DncClient.Data(answer).GetProperty("deleted").GetBoolean());
        var lead = await dnc.InsertLeadCheckingDncAsync(phone);
        Assert.True(lead.Success, lead.Json.ToString());
        Assert.Equal(0, await dnc.CountEntriesAsync());
    }

    [Fact]
    public async Task Delete_by_phone_and_campaign_removes_that_scope_only()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        await dnc.InsertAsync(phone);
        await dnc.InsertAsync(phone, account.CampaignId);

        var answer = await dnc.PostAsync("delete", ("phone_number", phone.E164), ("campaign_id", account.CampaignId.ToString()));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(0, await dnc.CountEntriesAsync(phone.E164, account.CampaignId));
        Assert.Equal(1, await dnc.CountEntriesAsync(phone.E164, 0));
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(phone)).Code); // the global entry still holds

        var global = await dnc.PostAsync("delete", ("phone_number", phone.Raw)); // no campaign_id: the global entry
        Assert.True(global.Success, global.Json.ToString());
        Assert.True((await dnc.InsertLeadCheckingDncAsync(phone)).Success);
    }

    [Fact]
    public async Task Delete_with_update_lead_status_sets_the_status_of_the_leads_in_the_entrys_scope()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var listB = await account.AddListAsync(await account.AddCampaignAsync("Campaign B"), "List B1");
        var phone = TestPhones.Next();
        var leadA = (await account.InsertAsync(("phone_number", phone.Raw), ("status", "NEW"))).LeadId;
        var leadB = (await account.InsertAsync(("phone_number", phone.Raw), ("status", "NEW"), ("list_id", listB.ToString()))).LeadId;
        var otherPhone = (await account.InsertAsync(("phone_number", TestPhones.InSameShardAs(phone).Raw), ("status", "NEW"))).LeadId;
        var campaignEntry = await dnc.InsertAsync(phone, account.CampaignId);
        var globalEntry = await dnc.InsertAsync(phone);

        var campaignOnly = await dnc.PostAsync("delete", ("id", campaignEntry.ToString()), ("update_lead_status", "true"), ("lead_status", "CALLOK"));

        Assert.Equal(1, DncClient.Data(campaignOnly).GetProperty("leads_updated").GetInt32());
        Assert.Equal<string?[]>(["CALLOK", "NEW", "NEW"], [await StatusAsync(leadA), await StatusAsync(leadB), await StatusAsync(otherPhone)]);

        var everywhere = await dnc.PostAsync("delete", ("id", globalEntry.ToString()), ("update_lead_status", "1"), ("lead_status", "CLEARED"));

        Assert.Equal(2, DncClient.Data(everywhere).GetProperty("leads_updated").GetInt32());
        Assert.Equal<string?[]>(["CLEARED", "CLEARED", "NEW"], [await StatusAsync(leadA), await StatusAsync(leadB), await StatusAsync(otherPhone)]);
        Assert.Equal(
            await leadline.Database.ScalarAsync("SELECT user_id FROM api_tokens WHERE token_id = $1", account.Token.TokenId),
            await leadline.Database.ScalarAsync("SELECT modified_by FROM leads WHERE lead_id = $1", leadA));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("no")]
    public async Task Delete_without_update_lead_status_on_leaves_lead_status_alone(string? flag)
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var lead = (await account.InsertAsync(("phone_number", phone.Raw), ("status", "NEW"))).LeadId;
        var id = await dnc.InsertAsync(phone);
        (string, string)[] fields = flag is null
            ? [("id", id.ToString()), ("lead_status", "CLEARED")]
            : [("id", id.ToString()), ("update_lead_status", flag), ("lead_status", "CLEARED")];

        var answer = await dnc.PostAsync("delete", fields);

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(0, DncClient.Data(answer).GetProperty("leads_updated").GetInt32());
        Assert.Equal("NEW", await StatusAsync(lead));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("y")]
    public async Task Update_lead_status_takes_every_flag_word(string flag)
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var lead = (await account.InsertAsync(("phone_number", phone.Raw), ("status", "NEW"))).LeadId;
        await dnc.InsertAsync(phone);

        // Convoso's Delete DNC shape: by number, phone_code and campaign_id, the flag as typed clients send it.
        var answer = await dnc.PostAsync("delete", ("phone_number", phone.Raw), ("phone_code", "1"), ("campaign_id", "0"),
            ("update_lead_status", flag), ("lead_status", "CLEARED"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(1, DncClient.Data(answer).GetProperty("leads_updated").GetInt32());
        Assert.Equal("CLEARED", await StatusAsync(lead));
    }

    [Fact]
    public async Task Delete_refusals_change_nothing()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var lead = (await account.InsertAsync(("phone_number", phone.Raw), ("status", "NEW"))).LeadId;
        var id = (await dnc.InsertAsync(phone)).ToString();

        ApiAnswer[] answers =
        [
            await dnc.PostAsync("delete", ("id", "999999999")),
            await dnc.PostAsync("delete", ("id", "abc")),
            await dnc.PostAsync("delete"),
            await dnc.PostAsync("delete", ("phone_number", phone.Raw), ("campaign_id", account.CampaignId.ToString())),
            await dnc.PostAsync("delete", ("phone_number", "555-1212")),
            await dnc.PostAsync("delete", ("phone_number", phone.Raw), ("phone_code", "999")),
            await dnc.PostAsync("delete", ("phone_number", phone.Raw), ("campaign_id", "999999999")),
            await dnc.PostAsync("delete", ("id", id), ("update_lead_status", "1")),
            await dnc.PostAsync("delete", ("id", id), ("update_lead_status", "2"), ("lead_status", "X")),
            await dnc.PostAsync("delete", ("id", id), ("update_lead_status", "true"), ("lead_status", new string('s', 33))),
        ];

        Assert.Equal([6056, 6056, 6050, 6003, 6007, 6026, 6006, 6050, 6050, 6050], answers.Select(a => a.Code));
        Assert.All(answers, a => Assert.Equal((System.Net.HttpStatusCode.OK, false), (a.Status, a.Success)));
        Assert.Equal("Phone Number Not Found", answers[3].Text);
        Assert.Equal(1, await dnc.CountEntriesAsync());
        Assert.Equal("NEW", await StatusAsync(lead));
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(phone)).Code);
    }

    [Fact]
    public async Task Deleting_twice_is_6056_by_id_and_6003_by_number_the_second_time()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var id = (await dnc.InsertAsync(phone)).ToString();
        await dnc.InsertAsync(phone, account.CampaignId);

        Assert.True((await dnc.PostAsync("delete", ("id", id))).Success);
        var again = await dnc.PostAsync("delete", ("id", id));
        Assert.True((await dnc.PostAsync("delete", ("phone_number", phone.Raw), ("campaign_id", account.CampaignId.ToString()))).Success);
        var againByNumber = await dnc.PostAsync("delete", ("phone_number", phone.Raw), ("campaign_id", account.CampaignId.ToString()));

        Assert.Equal((false, 6056, "Missing or invalid value for ID"), (again.Success, again.Code, again.Text));
        Assert.Equal((false, 6003, "Phone Number Not Found"), (againByNumber.Success, againByNumber.Code, againByNumber.Text));
    }

    [Fact]
    public async Task Update_of_reason_and_purpose_keeps_number_and_scope()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var id = await dnc.InsertAsync(phone, reason: "old");

        var answer = await dnc.PostAsync("update", ("id", id.ToString()), ("reason", "new"), ("purpose", "audit"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(id, DncClient.Id(answer));
        var data = DncClient.Data(answer);
        Assert.Equal(("new", "audit", phone.E164, "0"), (data.GetProperty("reason").GetString(), data.GetProperty("purpose").GetString(),
            data.GetProperty("phone_e164").GetString(), data.GetProperty("campaign_id").GetString()));
        Assert.Equal("new", await dnc.ColumnAsync(id, "reason"));
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(phone)).Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Update_of_the_number_moves_the_entry_in_both_shards(bool sameShard)
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var oldPhone = TestPhones.Next();
        var newPhone = sameShard ? TestPhones.InSameShardAs(oldPhone) : OtherShard(oldPhone);
        var id = await dnc.InsertAsync(oldPhone, reason: "kept");

        var answer = await dnc.PostAsync("update", ("id", id.ToString()), ("phone_number", newPhone.Raw));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(newPhone.E164, await dnc.ColumnAsync(id, "phone_e164"));
        Assert.Equal(PhoneShardKey.ShardOf(newPhone.E164).ToString(), await dnc.ColumnAsync(id, "phone_shard"));
        Assert.Equal("kept", await dnc.ColumnAsync(id, "reason"));
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(newPhone)).Code);
        var oldNumber = await dnc.InsertLeadCheckingDncAsync(oldPhone);
        Assert.True(oldNumber.Success, oldNumber.Json.ToString());
    }

    [Fact]
    public async Task Update_of_the_scope_moves_the_refusal_and_takes_covered_leads_out_of_the_hopper()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var campaignB = await account.AddCampaignAsync("Campaign B");
        var listB = await account.AddListAsync(campaignB, "List B1");
        var phone = TestPhones.Next();
        var id = await dnc.InsertAsync(phone, account.CampaignId);
        var leadB = await dnc.InsertLeadInHopperAsync(phone, listB);
        await dnc.WaitForHopperAsync(campaignB, ready: 1);

        var answer = await dnc.PostAsync("update", ("id", id.ToString()), ("campaign_id", campaignB.ToString()));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(campaignB.ToString(), await dnc.ColumnAsync(id, "campaign_id"));
        Assert.Empty(await dnc.PullAsync(campaignB));
        Assert.Equal(0, await leadline.Database.ScalarAsync("SELECT count(*) FROM hopper_entries WHERE lead_id = $1", leadB));
        Assert.True((await dnc.InsertLeadCheckingDncAsync(phone)).Success);             // campaign A: lifted
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(phone, listB)).Code);  // campaign B: refused
    }

    [Fact]
    public async Task Update_onto_an_existing_number_and_scope_is_6059_and_changes_nothing()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var first = TestPhones.Next();
        var second = OtherShard(first);
        var id = await dnc.InsertAsync(first, reason: "one");
        await dnc.InsertAsync(second);

        var answer = await dnc.PostAsync("update", ("id", id.ToString()), ("phone_number", second.Raw), ("reason", "two"));

        Assert.Equal((6059, "This combination of Phone number, Campaign ID, and Phone Code already exists."), (answer.Code, answer.Text));
        Assert.Equal((first.E164, "one"), (await dnc.ColumnAsync(id, "phone_e164"), await dnc.ColumnAsync(id, "reason")));
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(first)).Code);
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(second)).Code);
    }

    [Fact]
    public async Task Update_refusals_change_nothing()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var id = (await dnc.InsertAsync(phone, reason: "r")).ToString();

        ApiAnswer[] answers =
        [
            await dnc.PostAsync("update", ("id", "999999999"), ("reason", "x")),
            await dnc.PostAsync("update", ("id", "abc"), ("reason", "x")),
            await dnc.PostAsync("update", ("reason", "x")),
            await dnc.PostAsync("update", ("id", id)),
            await dnc.PostAsync("update", ("id", id), ("phone_number", "555-1212")),
            await dnc.PostAsync("update", ("id", id), ("phone_code", "999")),
            await dnc.PostAsync("update", ("id", id), ("campaign_id", "999999999")),
            await dnc.PostAsync("update", ("id", id), ("campaign_id", "abc")),
            await dnc.PostAsync("update", ("id", id), ("reason", new string('r', 256))),
            await dnc.PostAsync("update", ("id", id), ("purpose", "tab\there")),
        ];

        Assert.Equal([6056, 6056, 6050, 6050, 6008, 6026, 6004, 6004, 6058, 6057], answers.Select(a => a.Code));
        Assert.All(answers, a => Assert.Equal((System.Net.HttpStatusCode.OK, false), (a.Status, a.Success)));
        Assert.Equal(("The phone number is invalid (phone_number)", "Unknown Campaign ID"), (answers[4].Text, answers[6].Text));
        Assert.Equal((phone.E164, "0", "r"),
            (await dnc.ColumnAsync(long.Parse(id), "phone_e164"), await dnc.ColumnAsync(long.Parse(id), "campaign_id"), await dnc.ColumnAsync(long.Parse(id), "reason")));
    }

    [Fact]
    public async Task Another_accounts_entries_and_campaigns_answer_like_ones_that_do_not_exist()
    {
        var account = await leadline.CreateAccountAsync();
        var stranger = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var theirPhone = TestPhones.Next();
        var theirs = (await new DncClient(stranger).InsertAsync(theirPhone, reason: "theirs")).ToString();
        var mine = (await dnc.InsertAsync(TestPhones.Next())).ToString();

        var pairs = new (ApiAnswer Theirs, ApiAnswer None)[]
        {
            (await dnc.PostAsync("update", ("id", theirs), ("reason", "x")), await dnc.PostAsync("update", ("id", "999999999"), ("reason", "x"))),
            (await dnc.PostAsync("delete", ("id", theirs)), await dnc.PostAsync("delete", ("id", "999999999"))),
            (await dnc.PostAsync("delete", ("phone_number", theirPhone.Raw)), await dnc.PostAsync("delete", ("phone_number", TestPhones.Next().Raw))),
            (await dnc.PostAsync("update", ("id", mine), ("campaign_id", stranger.CampaignId.ToString())),
             await dnc.PostAsync("update", ("id", mine), ("campaign_id", "999999999"))),
        };

        Assert.All(pairs, p => Assert.Equal(p.None.Json.ToString(), p.Theirs.Json.ToString()));
        Assert.Equal([6056, 6056, 6003, 6004], pairs.Select(p => p.Theirs.Code));
        Assert.Equal("theirs", await dnc.ColumnAsync(long.Parse(theirs), "reason"));
        Assert.Equal(6010, (await new DncClient(stranger).InsertLeadCheckingDncAsync(theirPhone)).Code);
        Assert.Equal("0", await dnc.ColumnAsync(long.Parse(mine), "campaign_id"));
    }

    [Fact]
    public async Task Update_with_blank_marker_clears_reason_and_purpose()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var id = DncClient.Id(await dnc.PostAsync("insert", ("phone_number", TestPhones.Next().Raw), ("reason", "DNC"), ("purpose", "TELEMKT")));

        var answer = await dnc.PostAsync("update", ("id", id.ToString()), ("reason", "-BLANK-"), ("purpose", "-BLANK-"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(("", ""), (DncClient.Data(answer).GetProperty("reason").GetString(), DncClient.Data(answer).GetProperty("purpose").GetString()));
        Assert.Equal(("", ""), (await dnc.ColumnAsync(id, "reason"), await dnc.ColumnAsync(id, "purpose")));
        var blank = DncClient.Data(await dnc.PostAsync("search", ("reason", "-BLANK-"), ("purpose", "-BLANK-"))).GetProperty("entries");
        Assert.Equal(id.ToString(), Assert.Single(blank.EnumerateArray()).GetProperty("id").GetString());
    }

    private static TestPhone OtherShard(TestPhone phone)
    {
        while (true)
        {
            var candidate = TestPhones.Next();
            if (PhoneShardKey.ShardOf(candidate.E164) != PhoneShardKey.ShardOf(phone.E164))
                return candidate;
        }
    }

    private async Task<string?> StatusAsync(long leadId)
    {
        await using var cmd = leadline.Database.DataSource.CreateCommand("SELECT status FROM leads WHERE lead_id = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = leadId });
        return await cmd.ExecuteScalarAsync() as string;
    }
}
