using EventBooking.Domain.Users;
using Mapster;

namespace EventBooking.Application.Users;

internal sealed class UserMappings : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<User, UserListItem>();
}
