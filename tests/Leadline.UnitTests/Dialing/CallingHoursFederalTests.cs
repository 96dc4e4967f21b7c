using Leadline.Grains.Campaigns;
using Leadline.Grains.Dialing;
using static Leadline.UnitTests.Dialing.DialTestData;

namespace Leadline.UnitTests.Dialing;

/// <summary>Federal 8:00-21:00 local, DST change days, the campaign window and unknown zones (New York has no state rule).</summary>
public class CallingHoursFederalTests
{
    [Fact]
    public void At_20_59_59_local_a_lead_is_dialable_until_21_00()
    {
        var state = CallingHours.Evaluate(NewYork, Federal, At(2026, 7, 15, 20, 59, 59, Edt));

        Assert.True(state.Open);
        Assert.Equal(At(2026, 7, 15, 21, 0, 0, Edt), state.Until);
    }

    [Fact]
    public void At_21_00_00_local_it_is_not_until_8_00_the_next_morning()
    {
        var state = CallingHours.Evaluate(NewYork, Federal, At(2026, 7, 15, 21, 0, 0, Edt));

        Assert.False(state.Open);
        Assert.Equal(At(2026, 7, 16, 8, 0, 0, Edt), state.Until);
    }

    [Fact]
    public void At_7_59_59_it_is_not_dialable_and_at_8_00_it_is()
    {
        var before = CallingHours.Evaluate(NewYork, Federal, At(2026, 7, 15, 7, 59, 59, Edt));
        var at = CallingHours.Evaluate(NewYork, Federal, At(2026, 7, 15, 8, 0, 0, Edt));

        Assert.False(before.Open);
        Assert.Equal(At(2026, 7, 15, 8, 0, 0, Edt), before.Until);
        Assert.True(at.Open);
        Assert.Equal(At(2026, 7, 15, 21, 0, 0, Edt), at.Until);
    }

    [Fact]
    public void On_the_spring_forward_day_the_window_is_still_8_to_21_local()
    {
        // 2026-03-08: New York goes from EST (-5) to EDT (-4) at 02:00.
        var night = CallingHours.Evaluate(NewYork, Federal, At(2026, 3, 8, 1, 30, 0, Est));
        var justBefore = CallingHours.Evaluate(NewYork, Federal, At(2026, 3, 8, 7, 59, 59, Edt));
        var opening = CallingHours.Evaluate(NewYork, Federal, At(2026, 3, 8, 8, 0, 0, Edt));

        Assert.False(night.Open);
        Assert.Equal(Utc(2026, 3, 8, 12), night.Until); // 08:00 EDT, not 08:00 EST
        Assert.False(justBefore.Open);
        Assert.True(opening.Open);
        Assert.Equal(Utc(2026, 3, 9, 1), opening.Until); // 21:00 EDT
    }

    [Fact]
    public void Closing_the_evening_before_spring_forward_reopens_ten_real_hours_later()
    {
        var state = CallingHours.Evaluate(NewYork, Federal, At(2026, 3, 7, 21, 0, 0, Est));

        Assert.False(state.Open);
        Assert.Equal(Utc(2026, 3, 8, 12), state.Until);
    }

    [Fact]
    public void On_the_fall_back_day_the_window_is_still_8_to_21_local()
    {
        // 2026-11-01: New York goes from EDT (-4) back to EST (-5) at 02:00; 01:30 happens twice.
        var night = CallingHours.Evaluate(NewYork, Federal, At(2026, 11, 1, 1, 30, 0, Edt));
        var justBefore = CallingHours.Evaluate(NewYork, Federal, At(2026, 11, 1, 7, 59, 59, Est));
        var opening = CallingHours.Evaluate(NewYork, Federal, At(2026, 11, 1, 8, 0, 0, Est));
        var closing = CallingHours.Evaluate(NewYork, Federal, At(2026, 11, 1, 21, 0, 0, Est));

        Assert.False(night.Open);
        Assert.Equal(Utc(2026, 11, 1, 13), night.Until); // 08:00 EST, not 08:00 EDT
        Assert.False(justBefore.Open);
        Assert.True(opening.Open);
        Assert.Equal(Utc(2026, 11, 2, 2), opening.Until); // 21:00 EST
        Assert.False(closing.Open);
    }

    [Fact]
    public void Closing_the_evening_before_fall_back_reopens_twelve_real_hours_later()
    {
        var state = CallingHours.Evaluate(NewYork, Federal, At(2026, 10, 31, 21, 0, 0, Edt));

        Assert.False(state.Open);
        Assert.Equal(Utc(2026, 11, 1, 13), state.Until);
    }

    [Fact]
    public void An_unknown_zone_is_closed_for_a_day_when_the_campaign_sets_no_zone_for_it()
    {
        var now = At(2026, 7, 15, 12, 0, 0, Edt);

        var state = CallingHours.Evaluate(null, Federal, now);

        Assert.False(state.Open);
        Assert.Equal(now + CallingHours.Horizon, state.Until);
        Assert.Equal(TimeSpan.FromDays(1), CallingHours.Horizon);
    }

