using Microsoft.AspNetCore.Http.Metadata;

namespace EventBooking.WebApi.Http;

/// <summary>
/// Endpoint metadata: this endpoint takes bodies up to <see cref="MaxRequestBodySize"/> bytes, and a
/// larger one is answered with <see cref="ErrorCode"/> (e.g. <c>FILE_TOO_LARGE</c>) before it is read.
/// </summary>
internal sealed class UploadSizeLimit(long maxRequestBodySize, string errorCode, string message) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = maxRequestBodySize;

    public string ErrorCode { get; } = errorCode;

    public string Message { get; } = message;
}
