using Leadline.Grains.Campaigns;

namespace Leadline.UnitTests.Campaigns;

/// <summary>The dial settings' limits and wire forms, as the API, the dashboard and the grain all check them.</summary>
public class CampaignDialSettingsRulesTests
{
    private static readonly CampaignDialSettings Default = CampaignDialSettings.Default(true);

    private static CampaignDialSettings Applied(DialSettingsInput input)
    {
        Assert.True(CampaignDialSettingsRules.TryApply(Default, input, out var updated, out var problem), problem?.Text);
        Assert.Null(CampaignDialSettingsRules.Validate(updated));
        return updated;
    }

    private static DialSettingsProblem Refused(DialSettingsInput input)
    {
        Assert.False(CampaignDialSettingsRules.TryApply(Default, input, out var updated, out var problem));
        Assert.Same(Default, updated);
        return problem!;
    }

    [Fact]
    public void The_default_settings_are_valid_and_are_what_migration_0011_defaults_to()
    {
        Assert.Null(CampaignDialSettingsRules.Validate(Default));
        Assert.Equal((500, LeadOrder.OldestFirst, (int?)null, 0, (string?)null),
            (Default.HopperLevel, Default.LeadOrder, Default.MaxAttemptsPer24h, Default.RecycleMinutes.Count, Default.UnknownZoneAs));
        Assert.Equal(["NEW"], Default.DialableStatuses);
        Assert.Equal("[[480,1260],[480,1260],[480,1260],[480,1260],[480,1260],[480,1260],[480,1260]]",
            CampaignDialSettingsStore.WindowJson(Default.CallingWindow));
    }

    [Fact]
    public void Every_setting_given_is_parsed_and_the_others_keep_their_values()
    {
        var updated = Applied(new DialSettingsInput(
            HopperLevel: "1000", LeadOrder: "Newest", DialableStatuses: "new, na ,CALLBK", CallingWindow: "sun closed",
            MaxAttemptsPer24h: "3", Recycle: "na:240, B:60", UnknownZoneAs: "America/New_York"));

        Assert.Equal(1000, updated.HopperLevel);
        Assert.Equal(LeadOrder.NewestFirst, updated.LeadOrder);
        Assert.Equal(["NEW", "NA", "CALLBK"], updated.DialableStatuses);
        Assert.Equal(DayWindow.Closed, updated.CallingWindow[0]);
        Assert.Equal(DayWindow.Federal, updated.CallingWindow[1]);
        Assert.Equal(3, updated.MaxAttemptsPer24h);
        Assert.Equal(new Dictionary<string, int> { ["NA"] = 240, ["B"] = 60 }, updated.RecycleMinutes);
        Assert.Equal("America/New_York", updated.UnknownZoneAs);
        Assert.True(updated.Active);
    }

    [Fact]
    public void Nothing_given_changes_nothing_and_says_so()
    {
        var input = new DialSettingsInput();

        Assert.True(input.ChangesNothing);
        Assert.Equal(Default, Applied(input));
    }

    [Fact]
    public void A_blank_required_setting_is_not_given_as_Convoso_reads_blanks()
    {
        var input = new DialSettingsInput(HopperLevel: "", LeadOrder: " ", DialableStatuses: "", CallingWindow: "");

        Assert.True(input.ChangesNothing);
        Assert.Equal(Default, Applied(input));
    }

    [Fact]
    public void A_blank_optional_setting_means_none()
    {
        var configured = Default with { MaxAttemptsPer24h = 3, RecycleMinutes = new() { ["NA"] = 240 }, UnknownZoneAs = "America/Chicago" };
        var input = new DialSettingsInput(MaxAttemptsPer24h: "", Recycle: "", UnknownZoneAs: "");

        Assert.False(input.ChangesNothing);
        Assert.True(CampaignDialSettingsRules.TryApply(configured, input, out var updated, out _));
        Assert.Equal(((int?)null, 0, (string?)null), (updated.MaxAttemptsPer24h, updated.RecycleMinutes.Count, updated.UnknownZoneAs));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("100000", 100000)]
    [InlineData(" 42 ", 42)]
    public void Hopper_levels_from_0_to_100000_are_taken(string text, int level)
    {
        Assert.Equal(level, Applied(new DialSettingsInput(HopperLevel: text)).HopperLevel);
    }

