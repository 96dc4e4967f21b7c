using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Workflows;

/// <summary>Posts to /v1/workflows/* as an account's admin (auth_token filled in unless given).</summary>
public sealed class WorkflowClient(TestAccount account)
{
    public TestAccount Account => account;

    public Task<ApiAnswer> PostAsync(string action, params (string Name, string Value)[] fields) =>
        account.PostFormAsync("/v1/workflows/" + action, fields);

    /// <summary>Creates a rule (Hopper Expire, unless the fields say otherwise) and returns its id and the answer (with the webhook secrets).</summary>
    public async Task<(long RuleId, JsonElement Data)> CreateHopperExpireRuleAsync(params (string Name, string Value)[] actionsAndOptions)
    {
        (string, string)[] defaults = [("name", "Hopper expired"), ("trigger_event", "HOPPER_EXPIRE")];
        var answer = await PostAsync("create",
            [.. defaults.Where(d => actionsAndOptions.All(given => given.Name != d.Item1)), .. actionsAndOptions]);
        Assert.True(answer.Success, answer.Json.ToString());
        var data = answer.Json.GetProperty("data");
        return (long.Parse(data.GetProperty("rule_id").GetString()!), data);
    }

    public async Task<JsonElement[]> DeliveriesAsync(params (string Name, string Value)[] filters)
    {
        var answer = await PostAsync("deliveries/search", [("limit", "500"), .. filters]);
        Assert.True(answer.Success, answer.Json.ToString());
        return [.. answer.Json.GetProperty("data").GetProperty("entries").EnumerateArray()];
    }

    /// <summary>Waits until the deliveries matching the filters reach <paramref name="count"/> in <paramref name="state"/>.</summary>
    public async Task<JsonElement[]> WaitForDeliveriesAsync(string state, int count, TimeSpan timeout, params (string Name, string Value)[] filters)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement[] found;
        while ((found = await DeliveriesAsync([("state", state), .. filters])).Length < count && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.True(found.Length >= count, $"{found.Length} of {count} deliveries reached {state} in time");
        return found;
    }
}
