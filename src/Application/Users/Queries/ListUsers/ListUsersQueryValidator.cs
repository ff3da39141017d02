using EventBooking.Application.Common.Paging;
using FluentValidation;

namespace EventBooking.Application.Users.Queries.ListUsers;

internal sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Offset).ValidOffset();
    }
}
