using System.Security.Cryptography;
using System.Text;

using Microsoft.Extensions.Options;

using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Api;

/// <summary>Lets an ingest request through only with an <c>X-Api-Key</c> from <c>ResultsLive:Ingest:ApiKeys</c>.</summary>
internal sealed class ApiKeyFilter(IOptions<ResultsLiveOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var presented = context.HttpContext.Request.Headers[Header].ToString();
        if (presented.Length == 0 || !options.Value.Ingest.ApiKeys.Any(key => FixedTimeEquals(key, presented)))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = Header;
            var reason = presented.Length == 0 ? "is required" : "is not an accepted ingest key";
            return ValueTask.FromResult<object?>(ApiProblems.Status(StatusCodes.Status401Unauthorized, "Unauthorized", Header, reason));
        }

        return next(context);
    }

    // Comparing in fixed time stops a caller learning a key a character at a time from response timings.
    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
