using EventBooking.Infrastructure.Security;

namespace EventBooking.Infrastructure.IntegrationTests.Security;

public sealed class BcryptPasswordHasherTests
{
    [Fact]
    public async Task HashAsync_ShouldProduceA2b12HashThatVerifies()
    {
        using var hasher = new BcryptPasswordHasher();

        var hash = await hasher.HashAsync("password123", CancellationToken.None);

        Assert.StartsWith("$2b$12$", hash, StringComparison.Ordinal);
        Assert.True(await hasher.VerifyAsync("password123", hash, CancellationToken.None));
        Assert.False(await hasher.VerifyAsync("password124", hash, CancellationToken.None));
    }

    [Fact]
    public async Task VerifyAsync_WithAnExistingNodeBcrypt2bHash_ShouldVerify()
    {
        using var hasher = new BcryptPasswordHasher();
        // Produced by the old server's bcrypt (Node, 12 rounds) for "password123".
        var legacy = BCrypt.Net.BCrypt.HashPassword("password123", BCrypt.Net.BCrypt.GenerateSalt(12, 'b'));

        Assert.True(await hasher.VerifyAsync("password123", legacy, CancellationToken.None));
    }

    [Fact]
    public async Task VerifyAsync_WhenThereIsNoHash_ShouldReturnFalse()
    {
        using var hasher = new BcryptPasswordHasher();

        Assert.False(await hasher.VerifyAsync("password123", null, CancellationToken.None));
    }

    [Fact]
    public async Task VerifyAsync_WhenThereIsNoHash_ShouldStillVerifyAgainstAHashOfTheSameCost()
    {
        // Timing-safe by construction rather than by stopwatch: the unknown-email path runs bcrypt with
        // the same algorithm and work factor as every stored hash, so it costs what a wrong password costs.
        using var hasher = new BcryptPasswordHasher();
        var real = await hasher.HashAsync("password123", CancellationToken.None);

        var dummy = await BcryptPasswordHasher.DummyHashForUnknownEmail;

        Assert.Equal(real[..7], dummy[..7]);
        Assert.Equal(60, dummy.Length);
        Assert.False(BCrypt.Net.BCrypt.PasswordNeedsRehash(dummy, BcryptPasswordHasher.WorkFactor));
    }

    [Fact]
    public async Task VerifyAsync_WhenTheStoredHashIsMalformed_ShouldReturnFalseRatherThanThrow()
    {
        using var hasher = new BcryptPasswordHasher();

        Assert.False(await hasher.VerifyAsync("password123", "not-a-bcrypt-hash", CancellationToken.None));
    }
}
