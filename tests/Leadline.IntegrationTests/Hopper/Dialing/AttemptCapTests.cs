namespace Leadline.IntegrationTests.Hopper.Dialing;

/// <summary>Attempt caps per number per rolling 24 hours: each ack counts one; a capped lead waits, then is dialable again.</summary>
public sealed class AttemptCapTests(DialingCluster leadline) : IClassFixture<DialingCluster>
{
    private const string Eastern = "America/New_York";

    [Fact]
    public async Task The_cap_is_reached_after_3_acks_and_released_24_hours_after_the_first()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        await leadline.DialSettingsAsync(account.CampaignId, s => s with { MaxAttemptsPer24h = 3 });
        var first = leadline.MoveTo(Eastern, new TimeOnly(12, 0), d => d.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Thursday);
        var leadId = await CallingHoursPullTests.InsertAsync(hopper, "212", "NY");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (attempt > 0)
                Assert.True((await hopper.PostAsync("add", ("lead_id", leadId.ToString()))).Success);
            var lease = Assert.Single(await hopper.PullAsync(1));
            Assert.True((await hopper.AckAsync(lease.LeaseId)).Success);
            leadline.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.True((await hopper.PostAsync("add", ("lead_id", leadId.ToString()))).Success);
        Assert.Empty(await hopper.PullAsync(1)); // third attempt within 24 h: capped
        Assert.Equal(1, (await hopper.StatusAsync()).GetProperty("waiting").GetInt32());
        Assert.Equal(1L, await leadline.Database.ScalarAsync("SELECT count(*) FROM hopper_entries WHERE lead_id = $1", leadId));

        leadline.Clock.SetUtcNow(first + TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Empty(await hopper.PullAsync(1));
        leadline.Clock.SetUtcNow(first + TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1)); // the first attempt is 24 h old
        Assert.Equal(leadId, Assert.Single(await hopper.PullAsync(1)).LeadId);
        Assert.Equal(3, await leadline.Database.ScalarAsync("SELECT count(*) FROM dial_attempts WHERE lead_id = $1", leadId));
    }
}
