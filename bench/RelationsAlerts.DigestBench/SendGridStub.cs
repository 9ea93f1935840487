using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RelationsAlerts.DigestBench;

/// <summary>
/// A loopback stand-in for <c>POST /v3/mail/send</c>: checks each request the way SendGrid would reject it (1–1,000
/// personalizations, no address twice), answers 202, and counts requests, recipients and repeated digests.
/// <c>GET /stats</c> returns the counters.
/// </summary>
internal static class SendGridStub
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 30 * 1024 * 1024);
        var app = builder.Build();
        var stats = new Stats();
        app.MapPost("/v3/mail/send", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var personalizations = body.RootElement.GetProperty("personalizations");
            var count = personalizations.GetArrayLength();
            var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var personalization in personalizations.EnumerateArray())
            {
                foreach (var to in personalization.GetProperty("to").EnumerateArray())
                {
                    addresses.Add(to.GetProperty("email").GetString()!);
                }

                var digestId = personalization.GetProperty("custom_args").GetProperty("digest_id").GetString()!;
                if (!stats.Digests.TryAdd(digestId, 0))
                {
                    Interlocked.Increment(ref stats.Repeated);
                }
            }

            if (count is 0 or > 1000 || addresses.Count != count)
            {
                Interlocked.Increment(ref stats.Rejected);
                return Results.BadRequest();
            }

            Interlocked.Increment(ref stats.Requests);
            Interlocked.Add(ref stats.Recipients, count);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        app.MapGet("/stats", () => Results.Text(
            FormattableString.Invariant($"requests {stats.Requests} recipients {stats.Recipients} repeated {stats.Repeated} rejected {stats.Rejected}")));
        await app.RunAsync();
        return 0;
    }

    private sealed class Stats
    {
        public readonly ConcurrentDictionary<string, byte> Digests = new(StringComparer.Ordinal);
        public long Requests;
        public long Recipients;
        public long Repeated;
        public long Rejected;
    }
}
