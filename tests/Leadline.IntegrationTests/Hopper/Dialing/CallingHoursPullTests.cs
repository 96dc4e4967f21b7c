using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper.Dialing;

/// <summary>
/// Pulls respect the recipient's calling hours, with the keyed fake clock moved to chosen local times: an entry
/// outside its window is neither handed out nor dropped, and is handed out once its window opens.
/// </summary>
public sealed class CallingHoursPullTests(DialingCluster leadline) : IClassFixture<DialingCluster>
{
    private const string Eastern = "America/New_York";

    [Fact]
    public async Task A_lead_is_dialable_at_20_59_59_local_and_not_at_21_00_00()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        leadline.MoveTo(Eastern, new TimeOnly(12, 0));
        await InsertAsync(hopper, "212", "NY");

        leadline.MoveTo(Eastern, new TimeOnly(20, 59, 59));
        var lease = Assert.Single(await hopper.PullAsync(5));
        Assert.True((await hopper.ReleaseAsync(lease.LeaseId)).Success);

        leadline.Clock.Advance(TimeSpan.FromSeconds(1)); // 21:00:00
        Assert.Empty(await hopper.PullAsync(5));
        var status = await hopper.StatusAsync();
        Assert.Equal(1, status.GetProperty("ready").GetInt32()); // kept, not dropped
        Assert.Equal(1, status.GetProperty("waiting").GetInt32());

        leadline.MoveTo(Eastern, new TimeOnly(7, 59, 59));
        Assert.Empty(await hopper.PullAsync(5));
        leadline.Clock.Advance(TimeSpan.FromSeconds(1)); // 8:00:00
        Assert.Single(await hopper.PullAsync(5));
    }

    [Fact]
    public async Task On_the_day_clocks_spring_forward_the_window_is_still_8_to_21_local()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        static bool SpringForward(DateOnly d) => d.Month == 3 && d.DayOfWeek == DayOfWeek.Sunday && d.Day is >= 8 and <= 14;
        leadline.MoveTo(Eastern, new TimeOnly(1, 30), SpringForward); // before the jump: closed
        await InsertAsync(hopper, "212", "NY");
        Assert.Empty(await hopper.PullAsync(5));

        leadline.MoveTo(Eastern, new TimeOnly(7, 59, 59), SpringForward); // EDT now: 11:59:59 UTC
        Assert.Empty(await hopper.PullAsync(5));
        leadline.Clock.Advance(TimeSpan.FromSeconds(1));
        var lease = Assert.Single(await hopper.PullAsync(5));
        Assert.Equal(new DateTimeOffset(leadline.Clock.GetUtcNow().Date, TimeSpan.Zero).AddHours(12), leadline.Clock.GetUtcNow());
        Assert.True((await hopper.ReleaseAsync(lease.LeaseId)).Success);

        leadline.MoveTo(Eastern, new TimeOnly(21, 0), SpringForward);
        Assert.Empty(await hopper.PullAsync(5));
    }

    [Fact]
    public async Task A_stricter_state_closes_earlier_than_its_neighbour()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        leadline.MoveTo(Eastern, new TimeOnly(12, 0));
        var florida = await InsertAsync(hopper, "727", "FL"); // Florida: 8:00-20:00 (Fla. Stat. 501.616)
        var georgia = await InsertAsync(hopper, "404", "GA"); // Georgia: the federal 8:00-21:00

        leadline.MoveTo(Eastern, new TimeOnly(20, 30));
        var lease = Assert.Single(await hopper.PullAsync(5));
        Assert.Equal(georgia, lease.LeadId);
        Assert.Equal(1, (await hopper.StatusAsync()).GetProperty("waiting").GetInt32());
        Assert.True((await hopper.AckAsync(lease.LeaseId)).Success);

        leadline.MoveTo(Eastern, new TimeOnly(12, 0));
        Assert.Equal(florida, Assert.Single(await hopper.PullAsync(5)).LeadId);
    }

    [Fact]
    public async Task A_state_spanning_two_zones_is_dialable_only_while_both_are_open()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        leadline.MoveTo(Eastern, new TimeOnly(12, 0));
        await InsertAsync(hopper, "727", "FL"); // Florida spans Eastern and Central (the panhandle)

        leadline.MoveTo(Eastern, new TimeOnly(8, 30)); // 7:30 in the panhandle
        Assert.Empty(await hopper.PullAsync(5));
        leadline.MoveTo(Eastern, new TimeOnly(9, 0)); // 8:00 Central
        Assert.Single(await hopper.PullAsync(5));
    }

    [Fact]
    public async Task A_lead_of_unknown_zone_waits_until_the_campaign_names_a_zone_for_it()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        leadline.MoveTo(Eastern, new TimeOnly(12, 0));
        var leadId = await InsertAsync(hopper, "212", "NY");
        // As if its zone could not be told: the lease-time check sees the lead's region changed and requeues it.
        await leadline.Database.ExecuteAsync("UPDATE leads SET dial_region = '' WHERE lead_id = $1", leadId);

        Assert.Empty(await hopper.PullAsync(5));
        Assert.Empty(await hopper.PullAsync(5));
        Assert.Equal(1, (await hopper.StatusAsync()).GetProperty("waiting").GetInt32());

        await leadline.DialSettingsAsync(account.CampaignId, s => s with { UnknownZoneAs = Eastern });
        await WaitUntilPulledAsync(hopper, leadId);
    }

    [Fact]
    public async Task The_campaign_window_narrows_the_federal_hours()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        await leadline.DialSettingsAsync(account.CampaignId, s => s with
        {
            CallingWindow = [.. Enumerable.Repeat(new Leadline.Grains.Campaigns.DayWindow(10 * 60, 16 * 60), 7)],
        });
        leadline.MoveTo(Eastern, new TimeOnly(12, 0));
        await InsertAsync(hopper, "212", "NY");
        leadline.MoveTo(Eastern, new TimeOnly(16, 0));
        Assert.Empty(await hopper.PullAsync(5));
        leadline.MoveTo(Eastern, new TimeOnly(15, 59));
        Assert.Single(await hopper.PullAsync(5));
    }

    internal static async Task<long> InsertAsync(HopperClient hopper, string areaCode, string state)
    {
        var before = (await hopper.StatusAsync()).GetProperty("ready").GetInt32();
        var answer = await hopper.Account.InsertAsync(("phone_number", TestPhones.Next(areaCode).Raw), ("state", state), ("hopper", "1"));
        Assert.True(answer.Success, answer.Json.ToString());
        await hopper.WaitForReadyAsync(before + 1);
        return answer.LeadId;
    }

    private static async Task WaitUntilPulledAsync(HopperClient hopper, long leadId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10); // the settings reach the hopper by a one-way message
        while (DateTime.UtcNow < deadline)
        {
            if ((await hopper.PullAsync(5)).SingleOrDefault() is { } lease)
            {
                Assert.Equal(leadId, lease.LeadId);
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The lead was never handed out");
    }
}
