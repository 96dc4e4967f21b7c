using System.Net;
using System.Text;
using Leadline.ApiHost.Auth;
using Leadline.IntegrationTests.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Dnc;

public class DncInsertTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task A_global_entry_refuses_the_next_check_dnc_insert_in_every_campaign()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var otherList = await account.AddListAsync(await account.AddCampaignAsync("Campaign B"), "List B1");
        var phone = TestPhones.Next();

        var answer = await dnc.PostAsync("insert", ("phone_number", phone.Raw));

        Assert.True(answer.Success, answer.Json.ToString());
        var data = DncClient.Data(answer);
        Assert.Equal("0", data.GetProperty("campaign_id").GetString());
        Assert.Equal(phone.E164, data.GetProperty("phone_e164").GetString());
        Assert.Equal(phone.E164, await dnc.ColumnAsync(DncClient.Id(answer), "phone_e164"));
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(phone)).Code);
        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(phone, otherList)).Code);
        Assert.Equal(0, await account.CountLeadsAsync(phone.E164));
    }

    [Fact]
    public async Task A_campaign_entry_refuses_check_dnc_inserts_in_that_campaign_only()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var otherList = await account.AddListAsync(await account.AddCampaignAsync("Campaign B"), "List B1");
        var phone = TestPhones.Next();

        await dnc.InsertAsync(phone, account.CampaignId);

        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(phone)).Code);
        var elsewhere = await dnc.InsertLeadCheckingDncAsync(phone, otherList);
        Assert.True(elsewhere.Success, elsewhere.Json.ToString());
        Assert.Equal(1, await dnc.CountEntriesAsync(phone.E164, account.CampaignId));
    }

    [Fact]
    public async Task A_repeated_insert_is_6008_already_exists_in_any_format_and_writes_nothing()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var id = await dnc.InsertAsync(phone, reason: "first");

        var repeat = await dnc.PostAsync("insert", ("phone_number", phone.E164), ("campaign_id", "0"), ("reason", "second"));
        var otherScope = await dnc.PostAsync("insert", ("phone_number", phone.Raw), ("campaign_id", account.CampaignId.ToString()));

        Assert.Equal((HttpStatusCode.OK, false, 6008), (repeat.Status, repeat.Success, repeat.Code));
        Assert.Contains("already exists", repeat.Text);
        Assert.True(otherScope.Success, otherScope.Json.ToString());
        Assert.Equal(2, await dnc.CountEntriesAsync());
        Assert.Equal("first", await dnc.ColumnAsync(id, "reason"));
    }

    [Fact]
    public async Task Concurrent_inserts_of_one_number_add_exactly_one_entry()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            dnc.PostAsync("insert", ("phone_number", i % 2 == 0 ? phone.Raw : phone.E164))));

        Assert.Single(answers, a => a.Success);
        Assert.All(answers.Where(a => !a.Success), a => Assert.Equal(6008, a.Code));
        Assert.Equal(1, await dnc.CountEntriesAsync());
    }

    [Fact]
    public async Task Insert_stores_phone_code_reason_and_purpose()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);

        var answer = await dnc.PostAsync("insert", ("phone_number", "020 7946 0018"), ("phone_code", "44"),
            ("reason", "asked not to call"), ("purpose", "compliance"));

        Assert.True(answer.Success, answer.Json.ToString());
        var id = DncClient.Id(answer);
        Assert.Equal("+442079460018", await dnc.ColumnAsync(id, "phone_e164"));
        Assert.Equal("44", await dnc.ColumnAsync(id, "phone_code"));
        Assert.Equal("2079460018", await dnc.ColumnAsync(id, "phone_number"));
        Assert.Equal("asked not to call", await dnc.ColumnAsync(id, "reason"));
        Assert.Equal("compliance", await dnc.ColumnAsync(id, "purpose"));
    }

    [Fact]
    public async Task A_global_entry_takes_the_numbers_leads_out_of_every_campaigns_hopper()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var campaignB = await account.AddCampaignAsync("Campaign B");
        var listB = await account.AddListAsync(campaignB, "List B1");
        var phone = TestPhones.Next();
        var other = TestPhones.InSameShardAs(phone);
        var leadA = await dnc.InsertLeadInHopperAsync(phone, account.ListId);
        var leadB = await dnc.InsertLeadInHopperAsync(phone, listB);
        var keep = await dnc.InsertLeadInHopperAsync(other, account.ListId);
        await new HopperClient(account).WaitForReadyAsync(2);

        var answer = await dnc.PostAsync("insert", ("phone_number", phone.Raw));

        Assert.Equal(2, DncClient.Data(answer).GetProperty("hopper_removed").GetInt32());
        Assert.Equal([keep], await dnc.PullAsync(account.CampaignId));
        Assert.Empty(await dnc.PullAsync(campaignB));
        Assert.Equal(0, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM hopper_entries WHERE lead_id = ANY($1)", new[] { leadA, leadB }));
    }

    [Fact]
    public async Task A_campaign_entry_takes_the_number_out_of_that_campaigns_hopper_only()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var campaignB = await account.AddCampaignAsync("Campaign B");
        var listB = await account.AddListAsync(campaignB, "List B1");
        var phone = TestPhones.Next();
        await dnc.InsertLeadInHopperAsync(phone, account.ListId);
        var leadB = await dnc.InsertLeadInHopperAsync(phone, listB);
        await new HopperClient(account).WaitForReadyAsync(1);

        var answer = await dnc.PostAsync("insert", ("phone_number", phone.Raw), ("campaign_id", account.CampaignId.ToString()));

        Assert.Equal(1, DncClient.Data(answer).GetProperty("hopper_removed").GetInt32());
        Assert.Empty(await dnc.PullAsync(account.CampaignId));
        Assert.Equal([leadB], await dnc.PullAsync(campaignB));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_convosos_insert_dnc_codes_at_http_200_and_writes_nothing()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next().Raw;
        var leadsOnly = await leadline.Accounts.CreateTokenAsync(account.AccountId, "leads only", [ApiScopes.Leads]);

        int[] expected = [6050, 6007, 6026, 6026, 6006, 6006, 6058, 6057, 6058, 6057, 5001, 5001, 5002, 4000, 4000];
        ApiAnswer[] answers =
        [
            await dnc.PostAsync("insert", ("reason", "no number")),
            await dnc.PostAsync("insert", ("phone_number", "555-1212")),
            await dnc.PostAsync("insert", ("phone_number", phone), ("phone_code", "999")),
            await dnc.PostAsync("insert", ("phone_number", phone), ("phone_code", "one")),
            await dnc.PostAsync("insert", ("phone_number", phone), ("campaign_id", "abc")),
            await dnc.PostAsync("insert", ("phone_number", phone), ("campaign_id", "999999999")),
            await dnc.PostAsync("insert", ("phone_number", phone), ("reason", new string('r', 256))),
            await dnc.PostAsync("insert", ("phone_number", phone), ("purpose", new string('p', 256))),
            await dnc.PostAsync("insert", ("phone_number", phone), ("reason", "two\nlines")),
            await dnc.PostAsync("insert", ("phone_number", phone), ("purpose", "tab\there")),
            await dnc.PostAsync("insert", ("auth_token", "nope"), ("phone_number", phone)),
            await dnc.PostAsync("insert", ("auth_token", ""), ("phone_number", phone)),
            await dnc.PostAsync("insert", ("auth_token", leadsOnly.Secret), ("phone_number", phone)),
            await account.PostAsync("/v1/dnc/insert", new StringContent(
                $"{{\"auth_token\":\"{account.Token.Secret}\",\"dnc\":{{\"phone_number\":\"{phone}\"}}}}", Encoding.UTF8, "application/json")),
            await dnc.PostAsync("insert", ("phone_number[0]", phone)),
        ];

        Assert.Equal(expected, answers.Select(a => a.Code));
        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, false), (a.Status, a.Success)));
        Assert.Equal(0, await dnc.CountEntriesAsync());
    }

    [Fact]
    public async Task Refusals_carry_convosos_texts()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        await dnc.InsertAsync(phone);

        var repeated = await dnc.PostAsync("insert", ("phone_number", phone.Raw));
        var campaign = await dnc.PostAsync("insert", ("phone_number", phone.Raw), ("campaign_id", "999999999"));
        var countryCode = await dnc.PostAsync("insert", ("phone_number", phone.Raw), ("phone_code", "999"));
        var token = await dnc.PostAsync("insert", ("auth_token", "nope"), ("phone_number", phone.Raw));

        Assert.Equal((6008, "The phone number already exists."), (repeated.Code, repeated.Text));
        Assert.Equal((6006, "Invalid Campaign ID"), (campaign.Code, campaign.Text));
        Assert.Equal((6026, "Missing or invalid Country Code"), (countryCode.Code, countryCode.Text));
        Assert.Equal((5001, "Auth token is invalid"), (token.Code, token.Text));
        Assert.StartsWith("Invalid Phone Number", (await dnc.PostAsync("insert", ("phone_number", "555-1212"))).Text);
    }

    [Fact]
    public async Task Another_accounts_campaign_answers_exactly_like_one_that_does_not_exist()
    {
        var account = await leadline.CreateAccountAsync();
        var stranger = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next().Raw;

        var theirs = await dnc.PostAsync("insert", ("phone_number", phone), ("campaign_id", stranger.CampaignId.ToString()));
        var none = await dnc.PostAsync("insert", ("phone_number", phone), ("campaign_id", "999999999"));

        Assert.Equal(none.Json.ToString(), theirs.Json.ToString());
        Assert.Equal(6006, theirs.Code);
        Assert.Equal(0, await dnc.CountEntriesAsync());
        Assert.Equal(0, await new DncClient(stranger).CountEntriesAsync());
    }

    [Fact]
    public async Task A_blank_marker_reason_stores_no_reason()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);

        var answer = await dnc.PostAsync("insert", ("phone_number", TestPhones.Next().Raw), ("reason", "-BLANK-"), ("purpose", "TELEMKT"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Null(await dnc.ColumnAsync(DncClient.Id(answer), "reason"));
        Assert.Equal("TELEMKT", await dnc.ColumnAsync(DncClient.Id(answer), "purpose"));
    }
}
