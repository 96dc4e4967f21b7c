using System.Diagnostics;

namespace Leadline.Grains.Workflows.Actions;

/// <summary>
/// Sits below the resilience handler, so it sees every try Polly makes (its retries included) and
/// records each for the per-attempt log. The list flows with the call through an AsyncLocal.
/// </summary>
public sealed class WebhookTryRecorder(TimeProvider clock) : DelegatingHandler
{
    private static readonly AsyncLocal<List<ActionTry>?> Current = new();

    /// <summary>Starts collecting the tries of the requests sent on this async flow.</summary>
    public static List<ActionTry> Collect() => Current.Value = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, ct);
            var ok = response.IsSuccessStatusCode;
            Current.Value?.Add(new ActionTry(startedAt, watch.Elapsed, (int)response.StatusCode,
                ok ? ActionOutcome.Ok : ActionOutcome.Failed, ok ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"));
            return response;
        }
        catch (Exception ex)
        {
            Current.Value?.Add(new ActionTry(startedAt, watch.Elapsed, null, ActionOutcome.Failed, Describe(ex)));
            throw;
        }
    }

    /// <summary>The cause without the stack, and without the request (whose URL may carry credentials).</summary>
    public static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => "timed out",
        HttpRequestException { InnerException: { } inner } http => $"{http.HttpRequestError}: {inner.Message}",
        HttpRequestException http => $"{http.HttpRequestError}: {http.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
