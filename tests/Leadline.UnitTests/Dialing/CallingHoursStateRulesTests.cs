using Leadline.Grains.Dialing;
using static Leadline.UnitTests.Dialing.DialTestData;

namespace Leadline.UnitTests.Dialing;

/// <summary>The state-rule table on top of federal hours: stricter hours, no-call days, multi-zone states, caps.</summary>
public class CallingHoursStateRulesTests
{
    [Fact]
    public void At_20_00_Eastern_Florida_is_closed_where_Georgia_is_open()
    {
        var now = At(2026, 7, 15, 20, 0, 0, Edt);

        var florida = CallingHours.Evaluate(FloridaByPhone, Federal, now);
        var georgia = CallingHours.Evaluate(Georgia, Federal, now);

        Assert.False(florida.Open);
        Assert.Equal(At(2026, 7, 16, 8, 0, 0, Edt), florida.Until);
        Assert.True(georgia.Open);
        Assert.Equal(At(2026, 7, 15, 21, 0, 0, Edt), georgia.Until);
    }

    [Fact]
    public void A_Florida_lead_known_by_state_is_dialable_9_to_20_Eastern_the_hours_both_of_its_zones_allow()
    {
        // 8-20 in Eastern and in Central (= 9-21 Eastern): the intersection is 9-20 Eastern.
        var at830 = CallingHours.Evaluate(FloridaByState, Federal, At(2026, 7, 15, 8, 30, 0, Edt));
        var at900 = CallingHours.Evaluate(FloridaByState, Federal, At(2026, 7, 15, 9, 0, 0, Edt));
        var at1959 = CallingHours.Evaluate(FloridaByState, Federal, At(2026, 7, 15, 19, 59, 59, Edt));
        var at2000 = CallingHours.Evaluate(FloridaByState, Federal, At(2026, 7, 15, 20, 0, 0, Edt));

        Assert.False(at830.Open); // 7:30 in the panhandle
        Assert.Equal(At(2026, 7, 15, 9, 0, 0, Edt), at830.Until);
        Assert.True(at900.Open);
        Assert.Equal(At(2026, 7, 15, 20, 0, 0, Edt), at900.Until);
        Assert.True(at1959.Open);
        Assert.False(at2000.Open);
        // Central closes at 21:00 Eastern while Eastern is already closed: Until is the real reopening, not that.
        Assert.Equal(At(2026, 7, 16, 9, 0, 0, Edt), at2000.Until);
    }

    [Fact]
    public void A_Texas_lead_in_Central_and_Mountain_is_open_at_20_30_Central_and_closed_at_8_30()
    {
        var evening = CallingHours.Evaluate(Texas, Federal, At(2026, 7, 15, 20, 30, 0, Cdt)); // 19:30 Mountain
        var morning = CallingHours.Evaluate(Texas, Federal, At(2026, 7, 15, 8, 30, 0, Cdt)); // 7:30 Mountain
        var nineThirty = CallingHours.Evaluate(Texas, Federal, At(2026, 7, 15, 9, 30, 0, Cdt)); // 8:30 Mountain

        Assert.True(evening.Open);
        Assert.Equal(At(2026, 7, 15, 21, 0, 0, Cdt), evening.Until);
        Assert.False(morning.Open);
        // Texas starts at 9:00 (Tex. Bus. & Com. Code § 301.051); 9:00 Mountain is 10:00 Central.
        Assert.Equal(At(2026, 7, 15, 10, 0, 0, Cdt), morning.Until);
        Assert.False(nineThirty.Open);
        Assert.Equal(At(2026, 7, 15, 10, 0, 0, Cdt), nineThirty.Until);
    }

    [Fact]
    public void Texas_opens_at_noon_on_Sunday_in_each_of_its_zones()
    {
        var state = CallingHours.Evaluate(Texas, Federal, At(2026, 7, 19, 11, 30, 0, Cdt));

        Assert.False(state.Open);
        Assert.Equal(At(2026, 7, 19, 13, 0, 0, Cdt), state.Until); // noon Mountain
        Assert.True(CallingHours.Evaluate(Texas, Federal, At(2026, 7, 19, 13, 0, 0, Cdt)).Open);
    }

    [Fact]
    public void Louisiana_is_closed_on_Sunday_until_Monday_8_00()
    {
        var state = CallingHours.Evaluate(Louisiana, Federal, At(2026, 7, 12, 12, 0, 0, Cdt));

        Assert.False(state.Open);
        Assert.Equal(At(2026, 7, 13, 8, 0, 0, Cdt), state.Until);
    }

    [Fact]
    public void Louisiana_closing_on_Saturday_evening_is_re_evaluated_within_a_day()
    {
        var now = At(2026, 7, 11, 20, 0, 0, Cdt);

        var state = CallingHours.Evaluate(Louisiana, Federal, now);

        Assert.False(state.Open);
        Assert.Equal(now + CallingHours.Horizon, state.Until); // Monday 8:00 is 36 h away
        Assert.True(CallingHours.Evaluate(Louisiana, Federal, At(2026, 7, 11, 19, 59, 59, Cdt)).Open);
    }

