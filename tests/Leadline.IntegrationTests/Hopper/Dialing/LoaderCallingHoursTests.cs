using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper.Dialing;

/// <summary>The loader loads only leads whose calling hours are open now, and finds the others again once they open.</summary>
public sealed class LoaderCallingHoursTests(DialingCluster leadline) : IClassFixture<DialingCluster>
{
    private const string Eastern = "America/New_York";

    [Fact]
    public async Task The_loader_skips_leads_outside_their_hours_and_loads_them_when_they_open()
    {
        var account = await leadline.CreateAccountAsync();
        await leadline.DialSettingsAsync(account.CampaignId, s => s with { HopperLevel = 10 });
        leadline.MoveTo(Eastern, new TimeOnly(21, 30)); // 18:30 in California
        var newYork = await InsertAsync(account, "212", "NY");
        var california = await InsertAsync(account, "415", "CA");

        // (The cycle the settings change started may have run already: what counts is what the table holds.)
        await leadline.LoadAsync(account.CampaignId);
        Assert.Equal([california], await RowsAsync(account));
        Assert.Equal([california], await RowsAsync(account, afterAnotherCycle: true));

        leadline.MoveTo(Eastern, new TimeOnly(12, 0));
        Assert.Equal(1, (await leadline.LoadAsync(account.CampaignId)).Loaded);
        Assert.Equal(new[] { newYork, california }.Order(), await RowsAsync(account));
    }

    private static async Task<long> InsertAsync(TestAccount account, string areaCode, string state)
    {
        var answer = await account.InsertAsync(("phone_number", TestPhones.Next(areaCode).Raw), ("state", state));
        Assert.True(answer.Success, answer.Json.ToString());
        return answer.LeadId;
    }

    private async Task<List<long>> RowsAsync(TestAccount account, bool afterAnotherCycle = false)
    {
        if (afterAnotherCycle)
            await leadline.LoadAsync(account.CampaignId);
        return await leadline.Database.ListAsync<long>(
            "SELECT lead_id FROM hopper_entries WHERE campaign_id = $1 ORDER BY lead_id", account.CampaignId);
    }
}
