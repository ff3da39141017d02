namespace EventBooking.WebApi.OpenApi;

/// <summary>
/// Endpoint metadata naming the type that documents its multipart/form-data body, and which of its fields the
/// endpoint requires. Routing needs one accepts-metadata listing both content types, so without this OpenAPI would
/// show the JSON schema for both.
/// </summary>
internal sealed class FormContract(Type formType, params string[] required)
{
    public Type FormType { get; } = formType;

    /// <summary>The form fields (camelCase) a request must send; every other one may be left out.</summary>
    public IReadOnlyList<string> Required { get; } = required;
}
