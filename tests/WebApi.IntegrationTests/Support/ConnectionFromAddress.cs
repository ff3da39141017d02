using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>The in-memory server has no peer address: gives every connection one, before the API's pipeline (as if through a proxy there).</summary>
public sealed class ConnectionFromAddress(IPAddress address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
        {
            http.Connection.RemoteIpAddress = address;
            return nextMiddleware(http);
        });
        next(app);
    };
}
