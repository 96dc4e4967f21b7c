using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Leadline.IntegrationTests.Infrastructure;

/// <summary>One request the receiver got.</summary>
public sealed record ReceivedWebhook(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredWith)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
    public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";
}

/// <summary>
/// A real HTTP server on a loopback port standing in for a customer's webhook endpoint. It records every
/// request and answers 200, or 503 while told to fail.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication _app = null!;
    private int _failNext;
    private volatile bool _down;
    private volatile TaskCompletionSource? _stall;

    public string BaseUrl { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        receiver._app = builder.Build();
        receiver._app.Run(receiver.HandleAsync);
        await receiver._app.StartAsync();
        receiver.BaseUrl = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public string Url(string path = "/hook") => BaseUrl + path;

    public IReadOnlyList<ReceivedWebhook> All => [.. _received];

    public IReadOnlyList<ReceivedWebhook> Accepted => [.. _received.Where(r => r.AnsweredWith == 200)];

    /// <summary>The next <paramref name="count"/> requests get 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>Every request gets 503 while down.</summary>
    public void SetDown(bool down) => _down = down;

    /// <summary>Holds every request unanswered until <see cref="Release"/> (or until the sender gives up).</summary>
    public void Stall() => _stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref _stall, null)?.TrySetResult();

    public async Task WaitForAcceptedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Accepted.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.True(Accepted.Count >= count, $"the receiver accepted {Accepted.Count} of {count} webhooks in time");
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (_stall is { } stall)
        {
            try
            {
                await stall.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the sender went away: nothing was accepted
            }
        }
        var status = _down || Interlocked.Decrement(ref _failNext) >= 0 ? 503 : 200;
        _received.Enqueue(new ReceivedWebhook(context.Request.Method, context.Request.Path,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray(), status));
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
