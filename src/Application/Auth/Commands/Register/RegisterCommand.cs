using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Auth.Commands.Register;

/// <summary>Creates a regular user and signs them in. There is no role: nobody registers as an admin.</summary>
public sealed record RegisterCommand(string Email, string Name, string Password) : IRequest<Result<AuthResponse>>;
