using System.Net;
using System.Text;
using Leadline.ApiHost.Auth;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Insert;

/// <summary>
/// Every kind of bad request gets its own Convoso code and HTTP status — never a 500 — and writes nothing.
/// </summary>
public sealed class BadInputTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    public static TheoryData<string, string[], HttpStatusCode, int> RuleRefusals => new()
    {
        { "missing list_id", ["list_id", ""], HttpStatusCode.OK, 6007 },
        { "missing phone_number", ["phone_number", ""], HttpStatusCode.OK, 6007 },
        { "invalid phone", ["phone_number", "12345"], HttpStatusCode.OK, 6008 },
        { "letters for a phone", ["phone_number", "not a phone"], HttpStatusCode.OK, 6008 },
        { "unknown phone_code", ["phone_code", "999"], HttpStatusCode.OK, 6008 },
        { "priority 100", ["hopper", "1", "hopper_priority", "100"], HttpStatusCode.OK, 6050 },
        { "priority -1", ["hopper", "1", "hopper_priority", "-1"], HttpStatusCode.OK, 6050 },
        { "priority abc", ["hopper", "1", "hopper_priority", "abc"], HttpStatusCode.OK, 6050 },
        { "expire 0", ["hopper", "1", "hopper_expires_in", "0"], HttpStatusCode.OK, 6050 },
        { "expire 301", ["hopper", "1", "hopper_expires_in", "301"], HttpStatusCode.OK, 6050 },
        { "expire 301, old spelling", ["hopper", "1", "hopper_expire_in", "301"], HttpStatusCode.OK, 6050 },
        { "check_dup 4", ["check_dup", "4"], HttpStatusCode.OK, 6050 },
        { "invalid email", ["email", "not-an-email"], HttpStatusCode.OK, 6079 },
        { "invalid alt phone", ["alt_phone_1", "555"], HttpStatusCode.OK, 6008 },
        { "invalid date", ["date_of_birth", "1990-02-30"], HttpStatusCode.OK, 6050 },
        { "first_name too long", ["first_name", new string('x', 101)], HttpStatusCode.OK, 6050 },
        { "unknown list", ["list_id", "999999999"], HttpStatusCode.OK, 6002 },
        { "non-numeric list", ["list_id", "abc"], HttpStatusCode.OK, 6002 },
        { "unknown search list", ["update_if_found", "1", "search_list_id", "999999999"], HttpStatusCode.OK, 6002 },
        { "nested parameter", ["lead[first_name]", "Ann"], HttpStatusCode.OK, 4000 },
        { "array parameter", ["tags[]", "a"], HttpStatusCode.OK, 4000 },
        { "check_dnc not a flag", ["check_dnc", "maybe"], HttpStatusCode.OK, 6050 },
        { "unknown token", ["auth_token", "ll_not_a_real_token"], HttpStatusCode.OK, 5001 },
        { "missing token", ["auth_token", ""], HttpStatusCode.OK, 5001 },
    };

    [Theory]
    [MemberData(nameof(RuleRefusals))]
    public async Task Refused_with_its_code_and_status_and_nothing_written(string why, string[] overrides, HttpStatusCode status, int code)
    {
        var account = await leadline.CreateAccountAsync();
        var fields = ValidFields(account);
        for (var i = 0; i < overrides.Length; i += 2)
            fields[overrides[i]] = overrides[i + 1];

        var answer = await account.PostAsync("/v1/leads/insert", new FormUrlEncodedContent(fields));

        Assert.True(answer.Status == status, $"{why}: {answer.Status} {answer.Json}");
        Assert.False(answer.Success);
        Assert.Equal(code, answer.Code);
        Assert.NotEmpty(answer.Text);
        await AssertNothingWrittenAsync(account);
    }

    [Fact]
    public async Task Nested_json_body_is_refused_with_4000_and_writes_nothing()
    {
        var account = await leadline.CreateAccountAsync();
        var json = $$$"""{"auth_token":"{{{account.Token.Secret}}}","query":{"list_id":"{{{account.ListId}}}","phone_number":"7275550100"}}""";

        var answer = await account.PostAsync("/v1/leads/insert", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(4000, answer.Code);
        Assert.Contains("query", answer.Text);
        await AssertNothingWrittenAsync(account);
    }

    [Fact]
    public async Task Two_megabyte_body_is_refused_with_413()
    {
        var account = await leadline.CreateAccountAsync();
        var fields = ValidFields(account);
        fields["notes"] = new string('n', 2 * 1024 * 1024);

        var answer = await account.PostAsync("/v1/leads/insert", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal(4013, answer.Code);
        await AssertNothingWrittenAsync(account);
    }

    [Fact]
    public async Task Revoked_token_is_refused_with_5001_in_an_http_200()
    {
        var account = await leadline.CreateAccountAsync();
        Assert.True(await leadline.Accounts.RevokeTokenAsync(account.AccountId, account.Token.TokenId));

        var answer = await account.InsertAsync(("phone_number", TestPhones.Next().Raw));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(5001, answer.Code);
        Assert.Contains("revoked", answer.Text);
        await AssertNothingWrittenAsync(account);
    }

    [Fact]
    public async Task Revoking_a_token_in_use_takes_effect_within_seconds()
    {
        var account = await leadline.CreateAccountAsync();
        var before = await account.InsertAsync(("phone_number", TestPhones.Next().Raw));
        Assert.True(before.Success, before.Json.ToString()); // the token is now cached by the API host

        Assert.True(await leadline.Accounts.RevokeTokenAsync(account.AccountId, account.Token.TokenId));
        var revokedAt = DateTime.UtcNow;
        ApiAnswer after;
        do
        {
            await Task.Delay(250);
            after = await account.InsertAsync(("phone_number", TestPhones.Next().Raw));
        }
        while (after.Success && DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(15));

        Assert.False(after.Success);
        Assert.Equal(5001, after.Code);
        Assert.InRange(DateTime.UtcNow - revokedAt, TimeSpan.Zero, ApiTokenAuthenticator.RevocationDelay + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Another_accounts_list_is_no_such_list()
    {
        var mine = await leadline.CreateAccountAsync();
        var theirs = await leadline.CreateAccountAsync();

        var answer = await mine.InsertAsync(("list_id", theirs.ListId.ToString()), ("phone_number", TestPhones.Next().Raw));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(6002, answer.Code);
        Assert.Equal("No such List", answer.Text);
        await AssertNothingWrittenAsync(mine);
        await AssertNothingWrittenAsync(theirs);
    }

    [Fact]
    public async Task Token_without_leads_scope_is_refused_with_5002_in_an_http_200()
    {
        var account = await leadline.CreateAccountAsync();
        var dncOnly = await leadline.Accounts.CreateTokenAsync(account.AccountId, "dnc only", ["dnc"]);

        var answer = await account.InsertAsync(("auth_token", dncOnly.Secret), ("phone_number", TestPhones.Next().Raw));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(5002, answer.Code);
        await AssertNothingWrittenAsync(account);
    }

    private static Dictionary<string, string> ValidFields(TestAccount account) => new()
    {
        ["auth_token"] = account.Token.Secret,
        ["list_id"] = account.ListId.ToString(),
        ["phone_number"] = TestPhones.Next().Raw,
    };

    private async Task AssertNothingWrittenAsync(TestAccount account)
    {
        Assert.Equal(0, await account.CountAllLeadsAsync());
        Assert.Equal(0, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM hopper_entries h JOIN campaigns c USING (campaign_id) WHERE c.account_id = $1", account.AccountId));
    }
}
