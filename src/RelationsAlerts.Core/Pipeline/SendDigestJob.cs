using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;
using RelationsAlerts.Core.Telemetry;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>
/// The SendDigest use case for one queue message (one subscriber, or a group planned as identical). Each recipient's
/// digest is claimed on their subscriber record (optimistic concurrency, in batches) before the send and recorded after,
/// so duplicate or concurrent messages never mail twice. Recipients whose digests are identical go out in one request.
/// Malformed messages go to the poison queue with a reason; transient failures throw so the message is retried, and a
/// retry finds the recipients already served covered.
/// </summary>
public sealed partial class SendDigestJob(
    ISubscriberStore subscribers,
    IItemStore items,
    ITopicStore topics,
    DigestMailComposer composer,
    IMailSender mailSender,
    IDigestQueue queue,
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

        var run = new DigestRun(request!);
        var ready = await TriageAsync(run, cancellationToken);
        if (ready.Count > 0)
        {
            await BuildAndSendAsync(run, ready, cancellationToken);
        }

        if (run.Busy.Count > 0)
        {
            // The others are done and recorded; the retry finds them covered and serves only these.
            throw new DigestBusyException(run.Busy.Count == 1 && run.Request.Recipients.Count == 1
                ? $"digest {run.Request.DigestId}: {run.Busy[0]}"
                : $"digest {run.Request.DigestId}: {run.Busy.Count} of {run.Request.Recipients.Count} recipients busy ({run.Busy[0]})");
        }

        var outcome = run.Outcome();
        if (outcome.Kind == DigestOutcomeKind.Skipped)
        {
            Log.Skipped(logger, run.Request.DigestId, outcome.Detail);
        }

        return outcome;
    }

    /// <summary>Reads the recipients and sorts out who is skipped, busy, or ready to be served.</summary>
    private async Task<List<Subscriber>> TriageAsync(DigestRun run, CancellationToken cancellationToken)
    {
        var ids = run.Request.Recipients;
        var found = await subscribers.GetManyAsync(ids, cancellationToken);
        var suppressed = await subscribers.SuppressedAmongAsync([.. found.Keys], cancellationToken);
        var ready = new List<Subscriber>(found.Count);
        foreach (var id in ids)
        {
            var subscriber = found.GetValueOrDefault(id);
            var key = run.RecipientKey(id);
            if (subscriber is not { Status: SubscriberStatus.Active } || suppressed.Contains(id))
            {
                run.Skip("subscriber is gone, suppressed or not active");
            }
            else if (subscriber.LastDigestUntil >= run.Request.Until)
            {
                run.Skip("a previous digest already covered this period");
            }
            else if (subscriber.DigestInFlight is { } inFlight && clock.GetUtcNow() - subscriber.DigestInFlightAt < options.Value.ClaimTimeout)
            {
                run.Busy.Add($"digest {inFlight} is being sent to this subscriber right now");
            }
            else if (subscriber.DigestInFlight is { } crashed)
            {
                // An earlier attempt claimed a digest and died. It may have been accepted by the mail service before the
                // crash; for the same digest we choose at-most-once and move the cursor past it rather than risk a duplicate.
                Log.AbandonedClaim(logger, crashed);
                if (crashed == key)
                {
                    await RecordAsync(subscriber, run.Request.Until, cancellationToken);
                    run.Skip("an attempt that crashed may have sent this digest; not resending");
                }
                else
                {
                    ready.Add(await RecordAsync(subscriber, subscriber.LastDigestUntil, cancellationToken));
                }
            }
            else
            {
                ready.Add(subscriber);
            }
        }

        return ready;
    }

    private async Task BuildAndSendAsync(DigestRun run, List<Subscriber> ready, CancellationToken cancellationToken)
    {
        var lookback = options.Value.FirstDigestLookback;
        var until = run.Request.Until;
        var window = await items.ListSeenBetweenAsync(ready.Min(s => DigestPlanner.Start(s, until, lookback)), until, cancellationToken);
        var digests = new DigestCache(run.Request.DigestId, window, await topics.ListAsync(cancellationToken), lookback);
        var groups = new Dictionary<string, (Digest Digest, List<Subscriber> Members)>(StringComparer.Ordinal);
        var empty = new List<Subscriber>();
        foreach (var subscriber in ready)
        {
            var (digest, fingerprint) = digests.For(subscriber, until);
            if (digest.ItemCount == 0)
            {
                empty.Add(subscriber);
                continue;
            }

            if (!groups.TryGetValue(fingerprint, out var group))
            {
                groups[fingerprint] = group = (digest, []);
            }

            group.Members.Add(subscriber);
        }

        if (empty.Count > 0)
        {
            await RecordManyAsync(empty, until, cancellationToken);
            run.NothingToSend += empty.Count;
        }

        if (groups.Count > 0)
        {
            await SendGroupsAsync(run, [.. groups.Select(g => (groups.Count == 1 ? run.Request.DigestId : $"{run.Request.DigestId}-{g.Key}", g.Value.Digest, g.Value.Members))], cancellationToken);
        }
    }

    /// <summary>
    /// Claims every recipient (batched), sends each content group as one request (a few at a time), then records the
    /// recipients of the groups that were accepted. When a send fails, the claims of the groups not sent are released and
    /// the failure is rethrown for the queue to retry; the retry finds the sent groups covered.
    /// </summary>
    private async Task SendGroupsAsync(DigestRun run, List<(string BatchId, Digest Digest, List<Subscriber> Members)> groups, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var everyone = groups.SelectMany(g => g.Members).ToList();
        var results = await subscribers.TryUpdateManyAsync([.. everyone.Select(s => s with { DigestInFlight = run.RecipientKey(s.Id), DigestInFlightAt = now })], cancellationToken);
        var claimed = new Dictionary<string, Subscriber>(StringComparer.Ordinal);
        foreach (var stored in results)
        {
            if (stored is not null)
            {
                claimed[stored.Id] = stored;
            }
        }

        run.Busy.AddRange(Enumerable.Repeat("the subscriber changed while the digest was being built", results.Count - claimed.Count));
        var sent = new List<Subscriber>();
        var failed = new List<Subscriber>();
        MailSendException? failure = null;
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ConcurrentSends, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            var members = group.Members.Select(m => claimed.GetValueOrDefault(m.Id)).OfType<Subscriber>().ToList();
            if (members.Count == 0)
            {
                return;
            }

            try
            {
                var mail = composer.Compose(group.Digest, group.BatchId, [.. members.Select(s => (s, run.RecipientKey(s.Id)))]);
                var receipt = await mailSender.SendBulkAsync(mail, ct);
                lock (sent)
                {
                    sent.AddRange(members);
                    run.Sent(members.Count, group.Digest.ItemCount, receipt.Transport);
                }

                Log.Sent(logger, group.BatchId, members.Count, group.Digest.ItemCount, receipt.Transport);
            }
            catch (MailSendException ex)
            {
                metrics.SendFailures.Add(1);
                lock (sent)
                {
                    failed.AddRange(members);
                    failure ??= ex;
                }
            }
        });

        if (sent.Count > 0)
        {
            await RecordManyAsync(sent, run.Request.Until, cancellationToken);
            metrics.DigestsSent.Add(sent.Count);
        }

        if (failure is not null)
        {
            // The transport said no: nothing was sent to these, so release their claims and let the queue retry.
            await subscribers.TryUpdateManyAsync([.. failed.Select(s => s with { DigestInFlight = null, DigestInFlightAt = null })], CancellationToken.None);
            throw failure;
        }
    }

    /// <summary>Moves many cursors and clears the claims in batches; the ones that raced with an edit go one by one.</summary>
    private async Task RecordManyAsync(List<Subscriber> recipients, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var results = await subscribers.TryUpdateManyAsync([.. recipients.Select(s => s with { LastDigestUntil = until, DigestInFlight = null, DigestInFlightAt = null })], CancellationToken.None);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i] is null)
            {
                await RecordAsync(await subscribers.GetAsync(recipients[i].Id, cancellationToken) ?? recipients[i], until, cancellationToken);
            }
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

    /// <summary>What happened to the recipients of one message.</summary>
    private sealed class DigestRun(DigestRequest request)
    {
        private int sent;
        private int items;
        private string? transport;
        private string? skipReason;

        public DigestRequest Request { get; } = request;

        public List<string> Busy { get; } = [];

        public int NothingToSend { get; set; }

        /// <summary>A recipient's idempotency key: the job's id for a single job, the per-window key in a group.</summary>
        public string RecipientKey(string subscriberId) =>
            Request.Version == 1 ? Request.DigestId : DigestRequest.RecipientDigestId(subscriberId, Request.Until);

        public void Skip(string reason) => skipReason = reason;

        public void Sent(int recipients, int itemCount, string via)
        {
            sent += recipients;
            items += itemCount;
            transport = via;
        }

        public DigestOutcome Outcome() => (sent, NothingToSend) switch
        {
            ( > 0, _) when Request.Recipients.Count == 1 => new DigestOutcome(DigestOutcomeKind.Sent, $"{items} items via {transport}", items, sent),
            ( > 0, _) => new DigestOutcome(DigestOutcomeKind.Sent, $"{sent} of {Request.Recipients.Count} recipients, {items} items via {transport}", items, sent),
            (_, > 0) => new DigestOutcome(DigestOutcomeKind.NothingToSend, "no new items in the subscriber's sectors"),
            _ => new DigestOutcome(DigestOutcomeKind.Skipped, skipReason ?? "nothing to do"),
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Digest {DigestId} sent to {Recipients} recipients: {Items} items via {Transport}")]
        public static partial void Sent(ILogger logger, string digestId, int recipients, int items, string transport);

        [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Digest {DigestId} skipped: {Reason}")]
        public static partial void Skipped(ILogger logger, string digestId, string reason);

        [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "Digest message poisoned: {Reason}")]
        public static partial void Poisoned(ILogger logger, string reason);

        [LoggerMessage(EventId = 123, Level = LogLevel.Warning, Message = "Digest {DigestId} was claimed by an attempt that never finished; not resending it")]
        public static partial void AbandonedClaim(ILogger logger, string digestId);
    }
}
