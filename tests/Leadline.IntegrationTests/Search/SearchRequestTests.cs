using System.Net;
using System.Text;
using Leadline.ApiHost.Auth;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Search;

/// <summary>
/// /v1/leads/search as an API: what an entry carries, phone formats, account isolation, auth, and bad
/// input answered in Convoso's shape with no entries.
/// </summary>
public sealed class SearchRequestTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Entry_carries_every_standard_and_custom_field_of_an_inserted_lead()
    {
        var account = await leadline.CreateAccountAsync();
        await leadline.Accounts.CreateCustomFieldAsync(account.AccountId, "loan_amount", 20);
        await leadline.Accounts.CreateCustomFieldAsync(account.AccountId, "unused_field", 20);
        var inserted = await account.InsertAsync(
            ("phone_number", "(813) 555-0142"), ("status", "NEW"), ("owner_id", "agent7"), ("first_name", "Ann"), ("last_name", "Lee"),
            ("email", "ann@example.com"), ("alt_phone_1", "727.555.0199"), ("alt_phone_2", "+1 305 555 0100"), ("address1", "1 Main St"),
            ("city", "Tampa"), ("state", "FL"), ("postal_code", "33602"), ("country", "US"), ("date_of_birth", "04/05/1980"),
            ("monthly_revenue", "$1,250.50"), ("notes", "call after 5"), ("loan_amount", "25000"));
        Assert.True(inserted.Success, inserted.Json.ToString());
        var apiUser = await leadline.Database.ScalarAsync("SELECT user_id FROM api_tokens WHERE token_id = $1", account.Token.TokenId);

        var page = await new SearchClient(account).SearchAsync(("phone_number", "8135550142"));

        var entry = Assert.Single(page.Entries.EnumerateArray());
        string? Field(string name) => entry.GetProperty(name).GetString();
        Assert.Equal(inserted.LeadId.ToString(), Field("id"));
        Assert.Equal(inserted.LeadId.ToString(), Field("lead_id"));
        Assert.Equal(account.ListId.ToString(), Field("list_id"));
        Assert.Equal(account.CampaignId.ToString(), Field("campaign_id"));
        Assert.Equal(("1", "8135550142", "+18135550142"), (Field("phone_code"), Field("phone_number"), Field("phone_e164")));
        Assert.Equal(("NEW", "agent7", "Ann", "Lee"), (Field("status"), Field("owner_id"), Field("first_name"), Field("last_name")));
        Assert.Equal(("ann@example.com", "+17275550199", "+13055550100"), (Field("email"), Field("alt_phone_1"), Field("alt_phone_2")));
        Assert.Equal(("1 Main St", "Tampa", "FL", "33602", "US"), (Field("address1"), Field("city"), Field("state"), Field("postal_code"), Field("country")));
        Assert.Equal(("1980-04-05", "1250.50", "call after 5"), (Field("date_of_birth"), Field("monthly_revenue"), Field("notes")));
        Assert.Equal("25000", Field("loan_amount"));
        Assert.Null(Field("unused_field"));
        Assert.Null(Field("address2"));
        Assert.Equal((apiUser.ToString(), apiUser.ToString()), (Field("created_by"), Field("last_modified_by")));
        Assert.Equal(apiUser.ToString(), Field("user_id")); // the lead's user is its creator
        var createdAt = DateTimeOffset.Parse(Field("created_at")!);
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.EndsWith("Z", Field("created_at"));
        Assert.Equal(Field("modified_at"), Field("updated_at"));
        foreach (var spec in Leadline.Grains.Leads.LeadFieldCatalog.Standard)
            Assert.True(entry.TryGetProperty(spec.Name, out _), spec.Name);
    }

    [Theory]
    [InlineData("(727) 555-1212", null)]
    [InlineData("727.555.1212", null)]
    [InlineData("17275551212", null)]
    [InlineData("+17275551212", null)]
    [InlineData("7275551212", "1")]
    public async Task Phone_number_in_any_format_finds_the_lead(string written, string? phoneCode)
    {
        var account = await leadline.CreateAccountAsync();
        var inserted = await account.InsertAsync(("phone_number", "727-555-1212"));
        Assert.True(inserted.Success, inserted.Json.ToString());
        (string, string)[] parameters = phoneCode is null ? [("phone_number", written)] : [("phone_number", written), ("phone_code", phoneCode)];

        var page = await new SearchClient(account).SearchAsync(parameters);

        Assert.Equal([inserted.LeadId], page.LeadIds);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task A_token_sees_only_its_own_accounts_leads()
    {
        var a = await leadline.CreateAccountAsync();
        var b = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();
        var leadOfA = (await a.InsertAsync(("phone_number", phone.Raw), ("first_name", "Zed"))).LeadId;
        var leadOfB = (await b.InsertAsync(("phone_number", phone.Raw), ("first_name", "Zed"))).LeadId;
        var asA = new SearchClient(a);

        var everything = await asA.SearchAsync(("limit", "2000"));
        var byPhone = await asA.SearchAsync(("phone_number", phone.Raw));
        var byName = await asA.SearchAsync(("first_name", "zed"));
        var byListOfB = await asA.SearchAsync(("list_id", b.ListId.ToString()));
        var byCampaignOfB = await asA.SearchAsync(("campaign_id", b.CampaignId.ToString()));
        var byLeadOfB = await asA.SearchAsync(("lead_id", leadOfB.ToString()));

        Assert.Equal([leadOfA], everything.LeadIds);
        Assert.Equal([leadOfA], byPhone.LeadIds);
        Assert.Equal([leadOfA], byName.LeadIds);
        foreach (var page in new[] { byListOfB, byCampaignOfB, byLeadOfB })
        {
            Assert.Empty(page.LeadIds);
            Assert.Equal(0, page.Total);
        }
        Assert.Equal([leadOfB], (await new SearchClient(b).SearchAsync(("lead_id", leadOfB.ToString()))).LeadIds);
    }

    [Theory]
    [InlineData("limit", "0", 7230)]
    [InlineData("limit", "2001", 7230)]
    [InlineData("limit", "ten", 7230)]
    [InlineData("offset", "-1", 7231)]
    [InlineData("offset", "1000001", 7231)]
    [InlineData("offset", "x", 7231)]
    [InlineData("lead_id", "abc", 6050)]
    [InlineData("user_id", "bob", 6050)]
    [InlineData("user_id", "0", 6050)]
    [InlineData("list_id", "-5", 6050)]
    [InlineData("campaign_id", "0", 6050)]
    [InlineData("created_by", "somebody", 6050)]
    [InlineData("created_at_start_date", "yesterday", 6050)]
    [InlineData("created_at_end_date", "2026-02-30", 6050)]
    [InlineData("updated_at_start_date", "03/01/2026", 6050)]
    [InlineData("updated_at_end_date", "2026-03-01 25:00:00", 6050)]
    [InlineData("date_of_birth", "1980-13-01", 6050)]
    [InlineData("monthly_revenue", "lots", 6050)]
    [InlineData("phone_number", "12345", 6008)]
    [InlineData("alt_phone_1", "555", 6008)]
    [InlineData("phone_code", "999", 6008)]
    [InlineData("email", "not-an-email", 6079)]
    public async Task Bad_value_is_refused_with_http_200_and_a_code_naming_the_field(string name, string value, int code)
    {
        var account = await leadline.CreateAccountAsync();

        var answer = await new SearchClient(account).PostAsync((name, value));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.False(answer.Success);
        Assert.Equal(code, answer.Code);
        if (code != 6079)
            Assert.Contains(name, answer.Text);
        Assert.False(answer.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Nul_character_in_the_query_string_is_refused_naming_the_field()
    {
        var account = await leadline.CreateAccountAsync();

        using var response = await leadline.Http.GetAsync($"/v1/leads/search?auth_token={account.Token.Secret}&first_name=a%00b");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"code\":4000", body); // no parameter of any family may hold a NUL (FlatParameters)
        Assert.Contains("first_name", body);
    }

    [Fact]
    public async Task End_before_start_is_refused_naming_the_end()
    {
        var account = await leadline.CreateAccountAsync();

        var answer = await new SearchClient(account).PostAsync(("created_at_start_date", "2026-03-02"), ("created_at_end_date", "2026-03-01"));

        Assert.Equal((HttpStatusCode.OK, false, 6050), (answer.Status, answer.Success, answer.Code));
        Assert.Contains("created_at_end_date", answer.Text);
    }

    [Fact]
    public async Task Unknown_parameters_are_ignored_and_listed()
    {
        var account = await leadline.CreateAccountAsync();
        var lead = (await account.InsertAsync(("phone_number", TestPhones.Next().Raw))).LeadId;

        var page = await new SearchClient(account).SearchAsync(("favourite_colour", "blue"), ("last_modified_by", "x"));

        Assert.Equal([lead], page.LeadIds);
        Assert.Equal(["favourite_colour", "last_modified_by"], page.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Query_string_and_get_work_like_a_form_post()
    {
        var account = await leadline.CreateAccountAsync();
        var lead = (await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("first_name", "Quinn"))).LeadId;

        using var response = await leadline.Http.GetAsync($"/v1/leads/search?auth_token={account.Token.Secret}&first_name=quinn");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"\"lead_id\":\"{lead}\"", body);
        Assert.Contains("\"total\":\"1\"", body);
    }

    [Fact]
    public async Task Missing_or_wrong_token_and_a_token_without_the_leads_scope_are_refused_with_http_200()
    {
        var account = await leadline.CreateAccountAsync();
        var hopperOnly = await leadline.Accounts.CreateTokenAsync(account.AccountId, "dialer", [ApiScopes.Hopper]);
        var client = new SearchClient(account);

        var missing = await account.PostAsync("/v1/leads/search", new FormUrlEncodedContent([new("first_name", "x")]));
        var wrong = await client.PostAsync(("auth_token", "not-a-token"));
        var noScope = await client.PostAsync(("auth_token", hopperOnly.Secret));

        Assert.Equal((HttpStatusCode.OK, false, 5001), (missing.Status, missing.Success, missing.Code));
        Assert.Equal((HttpStatusCode.OK, false, 5001, "Auth token is invalid"), (wrong.Status, wrong.Success, wrong.Code, wrong.Text));
        Assert.Equal((HttpStatusCode.OK, false, 5002), (noScope.Status, noScope.Success, noScope.Code));
        Assert.All(new[] { missing, wrong, noScope }, a => Assert.False(a.Json.TryGetProperty("data", out _)));
    }

    [Fact]
    public async Task Nested_json_and_bracket_names_are_4000_with_http_200()
    {
        var account = await leadline.CreateAccountAsync();

        var nested = await account.PostAsync("/v1/leads/search",
            new StringContent($$$"""{"auth_token":"{{{account.Token.Secret}}}","query":{"first_name":"Ann"}}""", Encoding.UTF8, "application/json"));
        var brackets = await new SearchClient(account).PostAsync(("first_name[a]", "Ann"));

        Assert.Equal((HttpStatusCode.OK, false, 4000), (nested.Status, nested.Success, nested.Code));
        Assert.Equal((HttpStatusCode.OK, false, 4000), (brackets.Status, brackets.Success, brackets.Code));
    }

    [Fact]
    public async Task The_same_search_as_a_form_a_query_string_with_a_json_content_type_and_no_body_or_a_flat_json_body_answers_the_same()
    {
        var account = await leadline.CreateAccountAsync();
        await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("first_name", "Wren"), ("status", "NEW"));
        await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("first_name", "Wren"), ("status", "NEW"));
        await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("first_name", "Other"), ("status", "NEW"));
        (string, string)[] search = [("first_name", "wren"), ("status", "NEW"), ("offset", "0"), ("limit", "5"), ("comments", "x")];
        var client = new SearchClient(account);

        var form = await client.PostAsync(search);
        var jsonContentTypeNoBody = await client.GetWithJsonContentTypeAsync(search);
        var jsonBody = await client.PostJsonAsync(search);
        var plainGet = await client.GetAsync(search);

        var page = SearchClient.Page(form);
        Assert.Equal(2, page.LeadIds.Count);
        Assert.Equal(["comments"], form.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
        foreach (var other in new[] { jsonContentTypeNoBody, jsonBody, plainGet })
        {
            Assert.Equal(HttpStatusCode.OK, other.Status);
            Assert.Equal(form.Json.ToString(), other.Json.ToString());
        }
    }

    [Fact]
    public async Task User_id_finds_the_leads_of_the_user_that_created_them_and_an_unknown_user_none()
    {
        var account = await leadline.CreateAccountAsync();
        var other = await leadline.CreateAccountAsync();
        var second = await leadline.Accounts.CreateTokenAsync(account.AccountId, "second vendor", [ApiScopes.Leads]);
        var firstUser = await leadline.Database.ScalarAsync("SELECT user_id FROM api_tokens WHERE token_id = $1", account.Token.TokenId);
        var secondUser = await leadline.Database.ScalarAsync("SELECT user_id FROM api_tokens WHERE token_id = $1", second.TokenId);
        var otherUser = await leadline.Database.ScalarAsync("SELECT user_id FROM api_tokens WHERE token_id = $1", other.Token.TokenId);
        Assert.NotEqual(firstUser, secondUser);
        var byFirst = new List<long>();
        var bySecond = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            byFirst.Add((await account.InsertAsync(("phone_number", TestPhones.Next().Raw))).LeadId);
            bySecond.Add((await account.InsertAsync(("auth_token", second.Secret), ("phone_number", TestPhones.Next().Raw))).LeadId);
        }
        await other.InsertAsync(("phone_number", TestPhones.Next().Raw));
        var asFirst = new SearchClient(account);

        var firsts = await asFirst.SearchAsync(("user_id", firstUser.ToString()));
        var seconds = await new SearchClient(account).SearchAsync(("auth_token", second.Secret), ("user_id", secondUser.ToString()));
        var everything = await asFirst.SearchAsync();
        var unknown = await asFirst.SearchAsync(("user_id", "999999999"));
        var anotherAccountsUser = await asFirst.SearchAsync(("user_id", otherUser.ToString()));

        Assert.Equal(byFirst.AsEnumerable().Reverse(), firsts.LeadIds);
        Assert.Equal(3, firsts.Total);
        Assert.All(firsts.Entries.EnumerateArray(), e => Assert.Equal(firstUser.ToString(), e.GetProperty("user_id").GetString()));
        Assert.Equal(bySecond.AsEnumerable().Reverse(), seconds.LeadIds);
        Assert.All(seconds.Entries.EnumerateArray(), e => Assert.Equal(secondUser.ToString(), e.GetProperty("user_id").GetString()));
        Assert.Equal(6, everything.Total); // a filter, not a permission: without user_id both users' leads are found
        foreach (var none in new[] { unknown, anotherAccountsUser })
        {
            Assert.Empty(none.LeadIds);
            Assert.Equal(0, none.Total);
            Assert.False(none.Json.TryGetProperty("ignored", out _));
        }
    }
}
