using EventBooking.TestSupport;

namespace EventBooking.WebApi.IntegrationTests.Support;

public sealed class DatabaseFixture() : PostgresFixture("webapi");
