using System.Net;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.LeadChanges;

/// <summary>
/// /v1/leads/update and /v1/leads/delete against Convoso's documented examples, over real HTTP:
/// <c>POST /v1/leads/update?auth_token=…&amp;lead_id=1&amp;phone_code=1&amp;status=…</c> answers
/// <c>{"success":true,"data":{"lead_id":"65007347"}}</c> (plus Leadline's top-level <c>"id"</c>, as insert),
/// <c>/v1/leads/delete</c> answers <c>{"success":true}</c>, and an unknown lead is
/// <c>{"success":false,"code":6001,"text":"No such Lead"}</c> at HTTP 200.
/// </summary>
public sealed class LeadChangeContractTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await leadline.Http.SendAsync(request);
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Update_with_every_parameter_in_the_query_string_of_a_post_answers_the_lead_id_as_a_string()
    {
        var account = await leadline.CreateAccountAsync();
        var leadId = (await account.InsertAsync(("phone_number", TestPhones.Next().Raw))).LeadId;

        var answer = await SendAsync(HttpMethod.Post,
            $"/v1/leads/update?auth_token={account.Token.Secret}&lead_id={leadId}&phone_code=1&status=CALLBK&adaptor_id=");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        // Convoso's example sends an empty adaptor_id; Leadline has no adaptors and says so in "ignored" (an addition).
        Assert.Equal(["success", "data", "id", "ignored"], answer.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["adaptor_id"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.True, answer.Json.GetProperty("success").ValueKind);
        var data = answer.Json.GetProperty("data");
        Assert.Equal(["lead_id"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal((JsonValueKind.String, leadId.ToString()), (data.GetProperty("lead_id").ValueKind, data.GetProperty("lead_id").GetString()));
        Assert.Equal(leadId.ToString(), answer.Json.GetProperty("id").GetString());
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND status = 'CALLBK'", leadId));
    }

    [Fact]
    public async Task Update_as_php_convoso_sends_it_a_form_with_its_extra_keys_answers_a_data_object()
    {
        var account = await leadline.CreateAccountAsync();
        var leadId = (await account.InsertAsync(("phone_number", TestPhones.Next().Raw))).LeadId;

        var answer = await account.PostFormAsync("/v1/leads/update",
            [("lead_id", leadId.ToString()), ("list_id", account.ListId.ToString()), ("first_name", "Ann"), ("province", "ON"), ("comments", "hi")]);

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(leadId.ToString(), answer.Json.GetProperty("data").GetProperty("lead_id").GetString());
        Assert.Equal(["comments"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Delete_as_a_get_answers_success_alone()
    {
        var account = await leadline.CreateAccountAsync();
        var leadId = (await account.InsertAsync(("phone_number", TestPhones.Next().Raw))).LeadId;

        var answer = await SendAsync(HttpMethod.Get, $"/v1/leads/delete?auth_token={account.Token.Secret}&lead_id={leadId}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("""{"success":true}""", answer.Json.GetRawText());
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND deleted_at IS NOT NULL", leadId));
    }

    [Theory]
    [InlineData("update")]
    [InlineData("delete")]
    public async Task An_unknown_lead_is_6001_no_such_lead_at_http_200_without_data(string verb)
    {
        var account = await leadline.CreateAccountAsync();

        var answer = await SendAsync(HttpMethod.Post, $"/v1/leads/{verb}?auth_token={account.Token.Secret}&lead_id=999999999&status=X");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal((false, 6001, "No such Lead"), (answer.Success, answer.Code, answer.Text));
        Assert.Equal(JsonValueKind.Number, answer.Json.GetProperty("code").ValueKind);
        Assert.False(answer.Json.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData("update")]
    [InlineData("delete")]
    public async Task A_bad_token_is_5001_at_http_200(string verb)
    {
        var answer = await SendAsync(HttpMethod.Post, $"/v1/leads/{verb}?auth_token=not-a-token&lead_id=1");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal((false, 5001, "Auth token is invalid"), (answer.Success, answer.Code, answer.Text));
    }
}
