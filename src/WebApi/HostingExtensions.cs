using Microsoft.AspNetCore.Hosting;

namespace EventBooking.WebApi;

internal static class HostingExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>Listens on loopback port 5000 unless ASPNETCORE_URLS (or --urls) says otherwise.</summary>
    public static WebApplicationBuilder UseDefaultUrls(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }
}
