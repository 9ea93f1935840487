using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Server;
using WmResponse = WireMock.ResponseBuilders.Response;

namespace RelationsAlerts.App.Tests.Infrastructure;

/// <summary>What the stub answers to one call: a status after a delay, optionally with Retry-After.</summary>
public sealed record StubAnswer(int Status, TimeSpan Delay = default, string? RetryAfter = null);

/// <summary>One call the stub answered: its number, when it arrived and was answered (since the stub started), the answer, and the recipients it named.</summary>
public sealed record StubCall(int Number, TimeSpan ArrivedAt, TimeSpan AnsweredAt, StubAnswer Answer, IReadOnlyList<string> Recipients)
{
    public bool Accepted => Answer.Status is >= 200 and < 300;

    /// <summary>The recipients as one key, to follow the retries of one request.</summary>
    public string RecipientKey => string.Join(",", Recipients.Order(StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// SendGrid's <c>POST /v3/mail/send</c> on WireMock.Net, answering the n-th call as a script says. Every call is recorded
/// with the recipients of its JSON body (<c>personalizations[].to[].email</c>), also calls whose client gave up waiting:
/// SendGrid keeps a request it accepted whether or not the answer reached us.
/// </summary>
public sealed class SendGridStub : IDisposable
{
    private readonly WireMockServer server = WireMockServer.Start();
    private readonly ConcurrentQueue<StubCall> calls = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int arrived;
    private int inFlight;

    public SendGridStub(Func<int, StubAnswer> script)
    {
        ArgumentNullException.ThrowIfNull(script);
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(WmResponse.Create().WithCallback(async request =>
        {
            var arrivedAt = clock.Elapsed;
            var number = Interlocked.Increment(ref arrived);
            Interlocked.Increment(ref inFlight);
            try
            {
                var answer = script(number);
                if (answer.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(answer.Delay);
                }

                calls.Enqueue(new StubCall(number, arrivedAt, clock.Elapsed, answer, Recipients(request.Body)));
                var response = new ResponseMessage { StatusCode = answer.Status };
                if (answer.Status is >= 200 and < 300)
                {
                    response.AddHeader("X-Message-Id", $"stub-{number}");
                }

                if (answer.RetryAfter is not null)
                {
                    response.AddHeader("Retry-After", answer.RetryAfter);
                }

                return (IResponseMessage)response;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }));
    }

    public string Url => server.Url!;

    public int Port => server.Port;

    /// <summary>Calls that reached the stub so far (answered or not yet).</summary>
    public int Attempts => Volatile.Read(ref arrived);

    /// <summary>Answered calls in the order they arrived.</summary>
    public IReadOnlyList<StubCall> Calls => [.. calls.OrderBy(c => c.Number)];

    /// <summary>How many times each address was in a request the stub accepted (2xx).</summary>
    public IReadOnlyDictionary<string, int> AcceptedPerRecipient() =>
        calls.Where(c => c.Accepted).SelectMany(c => c.Recipients).GroupBy(e => e, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits until no call is being answered (delayed answers finish after their client gave up).</summary>
    public async Task WaitIdleAsync(TimeSpan max, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref inFlight) > 0 && deadline.Elapsed < max)
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    public void Dispose()
    {
        server.Stop();
        server.Dispose();
    }

    private static List<string> Recipients(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("personalizations", out var personalizations)
            ? [.. personalizations.EnumerateArray()
                .SelectMany(p => p.TryGetProperty("to", out var to) ? to.EnumerateArray().ToList() : [])
                .Select(to => to.GetProperty("email").GetString()!)]
            : [];
    }
}
