namespace EventBooking.Application.Tickets;

/// <summary>Draws a ticket's token as a QR code that standard readers decode back to the token.</summary>
public interface ITicketCodeRenderer
{
    byte[] RenderPng(string token);

    string RenderSvg(string token);
}
