using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Events;

/// <summary>A broken multipart body is the client's mistake: 400 in the envelope, never 500, nothing stored.</summary>
public sealed class MalformedMultipartTests(DatabaseFixture database) : ApiTest(database)
{
    [Theory]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nGig\r\n--x--\r\n")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nGig")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\nGig\r\n--y--\r\n")]
    public async Task Create_WithAMalformedMultipartBody_ShouldAnswer400(string contentType, string body)
    {
        var (_, admin) = await CreateUserAsync("admin@example.com", role: "admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/events", UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);

        var response = await Client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }
}
