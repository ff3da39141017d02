using EventBooking.Application.Tickets;
using QRCoder;

namespace EventBooking.Infrastructure.Tickets;

/// <summary>
/// QR codes by QRCoder: error correction level M (15% of the code may be damaged or dirty), 8 pixels per module and
/// the standard 4-module quiet zone, which phone cameras and door scanners read at arm's length.
/// </summary>
internal sealed class QrTicketCodeRenderer : ITicketCodeRenderer
{
    private const int PixelsPerModule = 8;

    public byte[] RenderPng(string token)
    {
        using var data = Encode(token);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }

    public string RenderSvg(string token)
    {
        using var data = Encode(token);
        return new SvgQRCode(data).GetGraphic(PixelsPerModule);
    }

    private static QRCodeData Encode(string token)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(token, QRCodeGenerator.ECCLevel.M);
    }
}