    [Fact]
    public void Louisiana_is_closed_on_Thanksgiving_and_open_the_day_before()
    {
        var thanksgiving = CallingHours.Evaluate(Louisiana, Federal, At(2026, 11, 26, 12, 0, 0, Cst));
        var dayBefore = CallingHours.Evaluate(Louisiana, Federal, At(2026, 11, 25, 12, 0, 0, Cst));

        Assert.False(thanksgiving.Open);
        Assert.Equal(At(2026, 11, 27, 8, 0, 0, Cst), thanksgiving.Until);
        Assert.True(dayBefore.Open);
        Assert.True(CallingHours.Evaluate(Georgia, Federal, At(2026, 11, 26, 12, 0, 0, Est)).Open);
    }

    [Fact]
    public void Louisiana_is_closed_on_the_Friday_a_Saturday_July_4th_is_observed_and_on_the_4th_itself()
    {
        // 2026-07-04 is a Saturday: observed Friday 2026-07-03.
        Assert.True(CallingHours.Evaluate(Louisiana, Federal, At(2026, 7, 2, 12, 0, 0, Cdt)).Open);
        Assert.False(CallingHours.Evaluate(Louisiana, Federal, At(2026, 7, 3, 12, 0, 0, Cdt)).Open);
        Assert.False(CallingHours.Evaluate(Louisiana, Federal, At(2026, 7, 4, 12, 0, 0, Cdt)).Open);
    }

    [Fact]
    public void Louisiana_is_closed_on_the_Monday_a_Sunday_July_4th_is_observed()
    {
        // 2027-07-04 is a Sunday: observed Monday 2027-07-05.
        var observed = CallingHours.Evaluate(Louisiana, Federal, At(2027, 7, 5, 12, 0, 0, Cdt));

        Assert.False(observed.Open);
        Assert.Equal(At(2027, 7, 6, 8, 0, 0, Cdt), observed.Until);
        Assert.True(CallingHours.Evaluate(Louisiana, Federal, At(2027, 7, 6, 12, 0, 0, Cdt)).Open);
    }

    [Fact]
    public void Rhode_Island_calls_9_to_18_on_weekdays_and_10_to_17_on_Saturday()
    {
        Assert.False(CallingHours.Evaluate(RhodeIsland, Federal, At(2026, 7, 15, 8, 59, 59, Edt)).Open);
        Assert.True(CallingHours.Evaluate(RhodeIsland, Federal, At(2026, 7, 15, 17, 59, 59, Edt)).Open);
        var weekdayEvening = CallingHours.Evaluate(RhodeIsland, Federal, At(2026, 7, 15, 18, 0, 0, Edt));
        Assert.False(weekdayEvening.Open);
        Assert.Equal(At(2026, 7, 16, 9, 0, 0, Edt), weekdayEvening.Until);

        var saturdayMorning = CallingHours.Evaluate(RhodeIsland, Federal, At(2026, 7, 11, 9, 30, 0, Edt));
        Assert.False(saturdayMorning.Open);
        Assert.Equal(At(2026, 7, 11, 10, 0, 0, Edt), saturdayMorning.Until);
        Assert.False(CallingHours.Evaluate(RhodeIsland, Federal, At(2026, 7, 11, 17, 0, 0, Edt)).Open);
        Assert.False(CallingHours.Evaluate(RhodeIsland, Federal, At(2026, 7, 12, 12, 0, 0, Edt)).Open);
    }

    [Fact]
    public void AttemptCap_is_the_smaller_of_the_campaigns_and_the_states()
    {
        Assert.Equal(3, CallingHours.AttemptCap(FloridaByState, Federal));
        Assert.Equal(3, CallingHours.AttemptCap(FloridaByPhone, Federal with { MaxAttemptsPer24h = 5 }));
        Assert.Equal(2, CallingHours.AttemptCap(FloridaByPhone, Federal with { MaxAttemptsPer24h = 2 }));
        Assert.Equal(5, CallingHours.AttemptCap(Georgia, Federal with { MaxAttemptsPer24h = 5 }));
        Assert.Null(CallingHours.AttemptCap(Georgia, Federal));
        Assert.Equal(4, CallingHours.AttemptCap(null, Federal with { MaxAttemptsPer24h = 4 }));
        Assert.Null(CallingHours.AttemptCap(null, Federal));
    }

    [Theory]
    [InlineData("US-OK|America/Chicago")]
    [InlineData("US-MD|America/New_York")]
    public void Oklahoma_and_Maryland_cap_attempts_at_three(string region) =>
        Assert.Equal(3, CallingHours.AttemptCap(region, Federal));

    [Fact]
    public void Every_state_rule_names_its_source_and_only_narrows_federal_hours()
    {
        foreach (var rule in StateCallingRules.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Source), rule.State);
            Assert.True(UsStates.IsState(rule.State), rule.State);
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                var window = rule.For(day);
                Assert.True(window.IsClosed || (window.StartMinute >= 8 * 60 && window.EndMinute <= 21 * 60), $"{rule.State} {day}");
            }
        }
    }
}
