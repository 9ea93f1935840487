using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.Azure.Tests.Tables;

public sealed class ZzDebugTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Debug()
    {
        var ct = TestContext.Current.CancellationToken;
        var tables = fixture.TableServiceClient();
        await new StorageInitializer(tables, fixture.QueueServiceClient(), Options.Create(new StorageOptions { ConnectionString = fixture.ConnectionString, DigestQueueName = "dq-debug1" })).InitializeAsync(ct);
        var t = tables.GetTableClient("itemsbyday");
        var at = new DateTimeOffset(2031, 5, 5, 6, 0, 0, TimeSpan.Zero);
        await t.AddEntityAsync(new TableEntity("p", "a") { ["FirstSeenAt"] = at }, ct);
        await t.AddEntityAsync(new TableEntity("p", "b") { ["FirstSeenAt"] = at.AddSeconds(-1) }, ct);
        await t.AddEntityAsync(new TableEntity("p", "c") { ["FirstSeenAt"] = at.AddSeconds(1) }, ct);
        var o = TestContext.Current.TestOutputHelper!;
        foreach (var filter in new[] {
            TableClient.CreateQueryFilter($"FirstSeenAt ge {at}"),
            TableClient.CreateQueryFilter($"FirstSeenAt lt {at}"),
            TableClient.CreateQueryFilter($"FirstSeenAt eq {at}"),
            TableClient.CreateQueryFilter($"FirstSeenAt gt {at}"),
            TableClient.CreateQueryFilter($"FirstSeenAt le {at}"),
        })
        {
            var rows = new List<string>();
            await foreach (var e in t.QueryAsync<TableEntity>(filter, cancellationToken: ct)) { rows.Add(e.RowKey); }
            o.WriteLine($"{filter} => {string.Join(",", rows)}");
        }
        await foreach (var e in t.QueryAsync<TableEntity>(e => e.PartitionKey == "p", cancellationToken: ct)) { o.WriteLine($"{e.RowKey} {e.GetDateTimeOffset("FirstSeenAt"):O}"); }
    }
}
