using System.Diagnostics;
using System.Net;
using Leadline.ApiHost.Auth;
using Leadline.IntegrationTests.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Admin;

/// <summary>
/// /v1/tokens/*, and what every admin endpoint shares on the /v1 pipeline: the admin scope, Convoso's dialect
/// (auth and scope refusals are HTTP 200 with 5001/5002), the body limit.
/// </summary>
public sealed class AdminTokenTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    public static readonly TheoryData<string> AdminPaths =
    [
        "/v1/lists/insert", "/v1/lists/create", "/v1/lists/update", "/v1/lists/delete", "/v1/lists/archive", "/v1/lists/unarchive",
        "/v1/lists/search", "/v1/campaigns/create", "/v1/campaigns/update", "/v1/campaigns/status", "/v1/campaigns/search",
        "/v1/custom-fields/create", "/v1/custom-fields/search", "/v1/custom-fields/delete",
        "/v1/tokens/create", "/v1/tokens/search", "/v1/tokens/revoke",
    ];

    private async Task<AdminClient> NewAdminAsync() => new(await leadline.CreateAccountAsync());

    [Fact]
    public async Task A_created_token_works_with_its_scopes_only()
    {
        var admin = await NewAdminAsync();
        var created = await admin.OkAsync("/v1/tokens/create", ("name", "Vendor X"), ("scopes", " hopper , leads,leads"));
        var secret = created.GetProperty("auth_token").GetString()!;
        Assert.Equal(["leads", "hopper"], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(secret[^4..], created.GetProperty("hint").GetString());

        var vendor = admin.Account with { Token = new(AdminClient.Id(created, "token_id"), secret) };
        Assert.True((await vendor.InsertAsync(("phone_number", TestPhones.Next().Raw))).Success);
        Assert.True((await new HopperClient(vendor).PostAsync("status")).Success);
        var refused = await new AdminClient(vendor).PostAsync("/v1/tokens/search");
        Assert.Equal((HttpStatusCode.OK, false, 5002), (refused.Status, refused.Success, refused.Code));
    }

    [Fact]
    public async Task Search_shows_name_scopes_hint_and_use_but_never_the_secret_or_its_hash()
    {
        var admin = await NewAdminAsync();
        var created = await admin.OkAsync("/v1/tokens/create", ("name", "Dialer"), ("scopes", "hopper"));
        var secret = created.GetProperty("auth_token").GetString()!;
        var tokenId = created.GetProperty("token_id").GetString()!;
        var dialer = admin.Account with { Token = new(long.Parse(tokenId), secret) };
        Assert.True((await new HopperClient(dialer).PostAsync("status")).Success);

        var answer = await admin.PostAsync("/v1/tokens/search");
        var raw = answer.Json.GetRawText();
        Assert.DoesNotContain(secret, raw);
        Assert.DoesNotContain(admin.Account.Token.Secret, raw);
        var hash = Convert.ToHexString(ApiTokenSecret.Hash(secret));
        Assert.DoesNotContain(hash, raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(ApiTokenSecret.Hash(secret)), raw);
        Assert.DoesNotContain("auth_token", raw);

        var entries = answer.Json.GetProperty("data").GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count); // the account's own admin token and Dialer
        var entry = Assert.Single(entries, e => e.GetProperty("token_id").GetString() == tokenId);
        Assert.Equal(("Dialer", secret[^4..], false), (entry.GetProperty("name").GetString(), entry.GetProperty("hint").GetString(), entry.GetProperty("revoked").GetBoolean()));
        Assert.Equal(["hopper"], entry.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        // last_used_at is recorded off the request path: give it a moment.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await admin.SearchAsync("/v1/tokens/search", ("token_id", tokenId)))[0].GetProperty("last_used_at").ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            Assert.True(DateTime.UtcNow < deadline, "last_used_at was never set");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_revoked_token_is_refused_within_the_documented_delay()
    {
        var admin = await NewAdminAsync();
        var created = await admin.OkAsync("/v1/tokens/create", ("name", "Short-lived"), ("scopes", "leads"));
        var vendor = admin.Account with { Token = new(AdminClient.Id(created, "token_id"), created.GetProperty("auth_token").GetString()!) };
        Assert.True((await vendor.InsertAsync(("phone_number", TestPhones.Next().Raw))).Success); // cached as valid now

        var clock = Stopwatch.StartNew();
        var revoked = await admin.OkAsync("/v1/tokens/revoke", ("token_id", vendor.Token.TokenId.ToString()));
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.Equal((int)ApiTokenAuthenticator.RevocationDelay.TotalSeconds, revoked.GetProperty("effective_within_seconds").GetInt32());

        ApiAnswer answer;
        do
        {
            answer = await vendor.InsertAsync(("phone_number", TestPhones.Next().Raw));
            if (answer.Success)
                await Task.Delay(100);
        }
        while (answer.Success && clock.Elapsed < ApiTokenAuthenticator.RevocationDelay + TimeSpan.FromSeconds(3));
        Assert.Equal((HttpStatusCode.OK, false, 5001), (answer.Status, answer.Success, answer.Code)); // insert speaks Convoso's dialect
        Assert.True(clock.Elapsed <= ApiTokenAuthenticator.RevocationDelay + TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");

        Assert.True((await admin.SearchAsync("/v1/tokens/search", ("revoked", "1"))).Single().GetProperty("revoked").GetBoolean());
        Assert.True((await admin.SearchAsync("/v1/tokens/search", ("revoked", "true"))).Single().GetProperty("revoked").GetBoolean());
        Assert.Equal(admin.Account.Token.TokenId.ToString(),
            Assert.Single(await admin.SearchAsync("/v1/tokens/search", ("revoked", "false"))).GetProperty("token_id").GetString());
        await admin.OkAsync("/v1/tokens/revoke", ("token_id", vendor.Token.TokenId.ToString())); // a retry is no failure
    }

    public static TheoryData<string, string[], int> Refusals => new()
    {
        { "/v1/tokens/create", ["scopes", "leads"], 6050 },
        { "/v1/tokens/create", ["name", "X"], 6050 },
        { "/v1/tokens/create", ["name", "X", "scopes", "leads,root"], 6050 },
        { "/v1/tokens/create", ["name", "X", "scopes", " , "], 6050 },
        { "/v1/tokens/create", ["name", "X", "scopes", "LEADS"], 6050 },
        { "/v1/tokens/create", ["name", new string('n', 101), "scopes", "leads"], 6050 },
        { "/v1/tokens/revoke", [], 6050 },
        { "/v1/tokens/revoke", ["token_id", "999999999"], 6201 },
        { "/v1/tokens/revoke", ["token_id", "x"], 6201 },
        { "/v1/tokens/revoke", ["token_id", "{their-token}"], 6201 },
        { "/v1/tokens/search", ["revoked", "2"], 6050 },
        { "/v1/tokens/search", ["token_id", "x"], 6050 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Token_refusals_have_their_code_and_change_nothing(string path, string[] fields, int code)
    {
        var admin = await NewAdminAsync();
        var theirs = await leadline.CreateAccountAsync();
        var before = await TokensSnapshotAsync(admin.Account, theirs);
        var pairs = AdminClient.Pairs(fields, new Dictionary<string, long> { ["their-token"] = theirs.Token.TokenId });

        await admin.RefusedAsync(code, path, pairs);

        Assert.Equal(before, await TokensSnapshotAsync(admin.Account, theirs));
        Assert.True((await theirs.InsertAsync(("phone_number", TestPhones.Next().Raw))).Success);
    }

    [Fact]
    public async Task Another_accounts_tokens_are_not_shown()
    {
        var admin = await NewAdminAsync();
        var theirs = await leadline.CreateAccountAsync();
        Assert.Empty(await admin.SearchAsync("/v1/tokens/search", ("token_id", theirs.Token.TokenId.ToString())));
        Assert.Equal(admin.Account.Token.TokenId.ToString(), Assert.Single(await admin.SearchAsync("/v1/tokens/search")).GetProperty("token_id").GetString());
    }

    [Theory]
    [MemberData(nameof(AdminPaths))]
    public async Task Tokens_without_the_admin_scope_get_5002_at_HTTP_200_and_change_nothing(string path)
    {
        var admin = await NewAdminAsync();
        var created = await admin.OkAsync("/v1/tokens/create", ("name", "No admin"), ("scopes", "leads,dnc,hopper"));
        var other = new AdminClient(admin.Account with { Token = new(AdminClient.Id(created, "token_id"), created.GetProperty("auth_token").GetString()!) });
        var before = await CountsAsync(admin);

        var answer = await other.PostAsync(path, ("name", "x_field"), ("campaign_id", admin.Account.CampaignId.ToString()),
            ("list_id", admin.Account.ListId.ToString()), ("token_id", admin.Account.Token.TokenId.ToString()), ("scopes", "admin"), ("status", "0"));

        Assert.Equal((HttpStatusCode.OK, false, 5002), (answer.Status, answer.Success, answer.Code));
        Assert.Equal(before, await CountsAsync(admin));
        Assert.True((await admin.Account.InsertAsync(("phone_number", TestPhones.Next().Raw))).Success); // not revoked
    }

    [Fact]
    public async Task A_body_over_1_MB_is_413_on_admin_endpoints()
    {
        var admin = await NewAdminAsync();
        var answer = await admin.Account.PostAsync("/v1/lists/insert", new FormUrlEncodedContent(
        [
            new("auth_token", admin.Account.Token.Secret), new("campaign_id", admin.Account.CampaignId.ToString()),
            new("name", new string('x', 1024 * 1024 + 10)),
        ]));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, 4013), (answer.Status, answer.Code));
        Assert.Equal(1, await admin.CountAsync("lists"));
    }

    [Theory]
    [InlineData("ll_nope")]
    [InlineData("")]
    public async Task Unauthenticated_admin_requests_get_5001_at_HTTP_200_and_change_nothing(string token)
    {
        var admin = await NewAdminAsync();
        var answer = await admin.PostAsync("/v1/campaigns/create", ("auth_token", token), ("name", "X"));
        Assert.Equal((HttpStatusCode.OK, false, 5001), (answer.Status, answer.Success, answer.Code));
        Assert.Equal(1, await admin.CountAsync("campaigns"));
    }

    private static async Task<string> CountsAsync(AdminClient admin) =>
        $"{await admin.CountAsync("lists")}/{await admin.CountAsync("campaigns")}/{await admin.CountAsync("custom_field_definitions")}/" +
        $"{await admin.Account.Leadline.Database.ScalarAsync("SELECT count(*) FROM api_tokens WHERE account_id = $1 AND revoked_at IS NULL", admin.Account.AccountId)}/" +
        $"{await admin.Account.Leadline.Database.ScalarAsync("SELECT count(*) FROM lists WHERE account_id = $1 AND archived", admin.Account.AccountId)}/" +
        $"{await admin.Account.Leadline.Database.ScalarAsync("SELECT count(*) FROM lists WHERE account_id = $1 AND active", admin.Account.AccountId)}/" +
        $"{await admin.Account.Leadline.Database.ScalarAsync("SELECT count(*) FROM campaigns WHERE account_id = $1 AND status = 'active'", admin.Account.AccountId)}";

    private Task<string> TokensSnapshotAsync(TestAccount mine, TestAccount theirs) => AdminClient.SnapshotAsync(leadline,
        "SELECT string_agg(token_id || name || array_to_string(scopes, '+') || coalesce(revoked_at::text, '-'), ',' ORDER BY token_id) FROM api_tokens WHERE account_id IN ($1, $2)",
        mine.AccountId, theirs.AccountId);
}
