using System.Net;
using System.Net.Sockets;
using Leadline.Grains.Workflows.Actions;

namespace Leadline.UnitTests.Workflows;

/// <summary>The connect-time check, against a listener on this machine (an internal address).</summary>
public sealed class WebhookConnectorTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public WebhookConnectorTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_before_any_connection()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await WebhookConnector.ConnectAsync(new DnsEndPoint("localhost", Port), allowInternal: false, CancellationToken.None));

        Assert.Contains("resolves only to internal addresses", refused.Message);
        Assert.False(_listener.Pending());
    }

    [Fact]
    public async Task With_internal_targets_allowed_it_connects()
    {
        await using var stream = await WebhookConnector.ConnectAsync(new DnsEndPoint("localhost", Port), allowInternal: true, CancellationToken.None);
        using var accepted = await _listener.AcceptSocketAsync();

        Assert.True(accepted.Connected);
    }

    public void Dispose() => _listener.Stop();
}
