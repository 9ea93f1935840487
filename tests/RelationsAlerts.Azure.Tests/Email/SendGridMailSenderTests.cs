using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Email;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Server;
using WmResponse = WireMock.ResponseBuilders.Response;

namespace RelationsAlerts.Azure.Tests.Email;

/// <summary>The official SendGrid client against a WireMock.Net stub of <c>POST /v3/mail/send</c>.</summary>
public sealed class SendGridMailSenderTests
{
    [Fact]
    public async Task SendAsync_ReturnsReceiptWithMessageId_WhenSendGridAccepts()
    {
        // Arrange
        using var server = StartAccepting("msg-" + Guid.NewGuid().ToString("N"), out var messageId);
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);

        // Act
        var receipt = await sender.SendAsync(NewMail(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(new MailReceipt("sendgrid", messageId), receipt);
        Assert.Single(server.LogEntries);
    }

    [Fact]
    public async Task SendAsync_SendsBearerApiKey_InAuthorizationHeader()
    {
        // Arrange
        using var server = StartAccepting("id-1", out _);
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);

        // Act
        await sender.SendAsync(NewMail(), TestContext.Current.CancellationToken);

        // Assert
        var request = Assert.Single(server.LogEntries).RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal(["Bearer SG.test"], Header(request, "Authorization"));
    }

    [Fact]
    public async Task SendAsync_PostsTextContentBeforeHtml_InContentArray()
    {
        // Arrange
        using var server = StartAccepting("id-2", out _);
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);
        var mail = NewMail();

        // Act
        await sender.SendAsync(mail, TestContext.Current.CancellationToken);

