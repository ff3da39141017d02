namespace EventBooking.Infrastructure.Persistence.Seeding;

/// <summary>The seed data of contract section 7. Event dates are relative to the moment of seeding.</summary>
internal static class SeedData
{
    public const string Password = "password123";
    public const string AdminEmail = "admin@example.com";

    public static readonly IReadOnlyList<SeedUser> Users =
    [
        new(AdminEmail, "Admin User", "admin"),
        new("john@example.com", "John Doe", "user"),
        new("jane@example.com", "Jane Smith", "user"),
        new("bob@example.com", "Bob Johnson", "user"),
    ];

    public static readonly IReadOnlyList<SeedEvent> Events =
    [
        new("Tech Conference 2025", "Annual technology conference featuring the latest innovations in software development.", now => now.AddMonths(1), 500),
        new("Web Development Workshop", "Hands-on workshop covering modern web development techniques.", now => now.AddDays(7), 50),
        new("AI & Machine Learning Seminar", "An introduction to applied artificial intelligence and machine learning.", now => now.AddDays(1), 100),
        new("Cloud Architecture Masterclass", "Designing scalable, resilient systems in the cloud.", now => now.AddYears(1), 200),
        new("DevOps Best Practices", "Continuous delivery, infrastructure as code and observability in practice.", now => now.AddMonths(1).AddDays(7), 75),
        new("Past Event - JavaScript Fundamentals", "A fundamentals course that has already taken place.", now => now.AddDays(-1), 30),
    ];

    public static readonly IReadOnlyList<SeedBooking> Bookings =
    [
        new("BK-SEED-001", "john@example.com", "Tech Conference 2025"),
        new("BK-SEED-002", "jane@example.com", "Tech Conference 2025"),
        new("BK-SEED-003", "bob@example.com", "Web Development Workshop"),
        new("BK-SEED-004", "john@example.com", "AI & Machine Learning Seminar"),
        new("BK-SEED-005", "jane@example.com", "Cloud Architecture Masterclass"),
    ];

    internal sealed record SeedUser(string Email, string Name, string Role);

    internal sealed record SeedEvent(string Name, string Description, Func<DateTime, DateTime> Date, int SeatCapacity);

    internal sealed record SeedBooking(string BookingId, string UserEmail, string EventName);
}
