using System.Net;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Dnc;

/// <summary>
/// Each DNC endpoint against the example in Convoso's documentation (Insert / Search / Update DNC help-center
/// articles; Delete DNC from the typed clients), over real HTTP: the request as documented, the answer's shape
/// and value types field by field. Then the same calls sent the ways real clients send them.
/// </summary>
public class DncContractTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Insert_answers_success_and_a_top_level_integer_id_as_documented()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();

        // POST https://api.convoso.com/v1/dnc/insert?auth_token=TOKEN&phone_number=9999999999&phone_code=1&campaign_id=1234
        var answer = await dnc.PostQueryAsync("insert", ("phone_number", phone.E164[2..]), ("phone_code", "1"),
            ("campaign_id", account.CampaignId.ToString()));

        // {"success": true, "id": 1}
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.True, answer.Json.GetProperty("success").ValueKind);
        Assert.Equal(JsonValueKind.Number, answer.Json.GetProperty("id").ValueKind);
        var id = answer.Json.GetProperty("id").GetInt64();
        Assert.Equal(phone.E164, await dnc.ColumnAsync(id, "phone_e164"));
        Assert.Equal(account.CampaignId.ToString(), await dnc.ColumnAsync(id, "campaign_id"));
        // Leadline's additions sit in data, beside Convoso's keys.
        Assert.Equal(id.ToString(), DncClient.Data(answer).GetProperty("id").GetString());
        Assert.False(answer.Json.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Update_answers_success_and_the_input_id_as_a_top_level_integer_as_documented()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var id = await dnc.InsertAsync(TestPhones.Next(), account.CampaignId, reason: "DNC");
        var newPhone = TestPhones.Next();

        // Convoso's PHP example: a POST form with id, phone_number, phone_code, campaign_id=0, reason, purpose.
        var answer = await dnc.PostAsync("update", ("id", id.ToString()), ("phone_number", newPhone.E164[2..]), ("phone_code", "1"),
            ("campaign_id", "0"), ("reason", "ConsentRevoked"), ("purpose", "TELEMKT"));

        // {"success": true, "id": 5083}
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.True, answer.Json.GetProperty("success").ValueKind);
        Assert.Equal(JsonValueKind.Number, answer.Json.GetProperty("id").ValueKind);
        Assert.Equal(id, answer.Json.GetProperty("id").GetInt64());
        Assert.Equal((newPhone.E164, "0", "ConsentRevoked", "TELEMKT"), (await dnc.ColumnAsync(id, "phone_e164"),
            await dnc.ColumnAsync(id, "campaign_id"), await dnc.ColumnAsync(id, "reason"), await dnc.ColumnAsync(id, "purpose")));
    }

    [Fact]
    public async Task Search_answers_a_data_object_with_numeric_paging_a_string_total_and_string_entries_as_documented()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var id = await dnc.InsertAsync(phone, reason: "DNC");

        // GET https://api.convoso.com/v1/dnc/search?auth_token=TOKEN&id=&campaign_id=&phone_number=9999999999&phone_code=1&insert_date=&offset=&limit=
        var answer = await dnc.GetQueryAsync("search", ("id", ""), ("campaign_id", ""), ("phone_number", phone.E164[2..]), ("phone_code", "1"),
            ("insert_date", ""), ("offset", ""), ("limit", ""));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.True, answer.Json.GetProperty("success").ValueKind);
        var data = answer.Json.GetProperty("data");
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        Assert.Equal((JsonValueKind.Number, 0), (data.GetProperty("offset").ValueKind, data.GetProperty("offset").GetInt32()));
        Assert.Equal((JsonValueKind.Number, 100), (data.GetProperty("limit").ValueKind, data.GetProperty("limit").GetInt32()));
        Assert.Equal((JsonValueKind.String, "1"), (data.GetProperty("total").ValueKind, data.GetProperty("total").GetString()));
        Assert.Equal(JsonValueKind.Array, data.GetProperty("entries").ValueKind);
        var entry = Assert.Single(data.GetProperty("entries").EnumerateArray());
        // {"id":"5083","phone_number":"5551234567","campaign_id":"0","insert_date":"…","phone_code":"1","campaign_name":"Global DNC","purpose":"","reason":""}
        foreach (var name in new[] { "id", "phone_number", "campaign_id", "insert_date", "phone_code", "campaign_name", "purpose", "reason" })
            Assert.Equal(JsonValueKind.String, entry.GetProperty(name).ValueKind);
        Assert.All(entry.EnumerateObject(), field => Assert.Equal(JsonValueKind.String, field.Value.ValueKind));
        Assert.Equal((id.ToString(), phone.E164[2..], "0", "1", "Global DNC", "", "DNC"),
            (entry.GetProperty("id").GetString(), entry.GetProperty("phone_number").GetString(), entry.GetProperty("campaign_id").GetString(),
             entry.GetProperty("phone_code").GetString(), entry.GetProperty("campaign_name").GetString(),
             entry.GetProperty("purpose").GetString(), entry.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Delete_answers_success_as_documented_and_removes_the_entry()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        await dnc.InsertAsync(phone);

        // POST .../v1/dnc/delete?auth_token=TOKEN&phone_number=5551234567&phone_code=1&campaign_id=0
        var answer = await dnc.PostQueryAsync("delete", ("phone_number", phone.E164[2..]), ("phone_code", "1"), ("campaign_id", "0"));

        // {"success": true}
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.True, answer.Json.GetProperty("success").ValueKind);
        Assert.False(answer.Json.TryGetProperty("code", out _));
        Assert.Equal(0, await dnc.CountEntriesAsync());
    }

    [Fact]
    public async Task A_refusal_is_http_200_with_a_numeric_code_and_a_text()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        await dnc.InsertAsync(phone);

        var answer = await dnc.PostQueryAsync("insert", ("phone_number", phone.E164[2..]), ("phone_code", "1"), ("campaign_id", "0"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.False, answer.Json.GetProperty("success").ValueKind);
        Assert.Equal(JsonValueKind.Number, answer.Json.GetProperty("code").ValueKind);
        Assert.Equal((6008, "The phone number already exists."), (answer.Code, answer.Text));
    }

    [Theory]
    [InlineData("insert")]
    [InlineData("search")]
    [InlineData("update")]
    [InlineData("delete")]
    public async Task A_bad_token_is_http_200_with_5001_on_every_dnc_endpoint(string action)
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);

        var answer = await dnc.GetQueryAsync(action, ("auth_token", "not-a-token"), ("phone_number", TestPhones.Next().Raw), ("id", "1"));

        Assert.Equal((HttpStatusCode.OK, false, 5001, "Auth token is invalid"), (answer.Status, answer.Success, answer.Code, answer.Text));
        Assert.Equal(0, await dnc.CountEntriesAsync());
    }

    [Fact]
    public async Task A_form_a_query_string_with_a_json_content_type_a_json_body_and_a_trailing_slash_base_url_insert_alike()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phones = Enumerable.Range(0, 4).Select(_ => TestPhones.Next()).ToArray();
        (string, string)[] Fields(TestPhone phone) =>
            [("phone_number", phone.Raw), ("phone_code", "1"), ("campaign_id", account.CampaignId.ToString()), ("reason", "DNC"), ("purpose", "TELEMKT")];

        ApiAnswer[] inserted =
        [
            await dnc.PostAsync("insert", Fields(phones[0])),
            await dnc.GetQueryAsync("insert", Fields(phones[1])),
            await dnc.PostJsonAsync("insert", ("phone_number", phones[2].Raw), ("phone_code", 1), ("campaign_id", account.CampaignId),
                ("reason", "DNC"), ("purpose", "TELEMKT")),
            await dnc.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1//dnc/insert")
            {
                Content = new FormUrlEncodedContent(Fields(phones[3]).Prepend(("auth_token", account.Token.Secret))
                    .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))),
            }),
        ];

        Assert.All(inserted, a => Assert.True(a.Success, a.Json.ToString()));
        Assert.All(inserted, a => Assert.Equal(JsonValueKind.Number, a.Json.GetProperty("id").ValueKind));
        Assert.All(inserted, a => Assert.False(a.Json.TryGetProperty("ignored", out _), a.Json.ToString()));
        var rows = new List<string>();
        foreach (var answer in inserted)
        {
            var id = DncClient.Id(answer);
            rows.Add(string.Join("|", await dnc.ColumnAsync(id, "campaign_id"), await dnc.ColumnAsync(id, "phone_code"),
                await dnc.ColumnAsync(id, "reason"), await dnc.ColumnAsync(id, "purpose")));
        }
        Assert.Equal(Enumerable.Repeat($"{account.CampaignId}|1|DNC|TELEMKT", 4), rows);
        Assert.Equal(phones.Select(p => p.E164), await Task.WhenAll(inserted.Select(a => dnc.ColumnAsync(DncClient.Id(a), "phone_e164"))));

        // Each number again, the other ways round: the same refusal whatever the transport.
        ApiAnswer[] repeated =
        [
            await dnc.GetQueryAsync("insert", Fields(phones[0])),
            await dnc.PostJsonAsync("insert", ("phone_number", phones[1].Raw), ("campaign_id", account.CampaignId.ToString())),
            await dnc.PostAsync("insert", Fields(phones[2])),
            await dnc.PostQueryAsync("insert", Fields(phones[3])),
        ];
        Assert.All(repeated, a => Assert.Equal((HttpStatusCode.OK, 6008), (a.Status, a.Code)));
        Assert.Equal(4, await dnc.CountEntriesAsync());
    }

    [Fact]
    public async Task A_search_answers_the_same_by_form_query_string_json_body_and_get()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        await dnc.InsertAsync(phone, reason: "DNC");
        await dnc.InsertAsync(TestPhones.Next());

        string[] answers =
        [
            (await dnc.PostAsync("search", ("phone_number", phone.Raw), ("limit", "10"))).Json.ToString(),
            (await dnc.GetQueryAsync("search", ("phone_number", phone.Raw), ("limit", "10"))).Json.ToString(),
            (await dnc.PostQueryAsync("search", ("phone_number", phone.Raw), ("limit", "10"))).Json.ToString(),
            (await dnc.PostJsonAsync("search", ("phone_number", phone.Raw), ("limit", 10))).Json.ToString(),
        ];

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Contains("\"total\":\"1\"", answers[0].Replace(" ", ""));
    }

    [Fact]
    public async Task A_json_body_with_a_boolean_flag_deletes_and_sets_the_lead_status()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        var lead = (await account.InsertAsync(("phone_number", phone.Raw), ("status", "NEW"))).LeadId;
        await dnc.InsertAsync(phone);

        var answer = await dnc.PostJsonAsync("delete", ("phone_number", phone.Raw), ("phone_code", "1"), ("campaign_id", "0"),
            ("update_lead_status", true), ("lead_status", "CLEARED"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(1, DncClient.Data(answer).GetProperty("leads_updated").GetInt32());
        Assert.Equal("CLEARED", await dnc.LeadStatusAsync(lead));
    }

    [Fact]
    public async Task Unknown_parameters_are_listed_as_ignored_and_the_entry_is_still_stored()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);

        var answer = await dnc.PostAsync("insert", ("phone_number", TestPhones.Next().Raw), ("adaptor_id", ""), ("campaign_type", "x"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(["adaptor_id", "campaign_type"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(1, await dnc.CountEntriesAsync());
    }
}
