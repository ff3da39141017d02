using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Users;

/// <summary>Admin user management: GET /api/admin/users and PUT /api/admin/users/{id}/role.</summary>
public sealed class AdminUserTests(DatabaseFixture database) : ApiTest(database)
{
    private const string Users = "/api/admin/users";

    [Fact]
    public async Task ListUsers_WhenCallerIsAdmin_ShouldAnswer200WithEveryUserOrderedById()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin", "Admin");
        var (bobId, _) = await CreateUserAsync("bob@example.com", name: "Bob");
        var (carolId, _) = await CreateUserAsync("carol@example.com", name: "Carol");

        var response = await SendAsync(HttpMethod.Get, Users, adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(3, data.GetProperty("total").GetInt32());
        Assert.False(data.GetProperty("hasMore").GetBoolean());
        var users = data.GetProperty("users").EnumerateArray().ToList();
        Assert.Equal([adminId, bobId, carolId], users.Select(u => u.GetProperty("id").GetInt32()));
        var bob = users[1];
        Assert.Equal(["createdAt", "email", "id", "name", "role"], bob.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("bob@example.com", bob.GetProperty("email").GetString());
        Assert.Equal("Bob", bob.GetProperty("name").GetString());
        Assert.Equal("user", bob.GetProperty("role").GetString());
        Assert.Equal("admin", users[0].GetProperty("role").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", bob.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task ListUsers_WhenLimitAndOffsetAreGiven_ShouldAnswerThatPageWithTotalAndHasMore()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var ids = new List<int>();
        for (var i = 1; i <= 4; i++)
        {
            ids.Add((await CreateUserAsync($"user{i}@example.com")).Id);
        }

        var middle = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, $"{Users}?limit=2&offset=1", adminToken), HttpStatusCode.OK);
        var last = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, $"{Users}?limit=2&offset=3", adminToken), HttpStatusCode.OK);

        Assert.Equal(ids[..2], middle.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetInt32()));
        Assert.Equal(5, middle.GetProperty("total").GetInt32());
        Assert.True(middle.GetProperty("hasMore").GetBoolean());
        Assert.Equal(ids[2..], last.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetInt32()));
        Assert.Equal(5, last.GetProperty("total").GetInt32());
        Assert.False(last.GetProperty("hasMore").GetBoolean());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=abc", "limit")]
    public async Task ListUsers_WhenPagingIsOutOfRange_ShouldAnswer400NamingTheParameter(string query, string field)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Get, $"{Users}?{query}", adminToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([field], DetailFields(error));
        await AssertNoInternalsAsync(response);
    }

    [Fact]
    public async Task ListUsers_WhenCallerIsARegularUser_ShouldAnswer403AdminAccessRequired()
    {
        var (_, token) = await CreateUserAsync("bob@example.com");

        var response = await SendAsync(HttpMethod.Get, Users, token);

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("Admin access required", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ListUsers_WhenAnonymous_ShouldAnswer401AuthenticationRequired()
    {
        var response = await SendAsync(HttpMethod.Get, Users);

        var error = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal("Authentication required", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ListUsers_WhenTheUserWasPromotedInTheDatabaseAfterTheTokenWasIssued_ShouldAnswer200WithTheOldToken()
    {
        var (id, userToken) = await CreateUserAsync("bob@example.com");
        await SetRoleInDatabaseAsync(id, "admin");

        var response = await SendAsync(HttpMethod.Get, Users, userToken);

        await AssertSuccessAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task ListUsers_WhenTheAdminWasDemotedInTheDatabaseAfterTheTokenWasIssued_ShouldAnswer403WithTheOldToken()
    {
        var (id, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        await SetRoleInDatabaseAsync(id, "user");

        var response = await SendAsync(HttpMethod.Get, Users, adminToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("Admin access required", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ChangeRole_WhenPromotingAUser_ShouldAnswer200WithTheUpdatedUserAndStoreTheRole()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var (bobId, bobToken) = await CreateUserAsync("bob@example.com", name: "Bob");

        var response = await SendAsync(HttpMethod.Put, RolePath(bobId), adminToken, new { role = "admin" });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertAuthUser(data, bobId, "bob@example.com", "Bob", "admin");
        Assert.Equal("admin", await RoleInDatabaseAsync(bobId));
        await AssertSuccessAsync(await SendAsync(HttpMethod.Get, Users, bobToken), HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangeRole_WhenDemotingOneOfTwoAdmins_ShouldAnswer200AndStoreTheRole()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var (otherId, _) = await CreateUserAsync("other@example.com", "admin", "Other");

        var response = await SendAsync(HttpMethod.Put, RolePath(otherId), adminToken, new { role = "user" });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertAuthUser(data, otherId, "other@example.com", "Other", "user");
        Assert.Equal("user", await RoleInDatabaseAsync(otherId));
    }

    [Fact]
    public async Task ChangeRole_WhenTheUserDoesNotExist_ShouldAnswer404UserNotFound()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Put, RolePath(adminId + 1000), adminToken, new { role = "admin" });

        var error = await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("User not found", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""{"role":"root"}""")]
    [InlineData("""{"role":"Admin"}""")]
    [InlineData("""{"role":""}""")]
    [InlineData("{}")]
    public async Task ChangeRole_WhenTheRoleIsNotUserOrAdmin_ShouldAnswer400AndLeaveTheRole(string body)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var (bobId, _) = await CreateUserAsync("bob@example.com");

        var response = await SendTextAsync(HttpMethod.Put, RolePath(bobId), body, token: adminToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("role", DetailFields(error));
        Assert.Equal("user", await RoleInDatabaseAsync(bobId));
    }

    [Fact]
    public async Task ChangeRole_WhenTheIdIsNotANumber_ShouldAnswer400()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Put, $"{Users}/abc/role", adminToken, new { role = "admin" });

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertNoInternalsAsync(response);
    }

    [Fact]
    public async Task ChangeRole_WhenTheOnlyAdminDemotesThemself_ShouldAnswer409AndStayAdmin()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        await CreateUserAsync("bob@example.com");

        var response = await SendAsync(HttpMethod.Put, RolePath(adminId), adminToken, new { role = "user" });

        var error = await AssertErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal("Cannot demote the last admin", error.GetProperty("message").GetString());
        Assert.Equal("admin", await RoleInDatabaseAsync(adminId));
    }

    [Fact]
    public async Task ChangeRole_WhenCallerIsARegularUser_ShouldAnswer403AndChangeNothing()
    {
        await CreateUserAsync("admin@example.com", "admin");
        var (bobId, bobToken) = await CreateUserAsync("bob@example.com");

        var response = await SendAsync(HttpMethod.Put, RolePath(bobId), bobToken, new { role = "admin" });

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("user", await RoleInDatabaseAsync(bobId));
    }

    [Fact]
    public async Task ChangeRole_WhenTwoAdminsDemoteEachOtherAtOnce_ShouldLetExactlyOneSucceedAndLeaveOneAdmin()
    {
        var (aliceId, aliceToken) = await CreateUserAsync("alice@example.com", "admin");
        var (bobId, bobToken) = await CreateUserAsync("bob@example.com", "admin");

        // A few rounds: one round can pass by luck of scheduling.
        for (var round = 0; round < 5; round++)
        {
            await SetRoleInDatabaseAsync(aliceId, "admin");
            await SetRoleInDatabaseAsync(bobId, "admin");

            var responses = await Task.WhenAll(
                SendAsync(HttpMethod.Put, RolePath(bobId), aliceToken, new { role = "user" }),
                SendAsync(HttpMethod.Put, RolePath(aliceId), bobToken, new { role = "user" }));

            Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM users WHERE role = 'admin'"));
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            // The loser is refused as the last admin, or (when its request arrives after the other commit) as no longer an admin.
            var refused = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK);
            if (refused.StatusCode == HttpStatusCode.Forbidden)
            {
                await AssertErrorAsync(refused, HttpStatusCode.Forbidden, "FORBIDDEN");
            }
            else
            {
                var error = await AssertErrorAsync(refused, HttpStatusCode.Conflict, "CONFLICT");
                Assert.Equal("Cannot demote the last admin", error.GetProperty("message").GetString());
            }
        }
    }

    private static string RolePath(int id) => $"{Users}/{id}/role";

    private Task<string> RoleInDatabaseAsync(int id) => ScalarAsync<string>("SELECT role FROM users WHERE id = $1", id);

    private Task<int> SetRoleInDatabaseAsync(int id, string role) =>
        ScalarAsync<int>("UPDATE users SET role = $2 WHERE id = $1 RETURNING id", id, role);
}
