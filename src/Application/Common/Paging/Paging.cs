using FluentValidation;

namespace EventBooking.Application.Common.Paging;

/// <summary>The contract's paging rules for every list: <c>limit</c> 1..100 (default 50), <c>offset</c> >= 0.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static IRuleBuilderOptions<T, int> ValidLimit<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, MaxLimit).WithMessage($"Limit must be between 1 and {MaxLimit}");

    /// <summary>Whether items follow a page of <paramref name="count"/> taken at <paramref name="offset"/> of <paramref name="total"/>: every list's <c>hasMore</c>.</summary>
    public static bool HasMore(int offset, int count, int total) => offset + count < total;

    public static IRuleBuilderOptions<T, int> ValidOffset<T>(this IRuleBuilder<T, int> rule) =>
        rule.GreaterThanOrEqualTo(0).WithMessage("Offset must be 0 or more");
}
