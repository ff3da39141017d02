using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Auth.Commands.Login;

public sealed record LoginCommand(string Email, string Password) : IRequest<Result<AuthResponse>>;
