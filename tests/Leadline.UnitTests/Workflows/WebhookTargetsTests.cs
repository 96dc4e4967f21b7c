using System.Net;
using Leadline.Grains.Workflows;

namespace Leadline.UnitTests.Workflows;

public class WebhookTargetsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.5")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.251")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped loopback
    [InlineData("::ffff:10.0.0.1")]
    public void Internal_addresses_are_recognised(string address)
    {
        Assert.True(WebhookTargets.IsInternal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]   // just past 172.16.0.0/12
    [InlineData("100.128.0.1")]  // just past 100.64.0.0/10
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_not(string address)
    {
        Assert.False(WebhookTargets.IsInternal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST.", true)]
    [InlineData("crm.localhost", true)]
    [InlineData("[::1]", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("hooks.example.com", false)]
    [InlineData("localhost.example.com", false)]
    [InlineData("8.8.8.8", false)]
    public void A_host_is_internal_when_it_is_localhost_or_an_internal_address(string host, bool expected)
    {
        Assert.Equal(expected, WebhookTargets.IsInternalHost(host));
    }
}
