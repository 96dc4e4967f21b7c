using System.Net;
using System.Net.Sockets;

namespace Leadline.Grains.Workflows.Actions;

/// <summary>
/// Opens webhook connections only to addresses <see cref="WebhookTargets"/> allows: the host name is
/// resolved here and the connection goes to one of the addresses just checked, so a name that resolves
/// to an internal address (or changes to one after the rule was saved) is refused at connect time.
/// </summary>
public static class WebhookConnector
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> For(WorkflowOptions options) =>
        (context, cancel) => ConnectAsync(context.DnsEndPoint, options.AllowInternalTargets, cancel);

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowInternal, CancellationToken cancel)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancel);
        var allowed = allowInternal ? addresses : addresses.Where(a => !WebhookTargets.IsInternal(a)).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException(
                $"{endPoint.Host} resolves only to internal addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}); webhooks may not reach them");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancel);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
