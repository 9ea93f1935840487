using Azure;
using Azure.Data.Tables;

namespace RelationsAlerts.Azure.Tables;

internal static class TableDeletes
{
    /// <summary>Deletes a row unconditionally; false when it was not there (the SDK reports a missing row as a 404 response, not an error).</summary>
    public static async Task<bool> DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}