        // Assert
        using var body = SentBody(server);
        var content = body.RootElement.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(2, content.Count);
        Assert.Equal("text/plain", content[0].GetProperty("type").GetString());
        Assert.Equal(mail.Text, content[0].GetProperty("value").GetString());
        Assert.Equal("text/html", content[1].GetProperty("type").GetString());
        Assert.Equal(mail.Html, content[1].GetProperty("value").GetString());
    }

    [Fact]
    public async Task SendAsync_PostsSubjectSenderRecipientCategoriesAndDigestId_FromMail()
    {
        // Arrange
        using var server = StartAccepting("id-3", out _);
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);
        var mail = NewMail();

        // Act
        await sender.SendAsync(mail, TestContext.Current.CancellationToken);

        // Assert
        using var body = SentBody(server);
        var root = body.RootElement;
        Assert.Equal(mail.Subject, root.GetProperty("subject").GetString());
        Assert.Equal("digest@example.org", root.GetProperty("from").GetProperty("email").GetString());
        var personalization = Assert.Single(root.GetProperty("personalizations").EnumerateArray().ToList());
        var to = Assert.Single(personalization.GetProperty("to").EnumerateArray().ToList());
        Assert.Equal(mail.To, to.GetProperty("email").GetString());
        Assert.Equal(mail.Categories, root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(mail.IdempotencyKey, CustomArg(root, personalization, "digest_id"));
    }

    [Fact]
    public async Task SendAsync_DisablesSubscriptionClickAndOpenTracking_InTrackingSettings()
    {
        // Arrange
        using var server = StartAccepting("id-4", out _);
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);

        // Act
        await sender.SendAsync(NewMail(), TestContext.Current.CancellationToken);

        // Assert
        using var body = SentBody(server);
        var tracking = body.RootElement.GetProperty("tracking_settings");
        Assert.False(tracking.GetProperty("subscription_tracking").GetProperty("enable").GetBoolean());
        Assert.False(tracking.GetProperty("click_tracking").GetProperty("enable").GetBoolean());
        Assert.False(tracking.GetProperty("open_tracking").GetProperty("enable").GetBoolean());
    }

    [Fact]
    public async Task SendAsync_PostsCustomHeaders_WhenMailHasHeaders()
    {
        // Arrange
        using var server = StartAccepting("id-5", out _);
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);
        var mail = NewMail() with
        {
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://alerts.example.org/unsubscribe?t=abc>, <mailto:unsubscribe@example.org?subject=abc>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };

        // Act
        await sender.SendAsync(mail, TestContext.Current.CancellationToken);

        // Assert
        using var body = SentBody(server);
        var root = body.RootElement;
        var personalization = root.GetProperty("personalizations")[0];
        foreach (var (name, value) in mail.Headers)
        {
            Assert.Equal(value, MailHeader(root, personalization, name));
        }
    }

    [Fact]
    public async Task SendAsync_PostsNoCustomHeaders_WhenMailHasNone()
    {
        // Arrange
        using var server = StartAccepting("id-6", out _);
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);

        // Act
        await sender.SendAsync(NewMail(), TestContext.Current.CancellationToken);

        // Assert
        using var body = SentBody(server);
        var root = body.RootElement;
        Assert.Null(MailHeader(root, root.GetProperty("personalizations")[0], "List-Unsubscribe"));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(413, false)]
    public async Task SendAsync_ThrowsMailSendExceptionWithExpectedTransience_WhenSendGridRefuses(int status, bool transient)
    {
        // Arrange
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(WmResponse.Create()
                .WithStatusCode(status)
                .WithHeader("Content-Type", "application/json")
                .WithBody("""{"errors":[{"message":"refused","field":null,"help":null}]}"""));
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);

        // Act
        var exception = await Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(NewMail(), TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(transient, exception.IsTransient);
        Assert.Contains($"{status}", exception.Message, StringComparison.Ordinal);
        Assert.Single(server.LogEntries);
    }

    [Fact]
    public async Task SendAsync_ThrowsTransient_WhenConnectionRefused()
    {
        // Arrange
        using var http = new HttpClient();
        var sender = NewSender(http, $"http://127.0.0.1:{ClosedLoopbackPort()}");

        // Act
        var exception = await Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(NewMail(), TestContext.Current.CancellationToken));

        // Assert
        Assert.True(exception.IsTransient);
        Assert.IsType<HttpRequestException>(exception.InnerException);
    }

    [Fact]
    public async Task SendAsync_ThrowsTransient_WhenHttpClientTimesOut()
    {
        // Arrange
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(WmResponse.Create().WithStatusCode(202).WithDelay(TimeSpan.FromSeconds(5)));
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var sender = NewSender(http, server.Url!);

        // Act
        var exception = await Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(NewMail(), TestContext.Current.CancellationToken));

        // Assert
        Assert.True(exception.IsTransient);
        Assert.IsType<TaskCanceledException>(exception.InnerException);
    }

    [Fact]
    public async Task SendAsync_ThrowsOperationCanceled_WhenCallerCancels()
    {
        // Arrange
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(WmResponse.Create().WithStatusCode(202).WithDelay(TimeSpan.FromSeconds(5)));
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(300));

        // Act
        var exception = await Record.ExceptionAsync(() => sender.SendAsync(NewMail(), cts.Token));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(exception);
    }

    [Fact]
    public async Task SendBulkAsync_SendsOneRequest_WithAPersonalizationPerRecipient()
    {
        // Arrange
        using var server = StartAccepting("msg-bulk", out _);
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);
        var recipients = Enumerable.Range(0, 3).Select(i => new MailRecipient(
            $"reader{i}@example.org",
            $"s-{i}-638765000000000000",
            $"s-{i}",
            new Dictionary<string, string> { ["-ra-unsubscribe-n1-"] = $"https://alerts.example/api/u/token{i}" },
            new Dictionary<string, string> { ["List-Unsubscribe"] = $"<https://alerts.example/api/u/token{i}>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" })).ToList();
        var mail = new BulkMail
        {
            Subject = "Pakistan–Belarus: 2 new stories (Trade)",
            Html = "<p>Trade</p><a href=\"-ra-unsubscribe-n1-\">Unsubscribe</a>",
            Text = "Trade\nUnsubscribe: -ra-unsubscribe-n1-",
            BatchId = "g-abc-0-638765000000000000",
            Recipients = recipients,
            Categories = ["digest", "sector-trade"],
        };

        // Act
        var receipt = await sender.SendBulkAsync(mail, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("sendgrid", receipt.Transport);
        using var body = SentBody(server);
        var root = body.RootElement;
        var personalizations = root.GetProperty("personalizations").EnumerateArray().ToList();
        Assert.Equal(3, personalizations.Count);
        for (var i = 0; i < 3; i++)
        {
            var p = personalizations[i];
            Assert.Equal($"reader{i}@example.org", Assert.Single(p.GetProperty("to").EnumerateArray()).GetProperty("email").GetString());
            Assert.Equal($"https://alerts.example/api/u/token{i}", Lookup(p, "substitutions", "-ra-unsubscribe-n1-"));
            Assert.Equal($"<https://alerts.example/api/u/token{i}>", MailHeader(root, p, "List-Unsubscribe"));
            Assert.Equal($"s-{i}-638765000000000000", CustomArg(root, p, "digest_id"));
            Assert.Equal($"s-{i}", CustomArg(root, p, "subscriber_id"));
        }

        Assert.Equal("Pakistan–Belarus: 2 new stories (Trade)", root.GetProperty("subject").GetString());
        Assert.Equal("g-abc-0-638765000000000000", Lookup(root, "custom_args", "batch_id"));
        Assert.Equal(["text/plain", "text/html"], root.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        Assert.False(root.GetProperty("tracking_settings").GetProperty("subscription_tracking").GetProperty("enable").GetBoolean());
    }

    [Fact]
    public async Task SendBulkAsync_RefusesMoreRecipientsThanOneRequestTakes()
    {
        // Arrange
        using var server = StartAccepting("msg-too-many", out _);
        using var http = new HttpClient();
        var sender = NewSender(http, server.Url!);
        var empty = new Dictionary<string, string>();
        var mail = new BulkMail
        {
            Subject = "s",
            Html = "<p>h</p>",
            Text = "t",
            BatchId = "b",
            Recipients = [.. Enumerable.Range(0, DigestRequest.MaxRecipients + 1).Select(i => new MailRecipient($"r{i}@example.org", $"k{i}", $"s{i}", empty, empty))],
        };

        // Act + Assert: nothing reaches SendGrid, which would answer 400 for the whole request.
        await Assert.ThrowsAsync<ArgumentException>(() => sender.SendBulkAsync(mail, TestContext.Current.CancellationToken));
        Assert.Empty(server.LogEntries);
    }

    private static WireMockServer StartAccepting(string id, out string messageId)
    {
        var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(WmResponse.Create().WithStatusCode(202).WithHeader("X-Message-Id", id));
        messageId = id;
        return server;
    }

    private static SendGridMailSender NewSender(HttpClient http, string host) =>
        new(http, Options.Create(new SendGridOptions { ApiKey = "SG.test", Host = host, FromEmail = "digest@example.org", MaxAttempts = 1 }), TimeProvider.System);

    private static OutgoingMail NewMail()
    {
        var digestId = "s-" + Guid.NewGuid().ToString("N") + "-638765000000000000";
        return new OutgoingMail
        {
            To = $"reader-{Guid.NewGuid():N}@example.org",
            Subject = "Pakistan–Belarus digest: 3 new items (تجارت, торговля)",
            Html = "<html><body><h1>Digest</h1><p>Trade talks in Minsk</p></body></html>",
            Text = "Digest\n\nTrade talks in Minsk",
            IdempotencyKey = digestId,
            Categories = ["digest", "sector-trade"],
        };
    }

    private static JsonDocument SentBody(WireMockServer server) =>
        JsonDocument.Parse(Assert.Single(server.LogEntries).RequestMessage.Body!);

    private static List<string> Header(IRequestMessage request, string name) =>
        [.. request.Headers!.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value)];

    /// <summary>A custom arg may sit on the message or on the (only) personalization; SendGrid merges both.</summary>
    private static string? CustomArg(JsonElement root, JsonElement personalization, string name) =>
        Lookup(personalization, "custom_args", name) ?? Lookup(root, "custom_args", name);

    /// <summary>A header may sit on the message or on the (only) personalization; SendGrid merges both.</summary>
    private static string? MailHeader(JsonElement root, JsonElement personalization, string name) =>
        Lookup(personalization, "headers", name) ?? Lookup(root, "headers", name);

    private static string? Lookup(JsonElement element, string property, string name) =>
        element.TryGetProperty(property, out var map) && map.ValueKind == JsonValueKind.Object && map.TryGetProperty(name, out var value)
            ? value.GetString()
            : null;

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
