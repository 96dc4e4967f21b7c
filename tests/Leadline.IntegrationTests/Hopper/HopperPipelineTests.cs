using System.Net;
using System.Text;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>
/// The hopper on the /v1 pipeline: REST statuses (including 401 for a bad token), the one envelope with
/// <c>message</c>, unknown parameters listed as ignored, and parameters read from a flat JSON body too.
/// </summary>
public sealed class HopperPipelineTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task A_bad_or_missing_token_is_401_with_the_json_envelope()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());

        var wrong = await hopper.PostAsync("pull", ("auth_token", "wrong"), ("count", "1"));
        var missing = await hopper.Account.PostAsync("/v1/hopper/status",
            new FormUrlEncodedContent([new("campaign_id", hopper.Account.CampaignId.ToString())]));

        foreach (var answer in new[] { wrong, missing })
        {
            Assert.Equal((HttpStatusCode.Unauthorized, false, 5001), (answer.Status, answer.Success, answer.Code));
            Assert.Equal(answer.Text, answer.Json.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Unknown_parameters_are_listed_as_ignored_and_release_does_not_take_a_status()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(1);
        var lease = Assert.Single(await hopper.PullAsync(1)).LeaseId;

        var status = await hopper.PostAsync("status", ("colour", "blue"));
        var released = await hopper.PostAsync("release", ("lease_ids", lease.ToString()), ("status", "SALE"));

        Assert.Equal(["colour"], status.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
        Assert.True(released.Success, released.Json.ToString());
        Assert.Equal(["status"], released.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM leads WHERE account_id = $1 AND status = 'SALE'", hopper.Account.AccountId));
        Assert.Equal(1, (await hopper.StatusAsync()).GetProperty("ready").GetInt32());
    }

    [Fact]
    public async Task A_pull_as_a_flat_json_body_works_like_a_form()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var lead = await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(1);

        var answer = await account.PostAsync("/v1/hopper/pull", new StringContent(
            $$"""{"auth_token":"{{account.Token.Secret}}","campaign_id":{{account.CampaignId}},"count":5,"lease_seconds":30}""",
            Encoding.UTF8, "application/json"));

        Assert.True(answer.Success, answer.Json.ToString());
        var entry = Assert.Single(answer.Json.GetProperty("data").GetProperty("entries").EnumerateArray());
        Assert.Equal(lead.ToString(), entry.GetProperty("lead_id").GetString());
    }

    [Fact]
    public async Task A_nested_json_body_is_400_4000_and_leases_nothing()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(1);

        var answer = await account.PostAsync("/v1/hopper/pull", new StringContent(
            $$$"""{"auth_token":"{{{account.Token.Secret}}}","campaign_id":{{{account.CampaignId}}},"count":{"n":5}}""",
            Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.BadRequest, 4000), (answer.Status, answer.Code));
        Assert.Equal(0, (await hopper.StatusAsync()).GetProperty("leased").GetInt32());
    }

    [Fact]
    public async Task A_partly_unknown_ack_is_404_6101_with_what_was_applied_in_data()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(1);
        var lease = Assert.Single(await hopper.PullAsync(1)).LeaseId;
        var unknown = Guid.NewGuid();

        var answer = await hopper.PostAsync("ack", ("lease_ids", $"{lease},{unknown}"), ("status", "SALE"), ("outcome", "answered"));

        Assert.Equal((HttpStatusCode.NotFound, false, HopperCodes.UnknownLease), (answer.Status, answer.Success, answer.Code));
        var data = answer.Json.GetProperty("data");
        Assert.Equal((1, 1), (data.GetProperty("applied").GetInt32(), data.GetProperty("acked").GetInt32()));
        Assert.Equal([unknown.ToString("D")], data.GetProperty("unknown_lease_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(("SALE", "answered"), (data.GetProperty("status").GetString(), data.GetProperty("outcome").GetString()));
        Assert.Equal(JsonValueKind.Undefined, answer.Json.TryGetProperty("ignored", out var ignored) ? ignored.ValueKind : JsonValueKind.Undefined);
    }
}
