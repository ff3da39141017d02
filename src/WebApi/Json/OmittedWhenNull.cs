using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using EventBooking.Application.Bookings;
using EventBooking.Application.Events;

namespace EventBooking.WebApi.Json;

/// <summary>
/// The few properties the contract leaves out when they have no value (the event's <c>creator</c>
/// once that user is gone; <c>creator.email</c> for non-admins). Every other nullable field is written
/// as an explicit <c>null</c>, which existing clients expect. A booking's <c>user</c> is for admins only; a
/// waiting-list entry's <c>history</c> is only in the answers that read it.
/// </summary>
internal static class OmittedWhenNull
{
    private static readonly (Type Type, string Property)[] Properties =
    [
        (typeof(EventResponse), nameof(EventResponse.Creator)),
        (typeof(CreatorResponse), nameof(CreatorResponse.Email)),
        (typeof(BookingDetailResponse), nameof(BookingDetailResponse.User)),
        (typeof(Application.Waitlist.WaitlistEntryResponse), nameof(Application.Waitlist.WaitlistEntryResponse.History)),
    ];

    /// <summary>Whether the property is left out of the JSON when it has no value (here, or by <c>[JsonIgnore(WhenWritingNull)]</c>).</summary>
    public static bool IsOmittedWhenNull(JsonPropertyInfo property) =>
        property.ShouldSerialize is not null
        || property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.WhenWritingNull) == true;

    public static void Apply(JsonTypeInfo typeInfo)
    {
        foreach (var (type, property) in Properties)
        {
            if (typeInfo.Type != type)
            {
                continue;
            }

            foreach (var json in typeInfo.Properties.Where(p => p.AttributeProvider is System.Reflection.MemberInfo m && m.Name == property))
            {
                json.ShouldSerialize = static (_, value) => value is not null;
            }
        }
    }
}
