using System.Text.Json;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>Assertions on the contract's payloads, by their wire names.</summary>
public static class ApiAssertions
{
    /// <summary>The contract's AuthUser: exactly <c>{id, email, name, role}</c> with these values (no hash, no extras).</summary>
    public static void AssertAuthUser(JsonElement user, int id, string email, string name, string role)
    {
        Assert.Equal(["email", "id", "name", "role"], user.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(id, user.GetProperty("id").GetInt32());
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal(name, user.GetProperty("name").GetString());
        Assert.Equal(role, user.GetProperty("role").GetString());
    }

    /// <summary>The <c>field</c> of each entry of a validation error's <c>details</c>, each with a message.</summary>
    public static IReadOnlyList<string> DetailFields(JsonElement error)
    {
        Assert.True(error.TryGetProperty("details", out var details), $"No details in {error}");
        var fields = new List<string>();
        foreach (var detail in details.EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(detail.GetProperty("message").GetString()));
            fields.Add(detail.GetProperty("field").GetString()!);
        }

        return fields;
    }

    /// <summary>No stack trace, exception text or driver name in a body, whatever went wrong.</summary>
    public static async Task AssertNoInternalsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.OrdinalIgnoreCase);
    }
}
