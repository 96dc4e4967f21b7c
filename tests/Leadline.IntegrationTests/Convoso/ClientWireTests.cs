using System.Net;
using System.Text;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Convoso;

/// <summary>
/// One call, sent every way public Convoso clients send it (<see cref="ClientWay"/>), gets the same answer
/// and stores the same rows; flags arrive as true/false. Nested parameters stay a clear 4000 that writes nothing.
/// </summary>
public sealed class ClientWireTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    public static TheoryData<ClientWay> Ways() => new(ClientWays.All);

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Insert_stores_the_same_lead_and_applies_its_flags_whichever_way_it_is_sent(ClientWay way)
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();
        (string, string)[] call =
        [
            ("auth_token", account.Token.Secret), ("list_id", account.ListId.ToString()), ("phone_number", phone.Raw),
            ("first_name", "Ann " + way), ("check_dup", "true"), ("check_dnc", "true"), ("hopper", "true"), ("hopper_priority", "50"),
        ];

        var first = await ClientWays.SendAsync(leadline.Http, way, "leads/insert", call);

        Assert.True(first.Status == HttpStatusCode.OK && first.Success, $"{way}: {first.Json}");
        var leadId = first.LeadId;
        Assert.Equal(first.Json.GetProperty("id").GetString(), leadId.ToString());
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM leads WHERE lead_id = $1 AND account_id = $2 AND first_name = $3", leadId, account.AccountId, "Ann " + way));
        Assert.Equal(50, await leadline.Database.ScalarAsync("SELECT priority FROM hopper_entries WHERE lead_id = $1", leadId));

        // check_dup=true is the whole-account check: the second post of the number is the duplicate of the first.
        var again = await ClientWays.SendAsync(leadline.Http, way, "leads/insert", call);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(6009, again.Code);
        Assert.Equal(leadId, again.LeadId);
        Assert.Equal(1, await account.CountLeadsAsync(phone.E164));
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Search_answers_the_same_whichever_way_it_is_sent(ClientWay way)
    {
        var account = await leadline.CreateAccountAsync();
        var lastName = "Wire" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("last_name", lastName))).LeadId.ToString());
        (string, string)[] call = [("auth_token", account.Token.Secret), ("last_name", lastName), ("limit", "10")];

        var viaForm = await ClientWays.SendAsync(leadline.Http, ClientWay.FormPost, "leads/search", call);
        var answer = await ClientWays.SendAsync(leadline.Http, way, "leads/search", call);

        Assert.True(answer.Success, $"{way}: {answer.Json}");
        Assert.Equal("3", answer.Json.GetProperty("data").GetProperty("total").GetString());
        Assert.Equal(ids.Order(), EntryIds(answer).Order());
        Assert.Equal(viaForm.Json.GetProperty("data").ToString(), answer.Json.GetProperty("data").ToString());
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Dnc_insert_takes_effect_whichever_way_it_is_sent(ClientWay way)
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();

        var answer = await ClientWays.SendAsync(leadline.Http, way, "dnc/insert",
            [("auth_token", account.Token.Secret), ("phone_number", phone.Raw), ("phone_code", "1"), ("campaign_id", "0")]);

        Assert.True(answer.Success, $"{way}: {answer.Json}");
        Assert.Equal(JsonValueKind.Number, answer.Json.GetProperty("id").ValueKind);
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM dnc WHERE account_id = $1 AND phone_e164 = $2 AND dnc_id = $3",
            account.AccountId, phone.E164, answer.Json.GetProperty("id").GetInt64()));
        var refused = await account.InsertAsync(("phone_number", phone.Raw), ("check_dnc", "true"));
        Assert.Equal(6010, refused.Code);
    }

    [Theory]
    [InlineData("leads/insert")]
    [InlineData("leads/search")]
    [InlineData("dnc/insert")]
    [InlineData("lists/search")]
    public async Task Nested_json_is_4000_and_writes_nothing(string path)
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();
        var json = $$$"""{"auth_token":"{{{account.Token.Secret}}}","list_id":{{{account.ListId}}},"query":{"phone_number":"{{{phone.Raw}}}"},"phone_number":"{{{phone.Raw}}}"}""";

        var answer = await account.PostAsync("/v1/" + path, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(4000, answer.Code);
        await AssertNothingWrittenAsync(account);
    }

    [Theory]
    [InlineData("leads/insert")]
    [InlineData("dnc/insert")]
    public async Task Array_parameters_are_4000_and_write_nothing(string path)
    {
        var account = await leadline.CreateAccountAsync();

        var answer = await account.PostFormAsync("/v1/" + path,
            [("list_id", account.ListId.ToString()), ("phone_number", TestPhones.Next().Raw), ("a[b]", "1")]);

        Assert.Equal(4000, answer.Code);
        await AssertNothingWrittenAsync(account);
    }

    [Fact]
    public async Task An_unknown_v1_path_answers_a_json_404()
    {
        using var response = await leadline.Http.GetAsync("/v1/leads/nope?auth_token=x");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal(4004, json.GetProperty("code").GetInt32());
        Assert.Contains("/v1/leads/nope", json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_method_other_than_get_or_post_answers_a_json_405()
    {
        using var response = await leadline.Http.PutAsync("/v1/leads/insert", new StringContent(""));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(4005, json.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Errors_carry_message_beside_text_for_clients_that_read_either()
    {
        var account = await leadline.CreateAccountAsync();

        var answer = await account.InsertAsync(("phone_number", "12"));

        Assert.Equal(6008, answer.Code);
        Assert.Equal(answer.Text, answer.Json.GetProperty("message").GetString());
    }

    private static IEnumerable<string> EntryIds(ApiAnswer answer) =>
        answer.Json.GetProperty("data").GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetString()!);

    private async Task AssertNothingWrittenAsync(TestAccount account)
    {
        Assert.Equal(0, await account.CountAllLeadsAsync());
        Assert.Equal(0, await leadline.Database.ScalarAsync("SELECT count(*) FROM dnc WHERE account_id = $1", account.AccountId));
    }
}
