using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Hostile;

/// <summary>
/// Issue 9, injection: SQL, script, template and lookup payloads in every string input are stored or refused as
/// plain data, never executed, never reflected raw (only JSON answers, with JSON's escaping), and every table survives.
/// </summary>
public sealed class InjectionTests(DatabaseFixture database) : HostileApiTest(database)
{
    /// <summary>SQL, script, template and JNDI payloads, an encoded one, homoglyphs (Cyrillic А, і, е) and a path traversal.</summary>
    public static readonly string[] Payloads =
    [
        "' OR '1'='1",
        "'; DROP TABLE users; --",
        "\"><script>alert(1)</script>",
        "{{7*7}}",
        "${jndi:ldap://x}",
        "%27%20OR%201=1",
        "\u0410dm\u0456n Us\u0435r",
        "../../etc/passwd",
    ];

    private static readonly string FutureDate = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task CreateEvent_WhenNameAndDescriptionAreInjectionPayloads_ShouldStoreAndReturnThemVerbatim()
    {
        await SeedAsync();

        foreach (var payload in Payloads)
        {
            var json = await SendAsync(HttpMethod.Post, "/api/events", Admin.Token, new { name = payload, description = $"about {payload}", eventDate = FutureDate, seatCapacity = 10 });
            var created = await AssertPlainJsonSuccessAsync(json, HttpStatusCode.Created);
            await AssertEventStoredVerbatimAsync(created.GetProperty("id").GetInt32(), payload, $"about {payload}");
            Assert.Equal(payload, created.GetProperty("name").GetString());

            using var form = new MultipartFormDataContent
            {
                { new StringContent(payload), "name" },
                { new StringContent(payload), "description" },
                { new StringContent(FutureDate), "eventDate" },
                { new StringContent("10"), "seatCapacity" },
            };
            using var request = Request(HttpMethod.Post, "/api/events", Admin.Token);
            request.Content = form;
            var fromForm = await AssertPlainJsonSuccessAsync(await Client.SendAsync(request), HttpStatusCode.Created);
            await AssertEventStoredVerbatimAsync(fromForm.GetProperty("id").GetInt32(), payload, payload);
        }

        await AssertTablesExistAsync();
        Assert.Equal(2 + (2 * Payloads.Length), await CountAsync("events"));
        Assert.Equal(2, await CountAsync("users"));
    }

    [Fact]
    public async Task UpdateEvent_WhenNameAndDescriptionAreInjectionPayloads_ShouldStoreThemVerbatim()
    {
        await SeedAsync();

        foreach (var payload in Payloads)
        {
            var response = await SendAsync(HttpMethod.Put, $"/api/events/{FutureEventId}", Admin.Token, new { name = payload, description = payload });

            var updated = await AssertPlainJsonSuccessAsync(response, HttpStatusCode.OK);
            Assert.Equal(payload, updated.GetProperty("name").GetString());
            await AssertEventStoredVerbatimAsync(FutureEventId, payload, payload);
        }

        await AssertTablesExistAsync();
        Assert.Equal(2, await CountAsync("events"));
    }

    [Fact]
    public async Task ListEvents_WhenSearchIsAnInjectionPayload_ShouldMatchItLiterallyAndNothingElse()
    {
        await SeedAsync();
        var names = new List<(int Id, string Name, string? Description)>
        {
            (FutureEventId, "Fuzz Future", "Seeded for hostile tests"),
            (PastEventId, "Fuzz Past", null),
        };
        for (var i = 0; i < Payloads.Length; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"Injection {i}: {Payloads[i]}");
            names.Add((await ScalarAsync<int>(
                "INSERT INTO events (name, event_date, seat_capacity, available_seats) VALUES ($1, timezone('utc', now()) + interval '9 days', 5, 5) RETURNING id",
                name), name, null));
        }

