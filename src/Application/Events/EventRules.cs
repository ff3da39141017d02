using EventBooking.Domain.Events;
using FluentValidation;

namespace EventBooking.Application.Events;

/// <summary>Shape rules for event fields, shared by the create and update validators.</summary>
internal static class EventRules
{
    public static IRuleBuilderOptions<T, string?> ValidEventName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => n is null || n.Trim().Length is > 0 and <= Event.MaxNameLength)
            .WithMessage($"Name must be between 1 and {Event.MaxNameLength} characters");

    public static IRuleBuilderOptions<T, string?> ValidDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(d => d is null || d.Length <= Event.MaxDescriptionLength)
            .WithMessage($"Description must be at most {Event.MaxDescriptionLength} characters");

    public static IRuleBuilderOptions<T, int?> ValidSeatCapacity<T>(this IRuleBuilder<T, int?> rule) =>
        rule.Must(c => c is null or >= Event.MinSeatCapacity and <= Event.MaxSeatCapacity)
            .WithMessage($"Seat capacity must be between {Event.MinSeatCapacity} and {Event.MaxSeatCapacity}");
}
