using EventBooking.Application.Common.Behaviours;
using EventBooking.Application.Common.Notifications;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Events.Commands.DeleteEvent;

public sealed record DeleteEventCommand(int EventId) : IRequest<Result<string>>, ITransactional, IChangesEvents;
