using System.Globalization;
using System.Net.Http.Headers;

namespace Leadline.Grains.Workflows.Actions;

/// <summary>
/// POSTs (or PUTs) the event with the lead to the rule's URL, signed (see <see cref="WebhookSignature"/>).
/// Any 2xx is delivered; anything else fails the attempt after the in-process retries, and the
/// delivery is tried again on the persisted schedule. Receivers dedupe on X-Leadline-Delivery-Id:
/// delivery is at least once.
/// </summary>
public sealed class WebhookActionHandler(IHttpClientFactory clients, TimeProvider clock) : IWorkflowActionHandler
{
    public const string ClientName = "leadline-webhooks";

    public string Type => WorkflowActionTypes.Webhook;

    public async Task<ActionResult> RunAsync(DeliveryWork work, WorkflowAction action, CancellationToken ct)
    {
        var body = WebhookPayload.Build(work, action.BodyFormat ?? WebhookBodyFormats.Json);
        using var request = new HttpRequestMessage(new HttpMethod(action.Method ?? "POST"), action.Url);
        request.Content = new ByteArrayContent(body.Bytes);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
        request.Headers.Add("X-Leadline-Event", work.Event.Type);
        request.Headers.Add("X-Leadline-Event-Id", work.Event.EventId.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Leadline-Delivery-Id", work.Claim.DeliveryId.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(action.Secret))
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(action.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), body.Bytes));

        var tries = WebhookTryRecorder.Collect();
        var startedAt = clock.GetUtcNow();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
            return new ActionResult(response.IsSuccessStatusCode ? ActionOutcome.Ok : ActionOutcome.Failed, Tries(tries, startedAt, null));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new ActionResult(ActionOutcome.Failed, Tries(tries, startedAt, WebhookTryRecorder.Describe(ex)));
        }
    }

    /// <summary>The recorded tries; a failure before any try (e.g. the resilience timeout) gets one of its own.</summary>
    private List<ActionTry> Tries(List<ActionTry> recorded, DateTimeOffset startedAt, string? error)
    {
        if (recorded.Count == 0 || (error is not null && recorded[^1].Outcome == ActionOutcome.Ok))
            recorded.Add(new ActionTry(startedAt, clock.GetUtcNow() - startedAt, null, ActionOutcome.Failed, error ?? "not sent"));
        return recorded;
    }
}
