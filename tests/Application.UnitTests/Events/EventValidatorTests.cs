using EventBooking.Application.Events.Commands.CreateEvent;
using EventBooking.Application.Events.Commands.UpdateEvent;
using EventBooking.Application.Events.Queries.ListEvents;

namespace EventBooking.Application.UnitTests.Events;

public sealed class EventValidatorTests
{
    private static readonly DateTime Soon = DateTime.UtcNow.AddDays(2);

    [Fact]
    public void CreateValidator_WhenFieldsAreMissing_ShouldNameEachOne()
    {
        var result = new CreateEventCommandValidator().Validate(new CreateEventCommand("  ", null, null, null, null));

        Assert.Equal(["Name", "EventDate", "SeatCapacity"], result.Errors.Select(e => e.PropertyName));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    public void CreateValidator_ShouldAcceptCapacitiesFromOneToTenThousand(int capacity, bool valid) =>
        Assert.Equal(valid, new CreateEventCommandValidator().Validate(new CreateEventCommand("E", null, Soon, capacity, null)).IsValid);

    [Fact]
    public void UpdateValidator_WhenNothingIsGiven_ShouldPassBecauseNullMeansNoChange() =>
        Assert.True(new UpdateEventCommandValidator().Validate(new UpdateEventCommand(1, null, null, null, null, null)).IsValid);

    [Fact]
    public void UpdateValidator_WhenANameIsBlank_ShouldFail() =>
        Assert.False(new UpdateEventCommandValidator().Validate(new UpdateEventCommand(1, "  ", null, null, null, null)).IsValid);

    [Theory]
    [InlineData(50, 0, null, true)]
    [InlineData(0, 0, null, false)]
    [InlineData(50, -1, null, false)]
    [InlineData(50, 0, "conference", true)]
    public void ListValidator_ShouldApplyPagingRules(int limit, int offset, string? search, bool valid) =>
        Assert.Equal(valid, new ListEventsQueryValidator().Validate(new ListEventsQuery(limit, offset, false, search, false)).IsValid);

    [Fact]
    public void ListValidator_WhenSearchIsLongerThan100_ShouldFail() =>
        Assert.False(new ListEventsQueryValidator().Validate(new ListEventsQuery(Search: new string('s', 101))).IsValid);
}
