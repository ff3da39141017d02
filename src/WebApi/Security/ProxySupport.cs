using EventBooking.Infrastructure.Configuration;
using EventBooking.WebApi.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace EventBooking.WebApi.Security;

/// <summary>The <c>ForwardedHeaders</c> section: which proxies in front of the API may say who the client is.</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses, comma-separated (<c>127.0.0.1,10.0.0.5</c>).</summary>
    public string? KnownProxies { get; set; }

    /// <summary>Proxy networks, CIDR, comma-separated (<c>10.0.0.0/8</c>).</summary>
    public string? KnownNetworks { get; set; }

    /// <summary>How many proxies deep <c>X-Forwarded-For</c> is read, from the right.</summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>
/// <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>, honoured only from the configured
/// proxies: then the client address (rate limits, login throttling) is the real client's, and absolute URLs in answers
/// (<see cref="PublicUrls"/>) carry the address the client used. With no proxy configured the headers are ignored,
/// whoever sends them, so nobody can pick the address their limits are counted against.
/// </summary>
internal static class ProxySupport
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>()
            .BindSection(ProxyOptions.SectionName)
            .Validate(o => IpLists.Addresses(o.KnownProxies) is not null, "ForwardedHeaders__KnownProxies must be IP addresses, comma-separated.")
            .Validate(o => IpLists.Networks(o.KnownNetworks) is not null, "ForwardedHeaders__KnownNetworks must be CIDR networks, comma-separated (e.g. 10.0.0.0/8).")
            .Validate(o => o.ForwardLimit is >= 1 and <= 10, "ForwardedHeaders__ForwardLimit must be between 1 and 10.")
            .ValidateOnStart();

        var proxy = configuration.GetSettings<ProxyOptions>(ProxyOptions.SectionName);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = proxy.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in IpLists.Addresses(proxy.KnownProxies) ?? [])
            {
                options.KnownProxies.Add(address);
            }

            foreach (var network in IpLists.Networks(proxy.KnownNetworks) ?? [])
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>Reads the forwarded headers when a proxy is configured; otherwise leaves the connection's address alone.</summary>
    public static WebApplication UseProxySupport(this WebApplication app, ProxyOptions proxy)
    {
        if (!string.IsNullOrWhiteSpace(proxy.KnownProxies) || !string.IsNullOrWhiteSpace(proxy.KnownNetworks))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