        foreach (var term in Payloads.Concat(["%", "_", "'", "\\", "*", "1=1", "49"]))
        {
            var response = await Client.GetAsync(new Uri($"/api/events?limit=100&search={Uri.EscapeDataString(term)}", UriKind.Relative));

            var data = await AssertPlainJsonSuccessAsync(response, HttpStatusCode.OK);
            var found = data.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).Order().ToList();
            var expected = names
                .Where(e => e.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || e.Description?.Contains(term, StringComparison.OrdinalIgnoreCase) == true)
                .Select(e => e.Id).Order().ToList();
            Assert.True(expected.SequenceEqual(found), $"search '{term}': expected [{string.Join(',', expected)}], got [{string.Join(',', found)}]");
        }

        await AssertTablesExistAsync();
        Assert.Equal(2 + Payloads.Length, await CountAsync("events"));
    }

    [Fact]
    public async Task Register_WhenEmailIsAnInjectionPayload_ShouldAnswer400AndStoreNothing()
    {
        await SeedAsync();
        var before = await FingerprintAsync();

        foreach (var payload in Payloads)
        {
            var response = await SendAsync(HttpMethod.Post, "/api/auth/register", json: new { email = payload, name = "Valid Name", password = "password123" });

            await AssertPlainJsonErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        }

        await AssertTablesExistAsync();
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Register_WhenNameIsAnInjectionPayload_ShouldStoreItAsIs()
    {
        await SeedAsync();

        for (var i = 0; i < Payloads.Length; i++)
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"injection{i}@example.com");
            var response = await SendAsync(HttpMethod.Post, "/api/auth/register", json: new { email, name = Payloads[i], password = Payloads[i] + "-password" });

            var data = await AssertPlainJsonSuccessAsync(response, HttpStatusCode.Created);
            Assert.Equal(Payloads[i], data.GetProperty("user").GetProperty("name").GetString());
            Assert.Equal(Payloads[i], await ScalarAsync<string>("SELECT name FROM users WHERE email = $1", email));
        }

        await AssertTablesExistAsync();
        Assert.Equal(2 + Payloads.Length, await CountAsync("users"));
    }

    [Fact]
    public async Task Login_WhenEmailOrPasswordIsAnInjectionPayload_ShouldNeverSignIn()
    {
        await SeedAsync();
        await CreateUserWithPasswordHashAsync("victim@example.com", Passwords.KnownHash, "admin", "Victim");
        await CreateUserWithPasswordHashAsync("owner@example.com", Passwords.KnownHash, "user", "Owner");
        var before = await FingerprintAsync();

        foreach (var payload in Payloads)
        {
            foreach (var (email, password) in new[] { (payload, Passwords.Known), ("victim@example.com", payload), ($"victim@example.com{payload}", payload) })
            {
                var response = await SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email, password });

                // Eight wrong passwords for one account from one client also trip the brute-force lock (429): refused all the same.
                var code = response.StatusCode switch
                {
                    HttpStatusCode.BadRequest => "VALIDATION_ERROR",
                    HttpStatusCode.Unauthorized => "UNAUTHORIZED",
                    HttpStatusCode.TooManyRequests => "RATE_LIMITED",
                    _ => $"unexpected {(int)response.StatusCode}",
                };
                await AssertPlainJsonErrorAsync(response, response.StatusCode, code);
            }
        }

        await AssertTablesExistAsync();
        Assert.Equal(before, await FingerprintAsync());
        var genuine = await SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email = "owner@example.com", password = Passwords.Known });
        await AssertPlainJsonSuccessAsync(genuine, HttpStatusCode.OK);
    }

    [Fact]
    public async Task BookingRoutes_WhenTheBookingIdIsAnInjectionPayload_ShouldAnswer404OrTooLongAndChangeNothing()
    {
        await SeedAsync();
        var before = await FingerprintAsync();

        foreach (var id in Payloads.Concat(Payloads.Select(p => SeedBookingId + p)).Concat(Payloads.Select(p => $"{SeedBookingId}' OR booking_id LIKE '%{p}")))
        {
            var path = $"/api/bookings/{Uri.EscapeDataString(id)}";
            foreach (var (method, url) in new[] { (HttpMethod.Get, path), (HttpMethod.Get, $"{path}/history"), (HttpMethod.Delete, path) })
            {
                foreach (var token in new[] { Member.Token, Admin.Token })
                {
                    var response = await SendAsync(method, url, token);

                    // Longer than a booking id can be (50; a slash stays %2F in a path segment): refused by shape, before any lookup.
                    var (status, code) = id.Replace("/", "%2F", StringComparison.Ordinal).Length > 50 ? (HttpStatusCode.BadRequest, "VALIDATION_ERROR") : (HttpStatusCode.NotFound, "NOT_FOUND");
                    Assert.True(response.StatusCode == status, $"{method} {url}: {(int)response.StatusCode}");
                    await AssertPlainJsonErrorAsync(response, status, code);
                }
            }
        }

        await AssertTablesExistAsync();
        Assert.Equal(before, await FingerprintAsync());
        Assert.Equal("confirmed", await ScalarAsync<string>("SELECT status FROM bookings WHERE booking_id = $1", SeedBookingId));
    }

    [Fact]
    public async Task IntegerRoutes_WhenTheIdIsAnInjectionPayload_ShouldAnswer4xxAndChangeNothing()
    {
        await SeedAsync();
        var before = await FingerprintAsync();

        foreach (var payload in Payloads.Concat(Payloads.Select(p => string.Create(CultureInfo.InvariantCulture, $"{FutureEventId}{p}"))))
        {
            var id = Uri.EscapeDataString(payload);
            foreach (var (method, url) in new[]
            {
                (HttpMethod.Get, $"/api/events/{id}"), (HttpMethod.Delete, $"/api/events/{id}"), (HttpMethod.Get, $"/api/events/{id}/stats"),
                (HttpMethod.Get, $"/api/events/{id}/image"), (HttpMethod.Get, $"/api/bookings/admin/events/{id}"),
                (HttpMethod.Get, $"/api/bookings/admin/events/{id}/export"),
            })
            {
                var response = await SendAsync(method, url, Admin.Token);

                Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{method} {url}: {(int)response.StatusCode}");
                await AssertPlainJsonErrorAsync(response, response.StatusCode, response.StatusCode == HttpStatusCode.BadRequest ? "VALIDATION_ERROR" : "NOT_FOUND");
            }

            var role = await SendAsync(HttpMethod.Put, $"/api/admin/users/{id}/role", Admin.Token, new { role = payload });
            Assert.True(role.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"PUT role {id}: {(int)role.StatusCode}");
            await AssertPlainJsonErrorAsync(role, role.StatusCode, role.StatusCode == HttpStatusCode.BadRequest ? "VALIDATION_ERROR" : "NOT_FOUND");
        }

        await AssertTablesExistAsync();
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task CreateBooking_WhenTheIdempotencyKeyIsAnInjectionPayload_ShouldRefuseItOrKeepItAsPlainData()
    {
        await SeedAsync();
        var eventId = await ScalarAsync<int>(
            "INSERT INTO events (name, event_date, seat_capacity, available_seats) VALUES ('Keys', timezone('utc', now()) + interval '9 days', 5, 5) RETURNING id");
        string? firstAccepted = null;

        foreach (var payload in Payloads)
        {
            using var request = Request(HttpMethod.Post, "/api/bookings", Member.Token, new { eventId });
            request.Headers.TryAddWithoutValidation("Idempotency-Key", payload);
            var response = await Client.SendAsync(request);

            // The filter's rule: 1..100 printable ASCII characters, no spaces.
            if (payload.All(c => c is >= '!' and <= '~'))
            {
                firstAccepted ??= payload;
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{payload}: {(int)response.StatusCode}");
                await AssertPlainJsonAsync(response);
                Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE user_id = $1 AND key = $2", Member.Id, payload));
            }
            else
            {
                await AssertPlainJsonErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
                Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE user_id = $1 AND key = $2", Member.Id, payload));
            }
        }

        Assert.NotNull(firstAccepted);
        using var replay = Request(HttpMethod.Post, "/api/bookings", Member.Token, new { eventId });
        replay.Headers.TryAddWithoutValidation("Idempotency-Key", firstAccepted);
        var replayed = await Client.SendAsync(replay);
        await AssertPlainJsonSuccessAsync(replayed, HttpStatusCode.Created);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotency-Replayed").Single());

        await AssertTablesExistAsync();
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM bookings WHERE event_id = $1", eventId));
        Assert.Equal(4, await ScalarAsync<int>("SELECT available_seats FROM events WHERE id = $1", eventId));
    }

    [Fact]
    public async Task ProtectedRoutes_WhenTheAuthorizationHeaderIsGarbage_ShouldAnswer401()
    {
        await SeedAsync();

        foreach (var payload in Payloads)
        {
            var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload));
            foreach (var header in new[] { $"Bearer {payload}", payload, $"Basic {base64}", $"Bearer {base64}.{base64}.{base64}", $"Bearer {Admin.Token}{payload}" })
            {
                foreach (var url in new[] { "/api/auth/me", "/api/bookings/user/me", "/api/admin/users" })
                {
                    using var request = Request(HttpMethod.Get, url);
                    request.Headers.TryAddWithoutValidation("Authorization", header);
                    var response = await Client.SendAsync(request);

                    await AssertPlainJsonErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
                }
            }
        }

        await AssertTablesExistAsync();
    }

    [Fact]
    public async Task AnyRoute_WhenForwardingAndOtherHeadersCarryPayloads_ShouldBeHarmless()
    {
        await SeedAsync();
        var before = await FingerprintAsync();

        var attempt = 0;
        foreach (var payload in Payloads)
        {
            foreach (var header in new[] { "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "X-Real-IP", "User-Agent", "Referer", "Accept-Language", "Origin" })
            {
                using var list = Request(HttpMethod.Get, "/api/events");
                list.Headers.TryAddWithoutValidation(header, payload);
                var listed = await Client.SendAsync(list);
                await AssertPlainJsonSuccessAsync(listed, HttpStatusCode.OK);
                if (header != "X-Forwarded-For")
                {
                    // A failed login costs a bcrypt verification: the client address header is the one that matters there.
                    continue;
                }

                // A new address each time: failures for one address would trip the brute-force lock.
                var email = string.Create(CultureInfo.InvariantCulture, $"nobody{attempt++}@example.com");
                using var login = Request(HttpMethod.Post, "/api/auth/login", json: new { email, password = "password123" });
                login.Headers.TryAddWithoutValidation(header, payload);
                var refused = await Client.SendAsync(login);
                await AssertPlainJsonErrorAsync(refused, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            }

            using var typed = Request(HttpMethod.Post, "/api/auth/login");
            typed.Content = new StringContent("{}", Encoding.UTF8);
            typed.Content.Headers.Remove("Content-Type");
            typed.Content.Headers.TryAddWithoutValidation("Content-Type", payload);
            var wrongType = await Client.SendAsync(typed);
            Assert.True((int)wrongType.StatusCode is 400 or 415, $"Content-Type {payload}: {(int)wrongType.StatusCode}");
            await AssertPlainJsonAsync(wrongType);
        }

        await AssertTablesExistAsync();
        Assert.Equal(before, await FingerprintAsync());
    }

    private async Task AssertEventStoredVerbatimAsync(int id, string name, string description)
    {
        Assert.Equal(name, await ScalarAsync<string>("SELECT name FROM events WHERE id = $1", id));
        Assert.Equal(description, await ScalarAsync<string>("SELECT description FROM events WHERE id = $1", id));
        var read = await AssertPlainJsonSuccessAsync(await Client.GetAsync(new Uri($"/api/events/{id}", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal(description, read.GetProperty("description").GetString());
    }

    /// <summary>
    /// JSON only, with nosniff, so a payload in it is never in an HTML context (JSON strings escape quotes and
    /// backslashes; <c>&lt;</c> may stay as it is); no exception text. Returns the body.
    /// </summary>
    private static async Task<string> AssertPlainJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{response.Content.Headers.ContentType}: {body}");
        Assert.False(LeaksInternals(body), body);
        Assert.Equal("nosniff", response.Headers.TryGetValues("X-Content-Type-Options", out var values) ? values.Single() : null);
        return body;
    }

    private static async Task<JsonElement> AssertPlainJsonSuccessAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await AssertPlainJsonAsync(response);
        return await AssertSuccessAsync(response, status);
    }

    private static async Task AssertPlainJsonErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        await AssertPlainJsonAsync(response);
        await AssertErrorAsync(response, status, code);
    }
}
