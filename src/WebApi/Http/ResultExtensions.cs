using EventBooking.Domain.Common;

namespace EventBooking.WebApi.Http;

/// <summary>The one line every endpoint ends with: a result becomes the success envelope or the error envelope.</summary>
internal static class ResultExtensions
{
    public static IResult ToHttpResult<T>(this Result<T> result, int successStatusCode = StatusCodes.Status200OK) =>
        result.IsSuccess
            ? Results.Json(new SuccessEnvelope<T>(result.Value), statusCode: successStatusCode)
            : new ErrorResult(result.Error!);

    /// <summary>For the deletes: <c>{"success": true, "message": ...}</c> or the error envelope.</summary>
    public static IResult ToMessageResult(this Result<string> result) =>
        result.IsSuccess ? Results.Json(new MessageEnvelope(result.Value)) : new ErrorResult(result.Error!);
}
