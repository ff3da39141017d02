using Xunit.Sdk;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>
/// Checks every answer a test's client receives against the published OpenAPI document, so a response that drifts
/// from the document (a field, a format, a status, a media type) fails the test that provoked it.
/// </summary>
public sealed class PublishedContractHandler(Func<CancellationToken, Task<PublishedContract>> contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        string? body = null;
        if (mediaType is not null && mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        else if (response.Content.Headers.ContentLength is > 0 || mediaType is not null)
        {
            body = "(not JSON)";
        }

        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
        var problem = (await contract(cancellationToken)).Check(
            request.Method, Uri.UnescapeDataString(path), (int)response.StatusCode, response.Content.Headers.ContentType, body);
        if (problem is not null)
        {
            throw new XunitException($"The answer drifted from the published OpenAPI document: {problem}");
        }

        return response;
    }
}
