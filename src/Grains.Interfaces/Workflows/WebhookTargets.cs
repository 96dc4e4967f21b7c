using System.Net;
using System.Net.Sockets;

namespace Leadline.Grains.Workflows;

/// <summary>
/// Addresses a tenant's webhook must not reach: whoever can create a rule would otherwise make the silos
/// call the database, the silos' own ports, the cloud metadata service or anything else on the private
/// network. Checked on the URL when a rule is saved and on every address the host name resolves to when a
/// delivery connects (a public name can resolve to a private address). <see cref="AllowInternalConfigKey"/>
/// turns the check off for a single-machine or test setup.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Read by the API host when a rule is saved and by the silos (WorkflowOptions) when they connect.</summary>
    public const string AllowInternalConfigKey = "Leadline:Workflows:AllowInternalTargets";

    private static readonly (IPAddress Network, int PrefixLength)[] InternalV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this network"
        (IPAddress.Parse("10.0.0.0"), 8),       // private
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local, cloud metadata
        (IPAddress.Parse("172.16.0.0"), 12),    // private
        (IPAddress.Parse("192.0.0.0"), 24),     // IETF protocol assignments
        (IPAddress.Parse("192.168.0.0"), 16),   // private
        (IPAddress.Parse("198.18.0.0"), 15),    // benchmarking
        (IPAddress.Parse("224.0.0.0"), 4),      // multicast
        (IPAddress.Parse("240.0.0.0"), 4),      // reserved, broadcast
    ];

    private static readonly (IPAddress Network, int PrefixLength)[] InternalV6 =
    [
        (IPAddress.Parse("fc00::"), 7),         // unique local
        (IPAddress.Parse("fe80::"), 10),        // link-local
        (IPAddress.Parse("ff00::"), 8),         // multicast
    ];

    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return InternalV4.Any(range => InRange(address, range.Network, range.PrefixLength));
        return IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address)
            || InternalV6.Any(range => InRange(address, range.Network, range.PrefixLength));
    }

    /// <summary>A URL host that is internal without asking DNS: an internal IP literal, or localhost.</summary>
    public static bool IsInternalHost(string host)
    {
        var bare = host.Trim('[', ']').TrimEnd('.');
        if (bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(bare, out var address) && IsInternal(address);
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefixLength)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        if (a.Length != n.Length)
            return false;
        var fullBytes = prefixLength / 8;
        for (var i = 0; i < fullBytes; i++)
            if (a[i] != n[i])
                return false;
        var remainingBits = prefixLength % 8;
        if (remainingBits == 0)
            return true;
        var mask = (byte)(0xFF << (8 - remainingBits));
        return (a[fullBytes] & mask) == (n[fullBytes] & mask);
    }
}
