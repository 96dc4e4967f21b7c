using Leadline.Grains.Campaigns;

namespace Leadline.UnitTests.Campaigns;

/// <summary>The calling window's wire form: what it accepts, what it refuses, and its canonical text.</summary>
public class CallingWindowTextTests
{
    private static readonly DayWindow[] Federal = CampaignDialSettings.Default(true).CallingWindow;

    private static DayWindow[] Apply(string text, DayWindow[]? current = null)
    {
        Assert.True(CallingWindowText.TryApply(text, current ?? Federal, out var week, out var problem), problem);
        return week;
    }

    private static string Refused(string text)
    {
        Assert.False(CallingWindowText.TryApply(text, Federal, out _, out var problem));
        return problem!;
    }

    private static DayWindow W(string start, string end) =>
        new((int)TimeSpan.Parse(start).TotalMinutes, end == "24:00" ? 1440 : (int)TimeSpan.Parse(end).TotalMinutes);

    [Fact]
    public void The_documented_example_sets_each_named_day()
    {
        var week = Apply("mon-fri 09:00-20:00; sat 10:00-17:00; sun closed");

        Assert.Equal(DayWindow.Closed, week[(int)DayOfWeek.Sunday]);
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            Assert.Equal(W("09:00", "20:00"), week[(int)day]);
        Assert.Equal(W("10:00", "17:00"), week[(int)DayOfWeek.Saturday]);
    }

    [Fact]
    public void Days_the_text_does_not_name_keep_their_current_window()
    {
        var current = Apply("daily 10:00-18:00");

        var week = Apply("sat closed", current);

        Assert.Equal(DayWindow.Closed, week[(int)DayOfWeek.Saturday]);
        Assert.All(week.Where((_, day) => day != (int)DayOfWeek.Saturday), w => Assert.Equal(W("10:00", "18:00"), w));
    }

    [Theory]
    [InlineData("fri-mon 11:00-12:00", new[] { 5, 6, 0, 1 })]
    [InlineData("sun-sat 11:00-12:00", new[] { 0, 1, 2, 3, 4, 5, 6 })]
    [InlineData("daily 11:00-12:00", new[] { 0, 1, 2, 3, 4, 5, 6 })]
    [InlineData("Saturday , SUN 11:00 - 12:00", new[] { 6, 0 })]
    [InlineData("tue,thu-fri 11:00-12:00", new[] { 2, 4, 5 })]
    [InlineData("wed-wed 11:00-12:00", new[] { 3 })]
    public void Ranges_run_forward_and_may_wrap_lists_and_full_names_any_case(string text, int[] days)
    {
        var week = Apply(text);

        for (var day = 0; day < 7; day++)
            Assert.Equal(days.Contains(day) ? W("11:00", "12:00") : DayWindow.Federal, week[day]);
    }

    [Fact]
    public void Midnight_to_midnight_is_the_whole_day_and_single_digit_hours_are_read()
    {
        var week = Apply("mon 00:00-24:00; tue 8:05-9:30");

        Assert.Equal(new DayWindow(0, 1440), week[1]);
        Assert.Equal(new DayWindow(485, 570), week[2]);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("mon 09:00-17:00;", "empty entry")]
    [InlineData("mon 09:00-17:00;; tue closed", "empty entry")]
    [InlineData("mnday 09:00-17:00", "“mnday” is not a day")]
    [InlineData("weekdays 09:00-17:00", "“weekdays” is not a day")]
    [InlineData("mon 25:00-26:00", "“25:00” is not a time")]
    [InlineData("mon 09:60-17:00", "“09:60” is not a time")]
    [InlineData("mon 24:30-24:45", "“24:30” is not a time")]
    [InlineData("mon 17:00-09:00", "ends before it starts")]
    [InlineData("mon 09:00-09:00", "ends before it starts")]
    [InlineData("mon open", "“open” is not HH:MM-HH:MM or closed")]
    [InlineData("mon", "is not “DAYS HH:MM-HH:MM” or “DAYS closed”")]
    [InlineData("09:00-17:00", "is not “DAYS HH:MM-HH:MM” or “DAYS closed”")]
    [InlineData("mon 9-17", "“9” is not a time")]
    [InlineData("mon-fri 09:00-17:00; wed closed", "names wed twice")]
    [InlineData("mon,mon closed", "names mon twice")]
    [InlineData("sat-mon closed; sun 10:00-11:00", "names sun twice")]
    [InlineData("mon-tue-wed closed", "is not “DAYS HH:MM-HH:MM” or “DAYS closed”")]
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        Assert.Contains(reason, Refused(text));
    }

    [Fact]
    public void A_text_over_the_limit_is_refused_before_it_is_read()
    {
        Assert.Contains("at most 500", Refused(string.Join("; ", Enumerable.Repeat("mon closed", 60))));
    }

    [Fact]
    public void A_refused_text_leaves_the_current_window_in_the_out_value()
    {
        Assert.False(CallingWindowText.TryApply("mon closed; tue 30:00-31:00", Federal, out var week, out _));

        Assert.Equal(Federal, week);
    }

    [Theory]
    [InlineData("daily 08:00-21:00", "mon-sun 08:00-21:00")]
    [InlineData("mon-fri 09:00-20:00; sat 10:00-17:00; sun closed", "mon-fri 09:00-20:00; sat 10:00-17:00; sun closed")]
    [InlineData("mon,wed 09:00-17:00; tue 10:00-12:00", "mon,wed 09:00-17:00; tue 10:00-12:00; thu-sun 08:00-21:00")]
    [InlineData("sat-sun closed; mon 00:00-24:00", "mon 00:00-24:00; tue-fri 08:00-21:00; sat-sun closed")]
    public void The_canonical_text_groups_equal_days_Monday_first(string text, string canonical)
    {
        Assert.Equal(canonical, CallingWindowText.Format(Apply(text)));
    }

    [Theory]
    [InlineData("mon-fri 09:00-20:00; sat 10:00-17:00; sun closed")]
    [InlineData("tue,thu 07:30-22:15; sun 00:00-24:00")]
    public void The_canonical_text_reads_back_as_the_same_week(string text)
    {
        var week = Apply(text);

        Assert.Equal(week, Apply(CallingWindowText.Format(week), [.. Enumerable.Repeat(DayWindow.Closed, 7)]));
    }

    [Fact]
    public void Any_empty_window_is_shown_closed()
    {
        Assert.Equal("closed", CallingWindowText.FormatWindow(new DayWindow(600, 600)));
        Assert.Equal("09:05-24:00", CallingWindowText.FormatWindow(new DayWindow(545, 1440)));
    }
}
