using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Core.Subscribers;

/// <summary>
/// Double opt-in, preferences, unsubscribe, suppression and erasure. Sign-up answers the same whether or not the
/// address exists, and never mails a suppressed address; every state change comes from a signed link.
/// </summary>
public sealed partial class SubscriptionService(
    ISubscriberStore store,
    IMailSender mail,
    SubscriberLinks links,
    LinkSigner signer,
    TimeProvider clock,
    IOptions<SignedLinkOptions> options,
    ILogger<SubscriptionService> logger)
{
    /// <summary>Records the request and sends a confirmation link. Callers must have validated the request.</summary>
    public async Task SubscribeAsync(string email, SubscriptionPreferences preferences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var id = SubscriberIds.FromEmail(email);
        if (await store.IsSuppressedAsync(id, cancellationToken))
        {
            Log.SuppressedSignUp(logger, id);
            return;
        }

        var now = clock.GetUtcNow();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var existing = await store.GetAsync(id, cancellationToken);
        var subscriber = existing is { Status: SubscriberStatus.Active }
            ? existing with { PendingPreferences = preferences, ConfirmationNonce = nonce }
            : preferences.ApplyTo(existing ?? new Subscriber { Id = id, Email = email.Trim() }) with
            {
                Status = SubscriberStatus.Pending,
                PendingPreferences = preferences,
                ConfirmationNonce = nonce,
                CreatedAt = now,
            };
        await store.UpsertAsync(subscriber, cancellationToken);
        await mail.SendAsync(TransactionalMail.Confirmation(subscriber.Email, links.Confirm(id, nonce), $"confirm-{id}-{nonce}"), cancellationToken);
        Log.ConfirmationSent(logger, id);
    }

    public async Task<SubscriptionOutcome> ConfirmAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (signer.Validate(token, LinkPurpose.Confirm, out var reason) is not { } claims)
        {
            return SubscriptionOutcome.Fail(reason);
        }

        var subscriber = await store.GetAsync(claims.SubscriberId, cancellationToken);
        if (subscriber is null || subscriber.ConfirmationNonce is null || subscriber.ConfirmationNonce != claims.Nonce)
        {
            return subscriber is { Status: SubscriberStatus.Active, ConfirmationNonce: null }
                ? new SubscriptionOutcome(true, "Your subscription is already confirmed.", subscriber)
                : SubscriptionOutcome.Fail("this confirmation link was already used or replaced by a newer one");
        }

        var confirmed = (subscriber.PendingPreferences?.ApplyTo(subscriber) ?? subscriber) with
        {
            Status = SubscriberStatus.Active,
            PendingPreferences = null,
            ConfirmationNonce = null,
            ConfirmedAt = clock.GetUtcNow(),
            UnsubscribedAt = null,
        };
        var stored = await store.TryUpdateAsync(confirmed, cancellationToken);
        return stored is null
            ? SubscriptionOutcome.Fail("the subscription changed meanwhile; open the link again")
            : new SubscriptionOutcome(true, "Your subscription is confirmed.", stored);
    }

    /// <summary>One-click unsubscribe (RFC 8058). Idempotent; an unknown or erased subscriber is simply done.</summary>
    public async Task<SubscriptionOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (signer.Validate(token, LinkPurpose.Unsubscribe, out var reason) is not { } claims)
        {
            return SubscriptionOutcome.Fail(reason);
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var subscriber = await store.GetAsync(claims.SubscriberId, cancellationToken);
            if (subscriber is null || subscriber.Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed)
            {
                return new SubscriptionOutcome(true, "You are unsubscribed.");
            }

            var updated = subscriber with { Status = SubscriberStatus.Unsubscribed, UnsubscribedAt = clock.GetUtcNow(), ConfirmationNonce = null };
            if (await store.TryUpdateAsync(updated, cancellationToken) is not null)
            {
                Log.Unsubscribed(logger, subscriber.Id);
                return new SubscriptionOutcome(true, "You are unsubscribed.");
            }
        }

        return SubscriptionOutcome.Fail("the subscription is busy; try again");
    }

    public async Task<SubscriptionOutcome> GetForManageAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (signer.Validate(token, LinkPurpose.Manage, out var reason) is not { } claims)
        {
            return SubscriptionOutcome.Fail(reason);
        }

        var subscriber = await store.GetAsync(claims.SubscriberId, cancellationToken);
        return subscriber is { Status: SubscriberStatus.Active }
            ? new SubscriptionOutcome(true, "ok", subscriber)
            : SubscriptionOutcome.Fail("this subscription is no longer active");
    }

    public async Task<SubscriptionOutcome> UpdatePreferencesAsync(string? token, SubscriptionPreferences preferences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var current = await GetForManageAsync(token, cancellationToken);
        if (!current.Succeeded)
        {
            return current;
        }

        var stored = await store.TryUpdateAsync(preferences.ApplyTo(current.Subscriber!), cancellationToken);
        return stored is null
            ? SubscriptionOutcome.Fail("the subscription changed meanwhile; reload and try again")
            : new SubscriptionOutcome(true, "Your preferences are saved.", stored);
    }

    /// <summary>Bounce, block, spam report or provider unsubscribe: never mail this address again.</summary>
    public async Task SuppressAsync(string email, string reason, CancellationToken cancellationToken = default)
    {
        var id = SubscriberIds.FromEmail(email);
        await store.SuppressAsync(id, reason, cancellationToken);
        if (await store.GetAsync(id, cancellationToken) is { } subscriber && subscriber.Status != SubscriberStatus.Suppressed)
        {
            await store.UpsertAsync(subscriber with { Status = SubscriberStatus.Suppressed, ConfirmationNonce = null }, cancellationToken);
        }

        Log.Suppressed(logger, id, reason);
    }

    /// <summary>Deletes unconfirmed sign-ups older than <see cref="SignedLinkOptions.PendingExpiry"/>; returns how many.</summary>
    public async Task<int> ExpirePendingAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.PendingExpiry;
        var expired = 0;
        foreach (var pending in await store.ListByStatusAsync(SubscriberStatus.Pending, cancellationToken))
        {
            if (pending.CreatedAt is null || pending.CreatedAt < cutoff)
            {
                expired += await store.DeleteAsync(pending.Id, cancellationToken) ? 1 : 0;
            }
        }

        return expired;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Confirmation sent to subscriber {SubscriberId}")]
        public static partial void ConfirmationSent(ILogger logger, string subscriberId);

        [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Sign-up for suppressed subscriber {SubscriberId} ignored")]
        public static partial void SuppressedSignUp(ILogger logger, string subscriberId);

        [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Subscriber {SubscriberId} unsubscribed")]
        public static partial void Unsubscribed(ILogger logger, string subscriberId);

        [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Subscriber {SubscriberId} suppressed: {Reason}")]
        public static partial void Suppressed(ILogger logger, string subscriberId, string reason);
    }
}
