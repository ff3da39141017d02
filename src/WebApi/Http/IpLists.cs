using System.Net;

namespace EventBooking.WebApi.Http;

/// <summary>Comma-separated lists of IP addresses or CIDR networks, as settings hold them (proxies, metrics clients).</summary>
internal static class IpLists
{
    /// <summary>The addresses (empty for none), or null when one is malformed.</summary>
    public static IReadOnlyList<IPAddress>? Addresses(string? list) => Parse<IPAddress>(list, IPAddress.TryParse);

    /// <summary>The networks (empty for none), or null when one is malformed.</summary>
    public static IReadOnlyList<IPNetwork>? Networks(string? list) => Parse<IPNetwork>(list, IPNetwork.TryParse);

    private delegate bool TryParse<T>(string text, out T? value);

    private static List<T>? Parse<T>(string? list, TryParse<T> tryParse)
    {
        var items = new List<T>();
        foreach (var part in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!tryParse(part, out var item))
            {
                return null;
            }

            items.Add(item!);
        }

        return items;
    }
}
