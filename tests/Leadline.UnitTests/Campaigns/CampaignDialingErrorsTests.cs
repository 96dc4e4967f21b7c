using Leadline.ApiHost.Admin.Campaigns;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.Campaigns;

namespace Leadline.UnitTests.Campaigns;

/// <summary>Each dial setting has its own registered code and a parameter of the update's catalog.</summary>
public class CampaignDialingErrorsTests
{
    private static readonly DialSetting[] Settings = Enum.GetValues<DialSetting>();

    [Fact]
    public void Every_setting_has_its_own_registered_campaigns_code()
    {
        var codes = Settings.Select(CampaignDialingErrors.CodeOf).ToList();

        Assert.Equal(Settings.Length, codes.Select(c => c.Code).Distinct().Count());
        Assert.All(codes, c => Assert.Contains(c, ErrorCodes.All));
        Assert.All(codes, c => Assert.Equal((ErrorScope.Campaigns, 400), (c.Scope, c.RestStatus)));
    }

    [Fact]
    public void Every_setting_is_a_parameter_of_the_update_and_a_refusal_names_it()
    {
        foreach (var setting in Settings)
        {
            var name = CampaignDialingParameters.NameOf(setting);
            Assert.True(CampaignDialingEndpoints.UpdateContract.Declares(name), name);
            Assert.StartsWith($"Invalid value for {name}: ", CampaignDialingErrors.For(new DialSettingsProblem(setting, "why")).Text);
        }
        Assert.Equal(Settings.Length, CampaignDialingParameters.All.Count);
    }

    [Fact]
    public void Absent_parameters_are_null_and_blank_ones_are_kept_blank()
    {
        var input = CampaignDialingParameters.Input(new Dictionary<string, string> { ["recycle"] = "  ", ["hopper_level"] = " 5 " });

        Assert.Equal(new DialSettingsInput(HopperLevel: "5", Recycle: ""), input);
    }
}
