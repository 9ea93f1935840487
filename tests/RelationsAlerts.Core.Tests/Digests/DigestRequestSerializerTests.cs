using System.Text;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Tests.Digests;

public sealed class DigestRequestSerializerTests
{
    private static readonly DateTimeOffset Until = new(2026, 11, 21, 7, 0, 0, TimeSpan.FromHours(5));

    [Fact]
    public void TryDeserialize_ReturnsSameRequest_AfterSerialize()
    {
        // Arrange
        var request = DigestRequest.For("subscriber-42", Until);

        // Act
        var body = DigestRequestSerializer.Serialize(request);
        var ok = DigestRequestSerializer.TryDeserialize(body, out var parsed, out var reason);

        // Assert
        Assert.True(ok, reason);
        Assert.Equal("", reason);
        Assert.Equal(request, parsed);
        Assert.Equal(Until.Offset, parsed!.Until.Offset);
        Assert.True(body.Length <= DigestRequestSerializer.MaxMessageBytes);
    }

    [Fact]
    public void Serialize_WritesCamelCaseVersionedJson()
    {
        // Act
        var json = Encoding.UTF8.GetString(DigestRequestSerializer.Serialize(DigestRequest.For("s1", Until)));

        // Assert
        Assert.Contains("\"version\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"subscriberId\":\"s1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"digestId\":", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void TryDeserialize_Rejects_UnknownVersion(int version)
    {
        // Arrange
        var body = DigestRequestSerializer.Serialize(new DigestRequest(version, "d1", "s1", Until));

        // Act
        var ok = DigestRequestSerializer.TryDeserialize(body, out _, out var reason);

        // Assert
        Assert.False(ok);
        Assert.Contains("version", reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"version":1,"until":"2026-11-21T00:00:00+00:00"}""")]
    [InlineData("""{"version":1,"digestId":"d1","until":"2026-11-21T00:00:00+00:00"}""")]
    [InlineData("""{"version":1,"subscriberId":"s1","until":"2026-11-21T00:00:00+00:00"}""")]
    [InlineData("""{"version":1,"digestId":" ","subscriberId":"s1","until":"2026-11-21T00:00:00+00:00"}""")]
    [InlineData("""{"version":1,"digestId":"d1","subscriberId":"","until":"2026-11-21T00:00:00+00:00"}""")]
    [InlineData("""{"version":1,"digestId":null,"subscriberId":null}""")]
    public void TryDeserialize_Rejects_MissingIds(string json)
    {
        // Act
        var ok = DigestRequestSerializer.TryDeserialize(Encoding.UTF8.GetBytes(json), out _, out var reason);

        // Assert
        Assert.False(ok);
        Assert.Contains("id", reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("{")]
    [InlineData("[1,2,3]")]
    [InlineData("\"a string\"")]
    [InlineData("<xml/>")]
    [InlineData("""{"version":"one","digestId":"d1","subscriberId":"s1"}""")]
    [InlineData("""{"version":1,"digestId":"d1","subscriberId":"s1","until":"not a date"}""")]
    public void TryDeserialize_Rejects_NonJson(string body)
    {
        // Act
        var ok = DigestRequestSerializer.TryDeserialize(Encoding.UTF8.GetBytes(body), out var request, out var reason);

        // Assert
        Assert.False(ok);
        Assert.Null(request);
        Assert.Contains("JSON", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_Rejects_JsonNull()
    {
        // Act
        var ok = DigestRequestSerializer.TryDeserialize("null"u8, out var request, out var reason);

        // Assert
        Assert.False(ok);
        Assert.Null(request);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public void TryDeserialize_Rejects_InvalidUtf8()
    {
        // Arrange
        byte[] body = [.. "{\"version\":1,\"digestId\":\""u8, 0xC3, 0x28, .. "\",\"subscriberId\":\"s1\"}"u8];

        // Act
        var ok = DigestRequestSerializer.TryDeserialize(body, out _, out var reason);

        // Assert
        Assert.False(ok);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Theory]
    [InlineData(DigestRequestSerializer.MaxMessageBytes + 1)]
    [InlineData(64 * 1024)]
    [InlineData(1024 * 1024)]
    public void TryDeserialize_Rejects_OversizedMessage(int size)
    {
        // Arrange: a valid message padded with whitespace, so only the size is wrong.
        var body = Padded(DigestRequestSerializer.Serialize(DigestRequest.For("s1", Until)), size);

        // Act
        var ok = DigestRequestSerializer.TryDeserialize(body, out var request, out var reason);

        // Assert
        Assert.False(ok);
        Assert.Null(request);
        Assert.Contains(size.ToString(System.Globalization.CultureInfo.InvariantCulture), reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_Accepts_MessageOfExactlyMaxBytes()
    {
        // Arrange
        var body = Padded(DigestRequestSerializer.Serialize(DigestRequest.For("s1", Until)), DigestRequestSerializer.MaxMessageBytes);

        // Act
        var ok = DigestRequestSerializer.TryDeserialize(body, out var request, out var reason);

        // Assert
        Assert.True(ok, reason);
        Assert.Equal("s1", request!.SubscriberId);
    }

    [Fact]
    public void GroupJob_OfAThousandRecipients_RoundTrips_AndFitsAQueueMessage()
    {
        // Arrange: real ids have the shape of SubscriberIds ("s-" + 32 hex digits).
        var ids = Enumerable.Range(0, DigestRequest.MaxRecipients).Select(i => SubscriberIds.FromEmail($"reader{i}@example.com")).ToList();
        var request = DigestRequest.ForGroup("abc-0", ids, Until);

        // Act
        var body = DigestRequestSerializer.Serialize(request);
        var ok = DigestRequestSerializer.TryDeserialize(body, out var parsed, out var reason);

        // Assert: within our cap, and within the queue's 64 KiB once base64-encoded.
        Assert.True(ok, reason);
        Assert.Equal(2, parsed!.Version);
        Assert.Equal(ids, parsed.Recipients);
        Assert.Equal(request.DigestId, parsed.DigestId);
        Assert.True(body.Length <= DigestRequestSerializer.MaxMessageBytes, $"{body.Length} bytes");
        Assert.True(Convert.ToBase64String(body).Length <= 64 * 1024);
    }

    [Theory]
    [InlineData("""{"version":2,"digestId":"g1","until":"2026-11-21T00:00:00+00:00"}""", "lacks subscriber ids")]
    [InlineData("""{"version":2,"digestId":"g1","subscriberIds":[],"until":"2026-11-21T00:00:00+00:00"}""", "lacks subscriber ids")]
    [InlineData("""{"version":2,"digestId":"g1","subscriberIds":["a","a"],"until":"2026-11-21T00:00:00+00:00"}""", "twice")]
    [InlineData("""{"version":2,"digestId":"g1","subscriberIds":["a",""],"until":"2026-11-21T00:00:00+00:00"}""", "empty")]
    public void TryDeserialize_Rejects_MalformedGroupJobs(string json, string expected)
    {
        // Act
        var ok = DigestRequestSerializer.TryDeserialize(Encoding.UTF8.GetBytes(json), out _, out var reason);

        // Assert
        Assert.False(ok);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_Rejects_GroupJobOverTheRecipientLimit()
    {
        // Arrange
        var ids = string.Join(',', Enumerable.Range(0, DigestRequest.MaxRecipients + 1).Select(i => $"\"s{i}\""));
        var json = "{\"version\":2,\"digestId\":\"g1\",\"subscriberIds\":[" + ids + "],\"until\":\"2026-11-21T00:00:00+00:00\"}";

        // Act
        var ok = DigestRequestSerializer.TryDeserialize(Encoding.UTF8.GetBytes(json), out _, out var reason);

        // Assert
        Assert.False(ok);
        Assert.Contains("more than 1000", reason, StringComparison.Ordinal);
    }

    private static byte[] Padded(byte[] json, int size)
    {
        var body = new byte[size];
        Array.Fill(body, (byte)' ');
        json.CopyTo(body, 0);
        return body;
    }
}
