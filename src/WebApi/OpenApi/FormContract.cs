namespace EventBooking.WebApi.OpenApi;

/// <summary>
/// Endpoint metadata naming the type that documents its multipart/form-data body. Routing needs one
/// accepts-metadata listing both content types, so without this OpenAPI would show the JSON schema for both.
/// </summary>
internal sealed class FormContract(Type formType)
{
    public Type FormType { get; } = formType;
}