    [Theory]
    [InlineData("100001")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("lots")]
    [InlineData("99999999999999999999")]
    public void Other_hopper_levels_are_refused(string text)
    {
        Assert.Equal(DialSetting.HopperLevel, Refused(new DialSettingsInput(HopperLevel: text)).Setting);
    }

    [Theory]
    [InlineData("oldest", LeadOrder.OldestFirst)]
    [InlineData("NEWEST", LeadOrder.NewestFirst)]
    [InlineData("list", LeadOrder.ByList)]
    public void Lead_orders_are_three_words_any_case(string text, LeadOrder order)
    {
        Assert.Equal(order, Applied(new DialSettingsInput(LeadOrder: text)).LeadOrder);
        Assert.Equal(text.ToLowerInvariant(), CampaignDialSettingsRules.Word(order));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("0")]
    [InlineData("oldest,newest")]
    public void Other_lead_orders_are_refused(string text)
    {
        Assert.Equal(DialSetting.LeadOrder, Refused(new DialSettingsInput(LeadOrder: text)).Setting);
    }

    [Theory]
    [InlineData("NEW,,NA", "empty")]
    [InlineData("NEW,", "empty")]
    [InlineData("NEW,na,NA", "NA is named twice")]
    [InlineData("NEW,CALL-BACK", "“CALL-BACK” is not a status")]
    [InlineData("NÉ", "is not a status")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ12345", "is not a status")]
    public void Statuses_out_of_form_are_refused(string text, string reason)
    {
        var problem = Refused(new DialSettingsInput(DialableStatuses: text));

        Assert.Equal(DialSetting.DialableStatuses, problem.Setting);
        Assert.Contains(reason, problem.Text);
    }

    [Fact]
    public void Fifty_statuses_of_thirty_characters_are_taken_and_fifty_one_are_not()
    {
        string Statuses(int n) => string.Join(",", Enumerable.Range(0, n).Select(i => $"S{i:D2}".PadRight(30, 'X')));

        Assert.Equal(50, Applied(new DialSettingsInput(DialableStatuses: Statuses(50))).DialableStatuses.Length);
        Assert.Contains("at most 50", Refused(new DialSettingsInput(DialableStatuses: Statuses(51))).Text);
    }

    [Fact]
    public void A_bad_calling_window_is_a_calling_window_problem_with_the_parsers_reason()
    {
        var problem = Refused(new DialSettingsInput(CallingWindow: "mon 09:00-17:00; xyz closed"));

        Assert.Equal(DialSetting.CallingWindow, problem.Setting);
        Assert.Contains("“xyz” is not a day", problem.Text);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData("0", null)]
    [InlineData("", null)]
    public void Max_attempts_are_1_to_100_and_blank_or_0_is_none(string text, int? attempts)
    {
        var configured = Default with { MaxAttemptsPer24h = 7 };

        Assert.True(CampaignDialSettingsRules.TryApply(configured, new DialSettingsInput(MaxAttemptsPer24h: text), out var updated, out _));
        Assert.Equal(attempts, updated.MaxAttemptsPer24h);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-3")]
    [InlineData("three")]
    public void Other_max_attempts_are_refused(string text)
    {
        Assert.Equal(DialSetting.MaxAttemptsPer24h, Refused(new DialSettingsInput(MaxAttemptsPer24h: text)).Setting);
    }

    [Theory]
    [InlineData("NA", "is not STATUS:minutes")]
    [InlineData("NA:240:1", "is not STATUS:minutes")]
    [InlineData("NA:0", "the minutes of NA")]
    [InlineData("NA:525601", "the minutes of NA")]
    [InlineData("NA:4h", "the minutes of NA")]
    [InlineData("NA:240,na:60", "NA is named twice")]
    [InlineData("N A:60", "is not a status")]
    [InlineData("NA:240,", "is not STATUS:minutes")]
    public void Recycle_pairs_out_of_form_are_refused(string text, string reason)
    {
        var problem = Refused(new DialSettingsInput(Recycle: text));

        Assert.Equal(DialSetting.Recycle, problem.Setting);
        Assert.Contains(reason, problem.Text);
    }

    [Fact]
    public void Recycle_minutes_up_to_a_year_are_taken_and_shown_sorted()
    {
        var updated = Applied(new DialSettingsInput(Recycle: "NA:525600,B:1"));

        Assert.Equal("B:1,NA:525600", CampaignDialSettingsRules.FormatRecycle(updated.RecycleMinutes));
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Pacific/Honolulu")]
    [InlineData("America/Indiana/Indianapolis")]
    [InlineData("Etc/GMT+5")]
    public void IANA_zones_are_taken(string zone)
    {
        Assert.Equal(zone, Applied(new DialSettingsInput(UnknownZoneAs: $" {zone} ")).UnknownZoneAs);
    }

    [Theory]
    [InlineData("Eastern Standard Time")] // a Windows id: .NET finds it, the dialing rules would not
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("america/new_york")]
    [InlineData("../../etc/passwd")]
    [InlineData("Etc")]
    [InlineData("+05:00")]
    public void Anything_but_a_known_IANA_zone_is_refused(string zone)
    {
        var problem = Refused(new DialSettingsInput(UnknownZoneAs: zone));

        Assert.Equal(DialSetting.UnknownZoneAs, problem.Setting);
    }

    [Fact]
    public void The_first_bad_setting_is_the_one_reported_and_nothing_is_applied()
    {
        var problem = Refused(new DialSettingsInput(HopperLevel: "10", DialableStatuses: "NEW", Recycle: "NA:0"));

        Assert.Equal(DialSetting.Recycle, problem.Setting);
    }

    public static readonly TheoryData<string, DialSetting> InvalidRecords = new()
    {
        { "hopper", DialSetting.HopperLevel },
        { "order", DialSetting.LeadOrder },
        { "no statuses", DialSetting.DialableStatuses },
        { "lower-case status", DialSetting.DialableStatuses },
        { "duplicate status", DialSetting.DialableStatuses },
        { "six days", DialSetting.CallingWindow },
        { "end before start", DialSetting.CallingWindow },
        { "past midnight", DialSetting.CallingWindow },
        { "attempts 0", DialSetting.MaxAttemptsPer24h },
        { "recycle 0", DialSetting.Recycle },
        { "recycle lower-case", DialSetting.Recycle },
        { "zone", DialSetting.UnknownZoneAs },
    };

    [Theory]
    [MemberData(nameof(InvalidRecords))]
    public void A_whole_record_out_of_bounds_is_caught_by_Validate(string what, DialSetting setting)
    {
        var week = Default.CallingWindow;
        var record = what switch
        {
            "hopper" => Default with { HopperLevel = 100_001 },
            "order" => Default with { LeadOrder = (LeadOrder)7 },
            "no statuses" => Default with { DialableStatuses = [] },
            "lower-case status" => Default with { DialableStatuses = ["new"] },
            "duplicate status" => Default with { DialableStatuses = ["NEW", "NEW"] },
            "six days" => Default with { CallingWindow = week[..6] },
            "end before start" => Default with { CallingWindow = [new DayWindow(600, 500), .. week[1..]] },
            "past midnight" => Default with { CallingWindow = [new DayWindow(600, 1441), .. week[1..]] },
            "attempts 0" => Default with { MaxAttemptsPer24h = 0 },
            "recycle 0" => Default with { RecycleMinutes = new() { ["NA"] = 0 } },
            "recycle lower-case" => Default with { RecycleMinutes = new() { ["na"] = 5 } },
            _ => Default with { UnknownZoneAs = "Nowhere/Special" },
        };

        Assert.Equal(setting, CampaignDialSettingsRules.Validate(record)?.Setting);
    }

    [Fact]
    public void The_stored_window_json_reads_back_and_a_wrong_shape_is_an_error_naming_the_campaign()
    {
        var week = new[] { DayWindow.Closed, new DayWindow(540, 1200), DayWindow.Federal, DayWindow.Federal, DayWindow.Federal, DayWindow.Federal, new DayWindow(0, 1440) };

        Assert.Equal(week, CampaignDialSettingsStore.ParseWindow(CampaignDialSettingsStore.WindowJson(week), 7));
        Assert.Contains("Campaign 7", Assert.Throws<InvalidOperationException>(() => CampaignDialSettingsStore.ParseWindow("[[1,2]]", 7)).Message);
    }
}
