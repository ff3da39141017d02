using EventBooking.TestSupport;

namespace EventBooking.Infrastructure.IntegrationTests.Support;

public sealed class DatabaseFixture() : PostgresFixture("infrastructure");
