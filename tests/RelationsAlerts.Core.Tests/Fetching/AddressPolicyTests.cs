using System.Net;
using RelationsAlerts.Core.Fetching;

namespace RelationsAlerts.Core.Tests.Fetching;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("127.255.255.254", false, false)]
    [InlineData("::1", false, false)]
    [InlineData("::1", true, true)]
    [InlineData("::ffff:127.0.0.1", false, false)]
    [InlineData("::ffff:127.0.0.1", true, true)]
    public void IsAllowed_AllowsLoopback_OnlyWhenAllowLoopback(string address, bool allowLoopback, bool expected)
    {
        // Arrange
        var ip = IPAddress.Parse(address);

        // Act
        var allowed = AddressPolicy.IsAllowed(ip, allowLoopback);

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("198.18.0.1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fe80::1%2")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("ff02::1")]
    [InlineData("ff05::2")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.0.1")]
    public void IsAllowed_RefusesNonPublicAddress_EvenWithAllowLoopback(string address)
    {
        // Arrange
        var ip = IPAddress.Parse(address);

        // Act
        var strict = AddressPolicy.IsAllowed(ip, allowLoopback: false);
        var relaxed = AddressPolicy.IsAllowed(ip, allowLoopback: true);

        // Assert
        Assert.False(strict, $"{address} allowed without allowLoopback");
        Assert.False(relaxed, $"{address} allowed with allowLoopback");
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsAllowed_AllowsPublicAddress(string address)
    {
        // Arrange
        var ip = IPAddress.Parse(address);

        // Act
        var allowed = AddressPolicy.IsAllowed(ip, allowLoopback: false);

        // Assert
        Assert.True(allowed);
    }

    [Fact]
    public void IsAllowed_Throws_WhenAddressNull()
    {
        // Act
        var error = Record.Exception(() => AddressPolicy.IsAllowed(null!, allowLoopback: false));

        // Assert
        Assert.IsType<ArgumentNullException>(error);
    }
}
