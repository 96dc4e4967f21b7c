using System.Net;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Search;

/// <summary>
/// /v1/leads/search against Convoso's documented Search Leads example, over real HTTP, field by field:
/// <c>GET /v1/leads/search?auth_token=…&amp;owner_id=…&amp;offset=0&amp;limit=10</c> answers
/// <c>{"success":true,"data":{"offset":0,"limit":10,"total":"1","entries":[{"id":"5",…}]}}</c> — data an
/// object, offset and limit numbers, total a string, every entry value a string or null (typed clients such
/// as go-convoso decode them as strings and fail on a number).
/// </summary>
public sealed class SearchContractTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    /// <summary>The entry fields of Convoso's example that Leadline has (source_id: Leadline has no lead sources).</summary>
    private static readonly string[] ConvosoEntryFields =
    [
        "id", "created_at", "modified_at", "first_name", "last_name", "email", "status", "user_id", "owner_id", "list_id",
        "phone_code", "phone_number", "alt_phone_1", "alt_phone_2", "address1", "address2", "city", "state", "province",
        "postal_code", "country", "gender", "date_of_birth", "notes",
    ];

    [Fact]
    public async Task Search_answers_convosos_example_shape()
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();
        var inserted = await account.InsertAsync(("phone_number", phone.Raw), ("status", "CALLBK"), ("owner_id", "owner9"),
            ("first_name", "John"), ("last_name", "Test"), ("email", "john@example.com"));
        Assert.True(inserted.Success, inserted.Json.ToString());
        await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("owner_id", "someone-else"));
        var apiUser = await leadline.Database.ScalarAsync("SELECT user_id FROM api_tokens WHERE token_id = $1", account.Token.TokenId);

        var answer = await new SearchClient(account).GetAsync(("owner_id", "owner9"), ("offset", "0"), ("limit", "10"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var root = answer.Json;
        Assert.Equal(["success", "data"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.True, root.GetProperty("success").ValueKind);
        var data = root.GetProperty("data");
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        Assert.Equal(["offset", "limit", "total", "entries"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal((JsonValueKind.Number, 0), (data.GetProperty("offset").ValueKind, data.GetProperty("offset").GetInt32()));
        Assert.Equal((JsonValueKind.Number, 10), (data.GetProperty("limit").ValueKind, data.GetProperty("limit").GetInt32()));
        Assert.Equal((JsonValueKind.String, "1"), (data.GetProperty("total").ValueKind, data.GetProperty("total").GetString()));
        Assert.Equal(JsonValueKind.Array, data.GetProperty("entries").ValueKind);

        var entry = Assert.Single(data.GetProperty("entries").EnumerateArray());
        Assert.All(entry.EnumerateObject(), field =>
            Assert.True(field.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null, $"{field.Name} is {field.Value.ValueKind}"));
        foreach (var name in ConvosoEntryFields)
            Assert.True(entry.TryGetProperty(name, out _), $"entry has no {name}");
        string? Field(string name) => entry.GetProperty(name).GetString();
        Assert.Equal(inserted.LeadId.ToString(), Field("id"));
        Assert.Equal(inserted.LeadId.ToString(), Field("lead_id"));
        Assert.Equal(account.ListId.ToString(), Field("list_id"));
        Assert.Equal(("1", phone.E164[2..]), (Field("phone_code"), Field("phone_number")));
        Assert.Equal(apiUser.ToString(), Field("user_id"));
        Assert.Equal(("CALLBK", "owner9", "John", "Test", "john@example.com"),
            (Field("status"), Field("owner_id"), Field("first_name"), Field("last_name"), Field("email")));
        Assert.Null(Field("address2"));
    }

    [Fact]
    public async Task Paging_values_come_back_as_numbers_and_the_total_as_a_string_also_when_nothing_matches()
    {
        var account = await leadline.CreateAccountAsync();

        var answer = await new SearchClient(account).PostAsync(("lead_id", "999999999"), ("offset", "20"), ("limit", "5"));

        var data = answer.Json.GetProperty("data");
        Assert.Equal((20, 5, "0"), (data.GetProperty("offset").GetInt32(), data.GetProperty("limit").GetInt32(), data.GetProperty("total").GetString()));
        Assert.Empty(data.GetProperty("entries").EnumerateArray());
    }

    [Theory]
    [InlineData("offset", "-1", 7231, "Invalid offset value")]
    [InlineData("limit", "5000", 7230, "Invalid limit value")]
    [InlineData("auth_token", "wrong", 5001, "Auth token is invalid")]
    public async Task Refusals_are_http_200_with_convosos_code_and_text(string name, string value, int code, string text)
    {
        var account = await leadline.CreateAccountAsync();

        var answer = await new SearchClient(account).GetAsync((name, value));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal((false, code), (answer.Success, answer.Code));
        Assert.StartsWith(text, answer.Text);
        Assert.Equal(answer.Text, answer.Json.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Number, answer.Json.GetProperty("code").ValueKind);
        Assert.False(answer.Json.TryGetProperty("data", out _));
    }
}
