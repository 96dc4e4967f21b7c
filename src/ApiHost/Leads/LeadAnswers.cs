using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;

namespace Leadline.ApiHost.Leads;

/// <summary>
/// The answer of an endpoint that stored one lead, as Convoso's Insert Lead answers it:
/// <c>{"success":true,"data":{"lead_id":"123"},"id":"123"}</c> — the id a string, and again at the top for Zapier.
/// </summary>
public static class LeadAnswers
{
    public static ApiResult Saved(long leadId, bool updated = false) => ApiResult.Data(
        data =>
        {
            data.WriteString("lead_id", ApiResponses.Id(leadId));
            if (updated)
                data.WriteBoolean("updated", true);
        },
        after => after.WriteString("id", ApiResponses.Id(leadId))).Labeled(updated ? "updated" : "inserted");
}
