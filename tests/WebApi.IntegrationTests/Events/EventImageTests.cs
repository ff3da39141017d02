using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Events;

/// <summary>
/// Contract §4, images: <c>imageFile</c> on create and update (an image by its bytes, at most 5 MiB), served
/// at <c>imageUrl</c> with an ETag, hard caching for the versioned URL and revalidation for the bare one.
/// </summary>
public sealed class EventImageTests(DatabaseFixture database) : EventApiTest(database)
{
    public static TheoryData<string, byte[], string> Images() => new()
    {
        { "png", TestImages.Png(), "image/png" },
        { "jpeg", TestImages.Jpeg(), "image/jpeg" },
        { "gif", TestImages.Gif(), "image/gif" },
        { "webp", TestImages.Webp(), "image/webp" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Create_WhenFormCarriesAnImage_ShouldStoreItAndServeTheExactBytesAtImageUrl(string kind, byte[] image, string contentType)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendContentAsync(
            HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), image, $"picture.{kind}", "application/octet-stream"), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        var id = data.GetProperty("id").GetInt32();
        var imageUrl = data.GetProperty("imageUrl").GetString()!;
        Assert.Matches($"^http://localhost/api/events/{id}/image\\?v=[0-9a-zA-Z_-]+$", imageUrl);
        Assert.Equal(new Uri(imageUrl).PathAndQuery, await ScalarAsync<string>("SELECT image_url FROM events WHERE id = $1", id));
        Assert.Equal(contentType, await ScalarAsync<string>("SELECT content_type FROM event_images WHERE event_id = $1", id));

        var served = await SendAsync(HttpMethod.Get, imageUrl);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(image, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(contentType, served.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(served.Headers.ETag);
        Assert.Contains("immutable", served.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetImage_WhenTheUrlIsBare_ShouldServeTheImageWithNoCacheAndTheSameETag()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var created = await AssertSuccessAsync(
            await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Png()), adminToken),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var versioned = await SendAsync(HttpMethod.Get, created.GetProperty("imageUrl").GetString()!);

        var bare = await SendAsync(HttpMethod.Get, ImagePath(id));

        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal(TestImages.Png(), await bare.Content.ReadAsByteArrayAsync());
        var cacheControl = bare.Headers.CacheControl?.ToString();
        Assert.Contains("no-cache", cacheControl, StringComparison.Ordinal);
        Assert.DoesNotContain("immutable", cacheControl, StringComparison.Ordinal);
        Assert.Equal(versioned.Headers.ETag, bare.Headers.ETag);
    }

    [Fact]
    public async Task GetImage_WhenIfNoneMatchCarriesTheCurrentETag_ShouldAnswer304WithAnEmptyBody()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var created = await AssertSuccessAsync(
            await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Jpeg()), adminToken),
            HttpStatusCode.Created);
        var imageUrl = created.GetProperty("imageUrl").GetString()!;
        var etag = (await SendAsync(HttpMethod.Get, imageUrl)).Headers.ETag!;

