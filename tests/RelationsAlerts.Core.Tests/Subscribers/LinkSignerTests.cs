using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Tests.Subscribers;

public sealed class LinkSignerTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Validate_AcceptsOwnToken_ForSamePurpose()
    {
        // Arrange
        var signer = Signer("k2", "key-two-0123456789abcdefghijklmnopqrstuv");
        var token = signer.Create("s-1", LinkPurpose.Unsubscribe);

        // Act
        var claims = signer.Validate(token, LinkPurpose.Unsubscribe, out _);

        // Assert
        Assert.Equal("s-1", claims?.SubscriberId);
        Assert.DoesNotContain("@", token, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Rejects_OtherPurposeForgeryTamperingAndExpiry()
    {
        // Arrange
        var signer = Signer("k1", "key-one-0123456789abcdefghijklmnopqrstuv");
        var forger = Signer("k1", "attacker-0123456789abcdefghijklmnopqrstu");
        var token = signer.Create("s-1", LinkPurpose.Manage, clock.GetUtcNow().AddHours(1));
        var tampered = signer.Create("s-2", LinkPurpose.Manage).Split('.')[0] + "." + token.Split('.')[1];

        // Act
        var wrongPurpose = signer.Validate(token, LinkPurpose.Unsubscribe, out var purposeReason);
        var forged = signer.Validate(forger.Create("s-1", LinkPurpose.Manage), LinkPurpose.Manage, out var forgedReason);
        var swapped = signer.Validate(tampered, LinkPurpose.Manage, out _);
        var garbage = signer.Validate("not-a-token", LinkPurpose.Manage, out _);
        clock.Advance(TimeSpan.FromHours(2));
        var expired = signer.Validate(token, LinkPurpose.Manage, out var expiredReason);

        // Assert
        Assert.All(new[] { wrongPurpose, forged, swapped, garbage, expired }, Assert.Null);
        Assert.Contains("something else", purposeReason, StringComparison.Ordinal);
        Assert.Contains("signature", forgedReason, StringComparison.Ordinal);
        Assert.Contains("expired", expiredReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsRetiredKey_AfterRotation()
    {
        // Arrange
        var old = Signer("k1", "key-one-0123456789abcdefghijklmnopqrstuv");
        var token = old.Create("s-1", LinkPurpose.Unsubscribe);
        var rotated = Signer("k2", "key-two-0123456789abcdefghijklmnopqrstuv", ("k1", "key-one-0123456789abcdefghijklmnopqrstuv"));
        var dropped = Signer("k2", "key-two-0123456789abcdefghijklmnopqrstuv");

        // Assert
        Assert.NotNull(rotated.Validate(token, LinkPurpose.Unsubscribe, out _));
        Assert.Null(dropped.Validate(token, LinkPurpose.Unsubscribe, out _));
    }

    private LinkSigner Signer(string keyId, string key, params (string Id, string Key)[] retired)
    {
        var options = new SignedLinkOptions { KeyId = keyId, SigningKey = key };
        foreach (var (id, value) in retired)
        {
            options.RetiredKeys[id] = value;
        }

        return new LinkSigner(Options.Create(options), clock);
    }
}
