using System.Net;
using System.Security.Cryptography;
using System.Text;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Subscribers;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Tests.Subscribers;

/// <summary>The Event Webhook: ECDSA-signed by SendGrid; bounces and complaints suppress the address for good.</summary>
public sealed class SendGridWebhookTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private AppHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await AppHost.StartAsync(azurite.ConnectionString, "dq-" + Guid.NewGuid().ToString("N")[..12], new Dictionary<string, string?>
        {
            ["Webhooks:SendGridPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        });
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(Ct);
        await host.Services.GetRequiredService<ITopicStore>().SeedAsync(Core.Processing.DefaultTopics.All, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        key.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public void Verify_AcceptsSendGridsPublishedTestVector_AndRejectsChanges()
    {
        // Arrange: sendgrid-csharp RequestValidatorTests vector (exact bytes, trailing CR LF).
        const string publicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
        const string signature = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
        var payload = Encoding.UTF8.GetBytes("""[{"email":"hello@world.com","event":"dropped","reason":"Bounced Address","sg_event_id":"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA","sg_message_id":"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0","smtp-id":"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>","timestamp":1600112492}]""" + "\r\n");
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(1600112502);

        // Assert
        Assert.True(SendGridSignature.Verify(publicKey, signature, "1600112502", payload, signedAt, TimeSpan.FromHours(25)));
        Assert.False(SendGridSignature.Verify(publicKey, signature, "1600112503", payload, signedAt, TimeSpan.FromHours(25)));
        Assert.False(SendGridSignature.Verify(publicKey, signature, "1600112502", payload.AsSpan(0, payload.Length - 2), signedAt, TimeSpan.FromHours(25)));
        Assert.False(SendGridSignature.Verify(publicKey, signature, "1600112502", payload, signedAt.AddDays(2), TimeSpan.FromHours(25)));
    }

    [Fact]
    public async Task Webhook_SuppressesBouncedAddress_AndIsIdempotent()
    {
        // Arrange
        var email = $"bounce-{Guid.NewGuid():N}@example.com";
        var store = host.Services.GetRequiredService<ISubscriberStore>();
        await store.UpsertAsync(TestData.Subscriber("trade") with { Id = SubscriberIds.FromEmail(email), Email = email }, Ct);
        var body = $$"""[{"email":"{{email}}","event":"bounce","type":"bounce","sg_event_id":"e1","timestamp":1}, {"email":"{{email}}","event":"delivered","sg_event_id":"e2","timestamp":1}]""";

        // Act
        var first = await PostSignedAsync(body, key);
        var duplicate = await PostSignedAsync(body, key);
        await host.Services.GetRequiredService<SubscriptionService>().SubscribeAsync(email, new SubscriptionPreferences(["trade"], DigestFrequency.Daily, "UTC"), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal(SubscriberStatus.Suppressed, (await store.GetAsync(SubscriberIds.FromEmail(email), Ct))!.Status);
        Assert.Empty(Mailbox.For(host.MailDirectory, email));
    }

    [Fact]
    public async Task Webhook_Refuses_ForgedUnsignedAndStaleCalls()
    {
        // Arrange
        var email = $"victim-{Guid.NewGuid():N}@example.com";
        var body = $$"""[{"email":"{{email}}","event":"spamreport","timestamp":1}]""";
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        // Act
        var forged = await PostSignedAsync(body, attacker);
        var unsigned = await host.Client.PostAsync(new Uri("/api/webhooks/sendgrid", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var stale = await PostSignedAsync(body, key, DateTimeOffset.UtcNow.AddDays(-2));

        // Assert
        Assert.All(new[] { forged, unsigned, stale }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.False(await host.Services.GetRequiredService<ISubscriberStore>().IsSuppressedAsync(SubscriberIds.FromEmail(email), Ct));
    }

    private Task<HttpResponseMessage> PostSignedAsync(string body, ECDsa signer, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = signer.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. bytes], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/webhooks/sendgrid", UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return host.Client.SendAsync(request, Ct);
    }
}
