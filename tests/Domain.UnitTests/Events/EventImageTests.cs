using EventBooking.Domain.Events;

namespace EventBooking.Domain.UnitTests.Events;

public sealed class EventImageTests
{
    public static TheoryData<byte[], string> Signatures() => new()
    {
        { [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], "image/jpeg" },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00], "image/png" },
        { "GIF89a..."u8.ToArray(), "image/gif" },
        { "GIF87a..."u8.ToArray(), "image/gif" },
        { "RIFF\u0010\0\0\0WEBPVP8 "u8.ToArray(), "image/webp" },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void FromBytes_WhenTheSignatureIsAnAcceptedImage_ShouldDetectItsType(byte[] content, string contentType)
    {
        var image = EventImage.FromBytes(content);

        Assert.True(image.IsSuccess);
        Assert.Equal(contentType, image.Value.ContentType);
    }

    [Theory]
    [InlineData("this is text renamed to .png")]
    [InlineData("RIFF\u0010\0\0\0WAVEfmt ")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("")]
    public void FromBytes_WhenTheBytesAreNotAnAcceptedImage_ShouldRefuseWithInvalidFileType(string text)
    {
        var image = EventImage.FromBytes(System.Text.Encoding.Latin1.GetBytes(text));

        Assert.Equal(EventErrors.InvalidImageType, image.Error);
        Assert.Equal("INVALID_FILE_TYPE", image.Error!.Code);
    }

    [Fact]
    public void FromBytes_WhenLargerThanFiveMebibytes_ShouldRefuseWithFileTooLarge()
    {
        var content = new byte[EventImage.MaxBytes + 1];
        content[0] = 0xFF;
        content[1] = 0xD8;
        content[2] = 0xFF;

        var image = EventImage.FromBytes(content);

        Assert.Equal(EventErrors.ImageTooLarge, image.Error);
        Assert.Equal("FILE_TOO_LARGE", image.Error!.Code);
    }

    [Fact]
    public void FromBytes_AtExactlyFiveMebibytes_ShouldBeAccepted()
    {
        var content = new byte[EventImage.MaxBytes];
        content[0] = 0xFF;
        content[1] = 0xD8;
        content[2] = 0xFF;

        Assert.True(EventImage.FromBytes(content).IsSuccess);
    }
}
