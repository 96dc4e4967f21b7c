using Leadline.ApiHost.Admin.Campaigns;
using Leadline.ApiHost.Dashboard.Auth;
using Leadline.Grains.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using P = Leadline.ApiHost.Admin.Campaigns.CampaignDialingParameters;

namespace Leadline.ApiHost.Dashboard.Pages;

/// <summary>
/// A campaign's dial settings, shown and changed through its <see cref="ICampaignGrain"/> with the admin API's
/// parameter names and <see cref="CampaignDialSettingsRules"/> (what /v1/campaigns/dialing/update accepts, the page
/// accepts). The calling window is one field per day; a refused value stays in its field with the reason beside it,
/// and nothing is saved. Another account's campaign is "not found".
/// </summary>
public sealed class CampaignDialingModel(CampaignStore campaigns, IGrainFactory grains) : PageModel
{
    /// <summary>The per-day fields, Monday first as the page lists them: <c>window_mon</c> … <c>window_sun</c>.</summary>
    public static readonly IReadOnlyList<(int Day, string Field, string Label)> Days =
        [.. new[] { 1, 2, 3, 4, 5, 6, 0 }.Select(d => (d, "window_" + CallingWindowText.DayNames[d], ((DayOfWeek)d).ToString()))];

    /// <summary>Zones offered beside the free field (any IANA zone is accepted).</summary>
    public static readonly IReadOnlyList<string> SuggestedZones =
        ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"];

    public long CampaignId { get; private set; }
    public CampaignRow? Campaign { get; private set; }
    public CampaignDialSettings? Settings { get; private set; }

    /// <summary>What each field shows: the stored settings, or what was posted when it was refused.</summary>
    public Dictionary<string, string> Fields { get; private set; } = [];

    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    private string? _errorField;

    /// <summary>The refusal to show beside <paramref name="field"/>, if it is the refused one.</summary>
    public string? ErrorFor(string field) => _errorField == field ? Error : null;

    /// <summary>"true" on the refused field (aria-invalid), null elsewhere (the attribute is left out).</summary>
    public string? Invalid(string field) => _errorField == field ? "true" : null;

    public string Field(string name) => Fields.GetValueOrDefault(name, "");

    public async Task<IActionResult> OnGetAsync(long campaignId)
    {
        if (!await LoadAsync(campaignId))
            return NotFoundPage();
        Fields = FieldsOf(Settings!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long campaignId)
    {
        if (!await LoadAsync(campaignId))
            return NotFoundPage();
        Fields = Request.Form.Where(f => P.All.Contains(f.Key) || Days.Any(d => d.Field == f.Key))
            .ToDictionary(f => f.Key, f => f.Value.ToString().Trim(), StringComparer.Ordinal);

        if (!TryRead(out var input))
            return Page();
        if (!CampaignDialSettingsRules.TryApply(Settings!, input, out var updated, out var problem))
        {
            Fail(P.NameOf(problem!.Setting), CampaignDialingErrors.For(problem).Text);
            return Page();
        }
        Settings = await grains.GetGrain<ICampaignGrain>(campaignId).UpdateDialSettingsAsync(updated) ?? Settings;
        Fields = FieldsOf(Settings!);
        Notice = $"Dial settings of campaign {campaignId} saved.";
        return Page();
    }

    /// <summary>
    /// The form as the update's parameters: every field is sent (a blank optional one means none), and the seven day
    /// fields become one calling_window text after each is checked on its own, so a refusal names its day.
    /// </summary>
    private bool TryRead(out DialSettingsInput input)
    {
        var parts = new List<string>();
        foreach (var (day, field, label) in Days)
        {
            if (Field(field) is not { Length: > 0 } text)
                return Fail(field, $"{label}: a window (HH:MM-HH:MM) or “closed” is required", out input);
            if (!CallingWindowText.TryWindow(text, out _, out var why))
                return Fail(field, $"{label}: {why}", out input);
            parts.Add($"{CallingWindowText.DayNames[day]} {text}");
        }
        input = new DialSettingsInput(Field(P.HopperLevel), Field(P.LeadOrder), Field(P.DialableStatuses), string.Join("; ", parts),
            Field(P.MaxAttempts), Field(P.Recycle), Field(P.UnknownZoneAs));
        return true;
    }

    private static Dictionary<string, string> FieldsOf(CampaignDialSettings settings)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [P.HopperLevel] = settings.HopperLevel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [P.LeadOrder] = CampaignDialSettingsRules.Word(settings.LeadOrder),
            [P.DialableStatuses] = string.Join(",", settings.DialableStatuses),
            [P.MaxAttempts] = settings.MaxAttemptsPer24h?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            [P.Recycle] = CampaignDialSettingsRules.FormatRecycle(settings.RecycleMinutes),
            [P.UnknownZoneAs] = settings.UnknownZoneAs ?? "",
        };
        foreach (var (day, field, _) in Days)
            fields[field] = CallingWindowText.FormatWindow(settings.CallingWindow[day]);
        return fields;
    }

    /// <summary>The page with its "no such campaign" card, status 404: another account's campaign is answered like an unknown one.</summary>
    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(long campaignId)
    {
        CampaignId = campaignId;
        Campaign = await campaigns.FindAsync(User.AccountId(), campaignId);
        Settings = Campaign is null ? null : await grains.GetGrain<ICampaignGrain>(campaignId).GetDialSettingsAsync();
        return Settings is not null;
    }

    private bool Fail(string field, string text, out DialSettingsInput input)
    {
        input = new DialSettingsInput();
        Fail(field, text);
        return false;
    }

    private void Fail(string field, string text)
    {
        _errorField = field;
        Error = text;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
