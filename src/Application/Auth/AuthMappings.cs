using EventBooking.Domain.Users;
using Mapster;

namespace EventBooking.Application.Auth;

internal sealed class AuthMappings : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<User, AuthUserResponse>();
}
