using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;
using RelationsAlerts.Core.Telemetry;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>
/// The SendDigest use case for one queue message. A digest is claimed on the subscriber record (optimistic
/// concurrency) before it is sent and recorded after, so duplicate or concurrent messages never mail twice.
/// Malformed messages go to the poison queue with a reason; transient failures throw so the message is retried.
/// </summary>
public sealed partial class SendDigestJob(
    ISubscriberStore subscribers,
    IItemStore items,
    ITopicStore topics,
    IMailSender mailSender,
    IDigestQueue queue,
    SubscriberLinks links,
    PipelineMetrics metrics,
    TimeProvider clock,
    IOptions<DigestOptions> options,
    ILogger<SendDigestJob> logger)
{
    public async Task<DigestOutcome> HandleAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        if (!DigestRequestSerializer.TryDeserialize(message.Span, out var request, out var reason))
        {
            await queue.PoisonAsync(message, reason, cancellationToken);
            Log.Poisoned(logger, reason);
            return new DigestOutcome(DigestOutcomeKind.Poisoned, reason);
        }

        var subscriber = await subscribers.GetAsync(request!.SubscriberId, cancellationToken);
        if (subscriber is not null && await subscribers.IsSuppressedAsync(subscriber.Id, cancellationToken))
        {
            subscriber = null;
        }

        if (Skip(subscriber, request) is { } skipped)
        {
            Log.Skipped(logger, request.DigestId, skipped);
            return new DigestOutcome(DigestOutcomeKind.Skipped, skipped);
        }

        return await BuildAndSendAsync(subscriber!, request, cancellationToken);
    }

    private string? Skip(Subscriber? subscriber, DigestRequest request)
    {
        if (subscriber is not { Status: SubscriberStatus.Active })
        {
            return "subscriber is gone, suppressed or not active";
        }

        if (subscriber.LastDigestUntil >= request.Until)
        {
            return "a previous digest already covered this period";
        }

        if (subscriber.DigestInFlight is { } inFlight && clock.GetUtcNow() - subscriber.DigestInFlightAt < options.Value.ClaimTimeout)
        {
            throw new DigestBusyException($"digest {inFlight} is being sent to this subscriber right now");
        }

        return null;
    }

    private async Task<DigestOutcome> BuildAndSendAsync(Subscriber subscriber, DigestRequest request, CancellationToken cancellationToken)
    {
        if (subscriber.DigestInFlight is { } crashed)
        {
            // An earlier attempt claimed a digest and died. It may have been accepted by the mail service before the
            // crash; for the same digest we choose at-most-once and move the cursor past it rather than risk a duplicate.
            Log.AbandonedClaim(logger, crashed);
            if (crashed == request.DigestId)
            {
                await RecordAsync(subscriber, request.Until, cancellationToken);
                return new DigestOutcome(DigestOutcomeKind.Skipped, "an attempt that crashed may have sent this digest; not resending");
            }

            subscriber = await RecordAsync(subscriber, subscriber.LastDigestUntil, cancellationToken);
        }

        var from = subscriber.LastDigestUntil ?? request.Until - options.Value.FirstDigestLookback;
        var candidates = await items.ListSeenBetweenAsync(from, request.Until, cancellationToken);
        var digest = DigestBuilder.Build(request.DigestId, request.Until, subscriber, candidates, await topics.ListAsync(cancellationToken));
        if (digest.ItemCount == 0)
        {
            await RecordAsync(subscriber, request.Until, cancellationToken);
            return new DigestOutcome(DigestOutcomeKind.NothingToSend, "no new items in the subscriber's sectors");
        }

        var claimed = await subscribers.TryUpdateAsync(subscriber with { DigestInFlight = request.DigestId, DigestInFlightAt = clock.GetUtcNow() }, cancellationToken)
            ?? throw new DigestBusyException("the subscriber changed while the digest was being built");
        var receipt = await SendOrReleaseAsync(claimed, digest, cancellationToken);
        await RecordAsync(claimed, request.Until, cancellationToken);
        metrics.DigestsSent.Add(1);
        Log.Sent(logger, request.DigestId, digest.ItemCount, receipt.Transport);
        return new DigestOutcome(DigestOutcomeKind.Sent, $"{digest.ItemCount} items via {receipt.Transport}", digest.ItemCount);
    }

    private async Task<MailReceipt> SendOrReleaseAsync(Subscriber claimed, Digest digest, CancellationToken cancellationToken)
    {
        var footer = new DigestLinks(links.Manage(claimed.Id), links.Unsubscribe(claimed.Id));
        var mail = new OutgoingMail
        {
            To = claimed.Email,
            Subject = DigestRenderer.Subject(digest),
            Html = DigestRenderer.Html(digest, footer),
            Text = DigestRenderer.Text(digest, footer),
            IdempotencyKey = digest.DigestId,
            Categories = ["digest", .. digest.Sections.Select(s => "sector-" + s.SectorId)],
            // RFC 2369 + RFC 8058: mailbox providers show an unsubscribe button that POSTs to the link.
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{footer.Unsubscribe.AbsoluteUri}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
        try
        {
            return await mailSender.SendAsync(mail, cancellationToken);
        }
        catch (MailSendException)
        {
            metrics.SendFailures.Add(1);
            // The transport said no: nothing was sent, so release the claim and let the queue retry.
            await subscribers.TryUpdateAsync(claimed with { DigestInFlight = null, DigestInFlightAt = null }, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Moves the subscriber's cursor and clears the claim; re-reads and retries when a preference edit raced with us.</summary>
    private async Task<Subscriber> RecordAsync(Subscriber subscriber, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var updated = subscriber with { LastDigestUntil = until, DigestInFlight = null, DigestInFlightAt = null };
            if (await subscribers.TryUpdateAsync(updated, CancellationToken.None) is { } stored)
            {
                return stored;
            }

            subscriber = await subscribers.GetAsync(subscriber.Id, cancellationToken) ?? subscriber;
        }

        throw new DigestBusyException("could not record the digest after 5 attempts");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Digest {DigestId} sent: {Items} items via {Transport}")]
        public static partial void Sent(ILogger logger, string digestId, int items, string transport);

        [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Digest {DigestId} skipped: {Reason}")]
        public static partial void Skipped(ILogger logger, string digestId, string reason);

        [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "Digest message poisoned: {Reason}")]
        public static partial void Poisoned(ILogger logger, string reason);

        [LoggerMessage(EventId = 123, Level = LogLevel.Warning, Message = "Digest {DigestId} was claimed by an attempt that never finished; not resending it")]
        public static partial void AbandonedClaim(ILogger logger, string digestId);
    }
}
