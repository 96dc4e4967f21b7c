using System.Text.Json;
using Leadline.Grains.Campaigns;

namespace Leadline.ApiHost.Admin.Campaigns;

/// <summary>
/// A campaign's dial settings in an answer's <c>data</c>, snake_case, in the parameters' names: the status as the
/// other campaign answers give it (Y/N), the window as an object of days (Sunday first) whose values the update's
/// calling_window takes back (<c>"mon":"09:00-20:00"</c> → <c>mon 09:00-20:00</c>).
/// </summary>
public static class CampaignDialingAnswer
{
    public static void Write(Utf8JsonWriter json, long campaignId, CampaignDialSettings settings)
    {
        json.WriteNumber("campaign_id", campaignId);
        json.WriteString("status", AdminParameters.YesNo(settings.Active));
        json.WriteNumber(CampaignDialingParameters.HopperLevel, settings.HopperLevel);
        json.WriteString(CampaignDialingParameters.LeadOrder, CampaignDialSettingsRules.Word(settings.LeadOrder));
        json.WriteStartArray(CampaignDialingParameters.DialableStatuses);
        foreach (var status in settings.DialableStatuses)
            json.WriteStringValue(status);
        json.WriteEndArray();
        json.WriteStartObject(CampaignDialingParameters.CallingWindow);
        for (var day = 0; day < 7; day++)
            json.WriteString(CallingWindowText.DayNames[day], CallingWindowText.FormatWindow(settings.CallingWindow[day]));
        json.WriteEndObject();
        if (settings.MaxAttemptsPer24h is { } attempts)
            json.WriteNumber(CampaignDialingParameters.MaxAttempts, attempts);
        else
            json.WriteNull(CampaignDialingParameters.MaxAttempts);
        json.WriteStartObject(CampaignDialingParameters.Recycle);
        foreach (var (status, minutes) in settings.RecycleMinutes.OrderBy(r => r.Key, StringComparer.Ordinal))
            json.WriteNumber(status, minutes);
        json.WriteEndObject();
        json.WriteString(CampaignDialingParameters.UnknownZoneAs, settings.UnknownZoneAs);
    }
}
