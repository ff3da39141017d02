namespace EventBooking.WebApi.IntegrationTests.Hostile;

/// <summary>
/// One malformed request. <see cref="MustBeRefused"/> is false only when the generator cannot rule out that the
/// request is valid (e.g. <c>{}</c> on an update, where every field is optional); then a 2xx is allowed and counted.
/// </summary>
public sealed record FuzzCase(
    FuzzOperation Operation,
    HttpMethod Method,
    string Url,
    string What,
    string BodyPreview,
    Func<HttpContent?> Content,
    bool MustBeRefused)
{
    public HttpRequestMessage ToRequest(string? token)
    {
        var request = new HttpRequestMessage(Method, new Uri(Url, UriKind.Relative)) { Content = Content() };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        }

        return request;
    }

    public string Describe(string caller)
    {
        var url = Url.Length > 160 ? $"{Url[..160]}…({Url.Length} chars)" : Url;
        var body = BodyPreview.Length > 200 ? $"{BodyPreview[..200]}…({BodyPreview.Length} chars)" : BodyPreview;
        return $"{Method} {url} as {caller} [{What}] body: {body}";
    }
}