    [Fact]
    public void An_unknown_zone_follows_the_campaigns_UnknownZoneAs_without_state_rules()
    {
        var settings = Federal with { UnknownZoneAs = "America/New_York" };

        var noon = CallingHours.Evaluate(null, settings, At(2026, 7, 15, 12, 0, 0, Edt));
        var evening = CallingHours.Evaluate(null, settings, At(2026, 7, 15, 20, 30, 0, Edt));

        Assert.True(noon.Open);
        Assert.Equal(At(2026, 7, 15, 21, 0, 0, Edt), noon.Until);
        Assert.True(evening.Open); // 8-21, not a state's 8-20
    }

    [Fact]
    public void Text_that_is_not_a_region_key_is_treated_as_an_unknown_zone()
    {
        var now = At(2026, 7, 15, 12, 0, 0, Edt);

        Assert.False(CallingHours.Evaluate("not a region", Federal, now).Open);
        Assert.True(CallingHours.Evaluate("not a region", Federal with { UnknownZoneAs = "America/New_York" }, now).Open);
    }

    [Fact]
    public void A_region_naming_a_zone_this_machine_lacks_is_never_open_even_with_UnknownZoneAs()
    {
        var settings = Federal with { UnknownZoneAs = "America/New_York" };
        var now = At(2026, 7, 15, 12, 0, 0, Edt);

        var state = CallingHours.Evaluate("US-NY|Mars/Olympus_Mons", settings, now);

        Assert.False(state.Open);
        Assert.Equal(now + CallingHours.Horizon, state.Until);
    }

    [Fact]
    public void An_UnknownZoneAs_that_is_not_a_zone_leaves_unknown_leads_closed()
    {
        var settings = Federal with { UnknownZoneAs = "Mars/Olympus_Mons" };

        Assert.False(CallingHours.Evaluate(null, settings, At(2026, 7, 15, 12, 0, 0, Edt)).Open);
    }

    [Fact]
    public void A_campaign_window_narrows_the_federal_one()
    {
        // Monday 10:00-16:00, Sunday closed, other days federal.
        var window = Enumerable.Repeat(DayWindow.Federal, 7).ToArray();
        window[(int)DayOfWeek.Monday] = new DayWindow(10 * 60, 16 * 60);
        window[(int)DayOfWeek.Sunday] = DayWindow.Closed;
        var settings = Federal with { CallingWindow = window };

        var early = CallingHours.Evaluate(NewYork, settings, At(2026, 7, 13, 9, 59, 59, Edt));
        var opening = CallingHours.Evaluate(NewYork, settings, At(2026, 7, 13, 10, 0, 0, Edt));
        var lastSecond = CallingHours.Evaluate(NewYork, settings, At(2026, 7, 13, 15, 59, 59, Edt));
        var closing = CallingHours.Evaluate(NewYork, settings, At(2026, 7, 13, 16, 0, 0, Edt));

        Assert.False(early.Open);
        Assert.Equal(At(2026, 7, 13, 10, 0, 0, Edt), early.Until);
        Assert.True(opening.Open);
        Assert.Equal(At(2026, 7, 13, 16, 0, 0, Edt), opening.Until);
        Assert.True(lastSecond.Open);
        Assert.False(closing.Open);
        Assert.Equal(At(2026, 7, 14, 8, 0, 0, Edt), closing.Until); // Tuesday: federal again
    }

    [Fact]
    public void A_closed_weekday_stays_closed_until_the_next_days_window()
    {
        var window = Enumerable.Repeat(DayWindow.Federal, 7).ToArray();
        window[(int)DayOfWeek.Sunday] = DayWindow.Closed;
        window[(int)DayOfWeek.Monday] = new DayWindow(10 * 60, 16 * 60);
        var settings = Federal with { CallingWindow = window };

        var sunday = CallingHours.Evaluate(NewYork, settings, At(2026, 7, 12, 12, 0, 0, Edt));

        Assert.False(sunday.Open);
        Assert.Equal(At(2026, 7, 13, 10, 0, 0, Edt), sunday.Until);
    }

    [Fact]
    public void A_campaign_window_wider_than_federal_does_not_widen_it()
    {
        var settings = Federal with { CallingWindow = [.. Enumerable.Repeat(new DayWindow(6 * 60, 23 * 60), 7)] };

        Assert.False(CallingHours.Evaluate(NewYork, settings, At(2026, 7, 15, 7, 0, 0, Edt)).Open);
        Assert.True(CallingHours.Evaluate(NewYork, settings, At(2026, 7, 15, 8, 0, 0, Edt)).Open);
        Assert.False(CallingHours.Evaluate(NewYork, settings, At(2026, 7, 15, 22, 0, 0, Edt)).Open);
    }

    [Fact]
    public void A_calling_window_without_seven_days_is_never_open()
    {
        var settings = Federal with { CallingWindow = [DayWindow.Federal] };

        Assert.False(CallingHours.Evaluate(NewYork, settings, At(2026, 7, 15, 12, 0, 0, Edt)).Open);
    }

    [Theory]
    [InlineData("America/New_York", true)]
    [InlineData("Europe/London", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("america/new_york", false)]
    [InlineData("Eastern Standard Time", false)]
    [InlineData("", false)]
    public void IsKnownZone_accepts_exact_IANA_ids_this_machine_has(string zone, bool known) =>
        Assert.Equal(known, CallingHours.IsKnownZone(zone));
}
