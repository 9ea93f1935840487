using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Feeds;

namespace RelationsAlerts.Core.Fetching;

/// <summary>
/// Conditional GET of one feed with our own redirect handling (to count hops and notice permanent moves)
/// and a streamed body cap. Never throws for network or HTTP failures: they come back as <see cref="FetchResult.Failed"/>.
/// </summary>
public sealed class FeedFetcher(IHttpClientFactory httpClientFactory, IOptions<FetchOptions> options)
{
    public const string HttpClientName = "feeds";

    /// <summary>The same client without connection reuse, for hosts that close after every response (see <see cref="SendAsync"/>).</summary>
    public const string NoReuseHttpClientName = "feeds-no-reuse";

    private const int MaxAttempts = 3;

    /// <summary>Hosts that answered HTTP/1.0 without keep-alive, or did not answer a request on a reused connection.</summary>
    private readonly ConcurrentDictionary<string, byte> closingHosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task<FetchResult> FetchAsync(FeedSource feed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            return await FetchFollowingRedirectsAsync(feed, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FetchResult.Failed(FetchFailureKind.Timeout, $"fetch: no complete response within {options.Value.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex) when (ex.Message.StartsWith("fetch: refusing", StringComparison.Ordinal) || ex.InnerException?.Message.StartsWith("fetch: refusing", StringComparison.Ordinal) == true)
        {
            return new FetchResult.Failed(FetchFailureKind.Blocked, (ex.InnerException ?? ex).Message);
        }
        catch (HttpRequestException ex)
        {
            // The outer message is generic ("An error occurred while sending the request"); the cause is inside.
            var cause = ex.InnerException is { } inner ? $" ({inner.Message})" : "";
            return new FetchResult.Failed(FetchFailureKind.Network, "fetch: " + ex.Message + cause);
        }
    }

    private async Task<FetchResult> FetchFollowingRedirectsAsync(FeedSource feed, CancellationToken cancellationToken)
    {
        var url = feed.Url;
        var permanent = true;
        for (var hop = 0; ; hop++)
        {
            using var response = await SendAsync(url, feed.State, cancellationToken);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                if (hop >= options.Value.MaxRedirects)
                {
                    return new FetchResult.Failed(FetchFailureKind.TooManyRedirects, $"fetch: more than {options.Value.MaxRedirects} redirects");
                }

                permanent &= response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.PermanentRedirect;
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                continue;
            }

            return await ReadResponseAsync(response, url, permanent && hop > 0, cancellationToken);
        }
    }

    /// <summary>
    /// HTTP/1.0 servers (python's http.server, old appliances) close after every response without "Connection: close"
    /// (RFC 9112 §9.3: an HTTP/1.0 response without keep-alive ends the connection), but SocketsHttpHandler pools the
    /// connection after a Content-Length body, and the next request sent on it gets no response at all. Once a host is seen
    /// doing that, its requests go through a client that never reuses connections; a GET that got no response is sent again.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Uri url, FeedState state, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var client = httpClientFactory.CreateClient(closingHosts.ContainsKey(url.Authority) ? NoReuseHttpClientName : HttpClientName);
            using var request = BuildRequest(url, state);
            try
            {
                var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.Version < HttpVersion.Version11 && !response.Headers.Connection.Contains("keep-alive", StringComparer.OrdinalIgnoreCase))
                {
                    closingHosts.TryAdd(url.Authority, 0);
                }

                return response;
            }
            catch (HttpRequestException ex) when (attempt < MaxAttempts && NoResponse(ex))
            {
                closingHosts.TryAdd(url.Authority, 0);
            }
        }
    }

    private static bool NoResponse(HttpRequestException ex) =>
        ex.HttpRequestError == HttpRequestError.ResponseEnded || ex.InnerException is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded };

    private HttpRequestMessage BuildRequest(Uri url, FeedState state)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(options.Value.UserAgent);
        // JSON for GDELT DOC 2.0 ArtList feeds (format=json).
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, */*;q=0.8");
        if (state.ETag is { Length: > 0 } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (state.LastModified is { Length: > 0 } lastModified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        return request;
    }

    private async Task<FetchResult> ReadResponseAsync(HttpResponseMessage response, Uri url, bool moved, CancellationToken cancellationToken)
    {
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified?.ToString("R");
        var delay = ServerDelay(response);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FetchResult.NotModified(etag, lastModified) { ServerDelay = delay };
        }

        if (!response.IsSuccessStatusCode)
        {
            // Never parse an error body: some servers send XML with a 500 and a feed reader would take it as content.
            return new FetchResult.Failed(FetchFailureKind.HttpStatus, $"fetch: HTTP {(int)response.StatusCode} {response.ReasonPhrase}") { ServerDelay = delay };
        }

        var body = await BodyReader.ReadCappedAsync(response.Content, options.Value.MaxBodyBytes, cancellationToken);
        return body switch
        {
            null => new FetchResult.Failed(FetchFailureKind.TooLarge, $"fetch: body larger than {options.Value.MaxBodyBytes} bytes"),
            { Length: 0 } => new FetchResult.Failed(FetchFailureKind.EmptyBody, "fetch: empty body"),
            _ => new FetchResult.Fetched(body, response.Content.Headers.ContentType?.ToString(), etag, lastModified, url, moved) { ServerDelay = delay },
        };
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static TimeSpan? ServerDelay(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is RetryConditionHeaderValue retry)
        {
            return retry.Delta ?? (retry.Date - response.Headers.Date ?? retry.Date - DateTimeOffset.UnixEpoch);
        }

        return response.Headers.CacheControl?.MaxAge;
    }
}
