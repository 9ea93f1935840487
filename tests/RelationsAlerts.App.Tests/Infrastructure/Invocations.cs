using System.Text;
using System.Text.Json;

namespace RelationsAlerts.App.Tests.Infrastructure;

/// <summary>Request bodies shaped exactly like the Functions host's (see the custom-handler reference, §2.2).</summary>
public static class Invocations
{
    public static string Timer() =>
        """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-23T13:00:00.0096035+00:00","Next":"2026-11-23T13:15:00+00:00","LastUpdated":"2026-11-23T13:00:00+00:00"},"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"PollFeeds","UtcNow":"2026-11-23T13:15:00.01Z","RandGuid":"8c1e2a0b-2f1a-4b1e-9d55-7f4f2d7d2a11"}}}""";

    /// <summary><c>dataType: binary</c>: the message bytes as plain base64.</summary>
    public static string QueueBinary(byte[] message, int dequeueCount = 1) =>
        Queue(JsonSerializer.Serialize(Convert.ToBase64String(message)), dequeueCount);

    /// <summary>The default string binding: the message JSON-encoded a second time.</summary>
    public static string QueueDoubleEncoded(byte[] message, int dequeueCount = 1) =>
        Queue(JsonSerializer.Serialize(JsonSerializer.Serialize(Encoding.UTF8.GetString(message))), dequeueCount);

    private static string Queue(string data, int dequeueCount) =>
        "{\"Data\":{\"msg\":" + data + "},\"Metadata\":{\"DequeueCount\":\"" + dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"," +
        "\"ExpirationTime\":\"2026-11-30T13:00:00+00:00\",\"Id\":\"\\\"5f1c1f2e-8a1b-4b0e-bc1f-0d0a1f3e2b4c\\\"\"," +
        "\"InsertionTime\":\"2026-11-23T13:00:00+00:00\",\"NextVisibleTime\":\"2026-11-23T13:10:00+00:00\",\"PopReceipt\":\"\\\"AgAAAAMAAAAAAAAA\\\"\"," +
        "\"sys\":{\"MethodName\":\"SendDigest\",\"UtcNow\":\"2026-11-23T13:00:01Z\",\"RandGuid\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}}}";

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
