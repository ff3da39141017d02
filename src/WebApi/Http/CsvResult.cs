using System.Text;

namespace EventBooking.WebApi.Http;

/// <summary>
/// Writes rows as they are read: a header, then one line per row, flushed in chunks. Memory stays flat
/// however long the export; a client that reads slowly slows the database read down with it.
/// </summary>
internal sealed class CsvResult<T>(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, IEnumerable<string?>> cells)
    : IResult
{
    private const int FlushEveryRows = 500;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";

        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        await writer.WriteAsync(Csv.Line(header));
        var written = 0;
        await foreach (var row in rows.WithCancellation(httpContext.RequestAborted))
        {
            await writer.WriteAsync(Csv.Line(cells(row)));
            if (++written % FlushEveryRows == 0)
            {
                await writer.FlushAsync(httpContext.RequestAborted);
            }
        }
    }
}
