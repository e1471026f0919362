using System.Net;

using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Security;

/// <summary>ASP.NET Core's rate limiter in front of the sign-in form: per address, counting only attempts.</summary>
public sealed class SignInRateLimitTests : IDisposable
{
    // A window of an hour, so the test never straddles two windows however slowly it runs.
    private readonly WebNode _node = WebNode.For2024(new Dictionary<string, string?>(Newsroom.Settings())
    {
        ["ResultsLive:Auth:SignInRateLimit"] = "3",
        ["ResultsLive:Auth:SignInRateWindow"] = "01:00:00",
    });

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheLimitFromOneAddress_Are429UntilTheWindowEnds()
    {
        using var browser = _node.Browse("203.0.113.50");
        for (var i = 0; i < 3; i++)
        {
            using var attempt = await browser.SignInAsync("oscar", $"guess {i}");
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        using var limited = await browser.SignInAsync("oscar");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Showing the form is not an attempt, and another address has its own allowance.
        using var form = await browser.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        using var other = _node.Browse("198.51.100.50");
        await other.SignedInAsync("oscar");
    }
}
