using System.Text;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>
/// Small files that are images by their signature (what the API checks), plus a few bytes that make each
/// one distinct, and a text file that only claims to be one.
/// </summary>
public static class TestImages
{
    public static byte[] Png(byte marker = 1) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, marker, 0x42];

    public static byte[] Jpeg(byte marker = 1) => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, marker, 0xFF, 0xD9];

    public static byte[] Gif(byte marker = 1) => [.. Encoding.ASCII.GetBytes("GIF89a"), 0x01, 0x00, 0x01, 0x00, marker, 0x3B];

    public static byte[] Webp(byte marker = 1) =>
        [.. Encoding.ASCII.GetBytes("RIFF"), 0x1A, 0x00, 0x00, 0x00, .. Encoding.ASCII.GetBytes("WEBPVP8 "), marker, 0x00];

    public static byte[] Text => Encoding.UTF8.GetBytes("this is not an image, whatever its name says\n");

    /// <summary>A PNG of exactly <paramref name="length"/> bytes.</summary>
    public static byte[] PngOfLength(int length)
    {
        var bytes = new byte[length];
        Png().AsSpan(0, 8).CopyTo(bytes);
        return bytes;
    }
}