        foreach (var url in new[] { imageUrl, ImagePath(created.GetProperty("id").GetInt32()) })
        {
            var request = Request(HttpMethod.Get, url);
            request.Headers.IfNoneMatch.Add(etag);

            var response = await Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task GetImage_WhenIfNoneMatchCarriesAnOldETag_ShouldAnswer200WithTheImage()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var created = await AssertSuccessAsync(
            await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Gif()), adminToken),
            HttpStatusCode.Created);
        var request = Request(HttpMethod.Get, ImagePath(created.GetProperty("id").GetInt32()));
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0123456789abcdef\""));

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestImages.Gif(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Create_WhenTheFileIsTextNamedPngWithImagePngType_ShouldAnswer400InvalidFileTypeAndStoreNothing()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendContentAsync(
            HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Text, "x.png", "image/png"), adminToken);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_FILE_TYPE");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountEventsAsync());
        Assert.Equal(0, await CountImagesAsync());
    }

    [Fact]
    public async Task Create_WhenTheBodyIsLargerThanTheLimitByItsContentLength_ShouldAnswer413FileTooLargeAndStoreNothing()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var form = WithImage(Form(ValidFormFields()), TestImages.PngOfLength(6 * 1000 * 1000));

        var response = await SendContentAsync(HttpMethod.Post, Events, form, adminToken);

        Assert.True(form.Headers.ContentLength > 6_000_000, "The request should have carried its Content-Length.");
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountEventsAsync());
        Assert.Equal(0, await CountImagesAsync());
    }

    [Fact]
    public async Task Create_WhenALargeBodyIsSentChunkedWithoutContentLength_ShouldAnswer413FileTooLargeAndStoreNothing()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var form = WithImage(Form(ValidFormFields()), TestImages.PngOfLength(6 * 1000 * 1000));
        var bytes = await form.ReadAsByteArrayAsync();
        var chunked = new StreamContent(new UnknownLengthStream(bytes));
        chunked.Headers.ContentType = form.Headers.ContentType;

        var response = await SendContentAsync(HttpMethod.Post, Events, chunked, adminToken);

        Assert.Null(chunked.Headers.ContentLength);
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
        Assert.Equal(0, await CountEventsAsync());
        Assert.Equal(0, await CountImagesAsync());
    }

    [Fact]
    public async Task Create_WhenTheFileIsOneByteOver5MiBButTheBodyIsWithinTheLimit_ShouldAnswer413FileTooLargeAndStoreNothing()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendContentAsync(
            HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.PngOfLength((5 * 1024 * 1024) + 1)), adminToken);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
        Assert.Equal(0, await CountEventsAsync());
        Assert.Equal(0, await CountImagesAsync());
    }

    [Fact]
    public async Task Create_WhenTheFileIsExactly5MiB_ShouldAnswer201AndServeAllOfIt()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var image = TestImages.PngOfLength(5 * 1024 * 1024);

        var response = await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), image), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        var served = await SendAsync(HttpMethod.Get, data.GetProperty("imageUrl").GetString()!);
        Assert.Equal(image.Length, (await served.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Update_WhenFormCarriesANewImage_ShouldReplaceItUnderANewVersion()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var created = await AssertSuccessAsync(
            await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Png(1)), adminToken),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var oldUrl = created.GetProperty("imageUrl").GetString()!;
        var oldETag = (await SendAsync(HttpMethod.Get, oldUrl)).Headers.ETag;

        var response = await SendContentAsync(HttpMethod.Put, EventPath(id), WithImage(Form(), TestImages.Jpeg(2), "new.jpg", "image/jpeg"), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        var newUrl = data.GetProperty("imageUrl").GetString()!;
        Assert.NotEqual(oldUrl, newUrl);
        Assert.StartsWith($"http://localhost/api/events/{id}/image?v=", newUrl, StringComparison.Ordinal);
        Assert.Equal("Concert", data.GetProperty("name").GetString());
        Assert.Equal(1, await CountImagesAsync());
        Assert.Equal(TestImages.Jpeg(2), await ScalarAsync<byte[]>("SELECT content FROM event_images WHERE event_id = $1", id));
        Assert.Equal("image/jpeg", await ScalarAsync<string>("SELECT content_type FROM event_images WHERE event_id = $1", id));

        var served = await SendAsync(HttpMethod.Get, newUrl);
        Assert.Equal(TestImages.Jpeg(2), await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(oldETag, served.Headers.ETag);
        Assert.Contains("immutable", served.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        // The old versioned URL must not be served as the (immutable) old content any more.
        var stale = await SendAsync(HttpMethod.Get, oldUrl);
        Assert.NotEqual(TestImages.Png(1), await stale.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("immutable", stale.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_WhenAnEventWithoutImageGetsOne_ShouldSetImageUrlAndServeIt()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync(createdBy: adminId);

        var response = await SendContentAsync(HttpMethod.Put, EventPath(id), WithImage(Form(), TestImages.Webp()), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        var imageUrl = data.GetProperty("imageUrl").GetString()!;
        Assert.StartsWith($"http://localhost/api/events/{id}/image?v=", imageUrl, StringComparison.Ordinal);
        Assert.Equal(TestImages.Webp(), await (await SendAsync(HttpMethod.Get, imageUrl)).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Update_WhenTheNewFileIsNotAnImage_ShouldAnswer400InvalidFileTypeAndKeepTheOldImage()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var created = await AssertSuccessAsync(
            await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Png()), adminToken),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        var response = await SendContentAsync(
            HttpMethod.Put, EventPath(id), WithImage(Form(("name", "Renamed")), TestImages.Text, "x.png", "image/png"), adminToken);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_FILE_TYPE");
        Assert.Equal("Concert", await ScalarAsync<string>("SELECT name FROM events WHERE id = $1", id));
        Assert.Equal(new Uri(created.GetProperty("imageUrl").GetString()!).PathAndQuery, await ScalarAsync<string>("SELECT image_url FROM events WHERE id = $1", id));
        Assert.Equal(TestImages.Png(), await ScalarAsync<byte[]>("SELECT content FROM event_images WHERE event_id = $1", id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Update_WhenAskedToRemoveTheImage_ShouldDropItAndStopServingIt(bool asForm)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var created = await AssertSuccessAsync(
            await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Png()), adminToken),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        var response = asForm
            ? await SendContentAsync(HttpMethod.Put, EventPath(id), Form(("removeImage", "true")), adminToken)
            : await SendTextAsync(HttpMethod.Put, EventPath(id), """{"removeImage":true}""", token: adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("imageUrl").ValueKind);
        Assert.Equal("Concert", data.GetProperty("name").GetString());
        Assert.Null(await ScalarAsync<object>("SELECT image_url FROM events WHERE id = $1", id) as string);
        Assert.Equal(0, await CountImagesAsync());
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, ImagePath(id)), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Update_WhenAFormSendsANewImageAndRemoveImage_ShouldAnswer400AndKeepTheOldImage()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var created = await AssertSuccessAsync(
            await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Png()), adminToken),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        var error = await AssertErrorAsync(
            await SendContentAsync(HttpMethod.Put, EventPath(id), WithImage(Form(("removeImage", "true")), TestImages.Jpeg()), adminToken),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");

        Assert.Equal(["removeImage"], DetailFields(error));
        Assert.Equal(TestImages.Png(), await ScalarAsync<byte[]>("SELECT content FROM event_images WHERE event_id = $1", id));
        Assert.NotNull(await ScalarAsync<object>("SELECT image_url FROM events WHERE id = $1", id) as string);
    }

    [Fact]
    public async Task Update_WhenAClientPutsBackTheEventItRead_ShouldKeepTheImageAndTheDescription()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var created = await AssertSuccessAsync(
            await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Png()), adminToken),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        // Fields the API writes (imageUrl, creator, availableSeats...) are ignored on the way in; nothing is removed.
        var updated = await AssertSuccessAsync(
            await SendTextAsync(HttpMethod.Put, EventPath(id), created.GetRawText(), token: adminToken), HttpStatusCode.OK);

        Assert.Equal(created.GetProperty("imageUrl").GetString(), updated.GetProperty("imageUrl").GetString());
        Assert.Equal(created.GetProperty("description").GetString(), updated.GetProperty("description").GetString());
        Assert.Equal(1, await CountImagesAsync());
    }

    [Fact]
    public async Task Delete_WhenTheEventHasAnImage_ShouldRemoveTheImageToo()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var created = await AssertSuccessAsync(
            await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Png()), adminToken),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal(1, await CountImagesAsync());

        var response = await SendAsync(HttpMethod.Delete, EventPath(id), adminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await CountImagesAsync());
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, created.GetProperty("imageUrl").GetString()!), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task GetImage_WhenTheEventHasNoImage_ShouldAnswer404()
    {
        var id = await InsertEventAsync();

        var response = await SendAsync(HttpMethod.Get, ImagePath(id));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task GetImage_WhenTheEventDoesNotExist_ShouldAnswer404()
    {
        var response = await SendAsync(HttpMethod.Get, ImagePath(424242));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Create_WhenJsonIsUsed_ShouldHaveNoImageAndImageUrlNull()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var data = await AssertSuccessAsync(
            await SendAsync(HttpMethod.Post, Events, adminToken, new { name = "Concert", eventDate = Wire(FutureDate), seatCapacity = 10 }),
            HttpStatusCode.Created);

        Assert.Equal(JsonValueKind.Null, data.GetProperty("imageUrl").ValueKind);
        Assert.Equal(0, await CountImagesAsync());
    }
}
