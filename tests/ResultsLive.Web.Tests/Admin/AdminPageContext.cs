using System.Security.Claims;

using Bunit;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Configuration;
using ResultsLive.Web.Security;
using ResultsLive.Web.Shared.Live;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Admin;

/// <summary>
/// A bUnit context for the admin pages whose services are a real node's (the 2024 election, ingest, the in-memory journal
/// and its consumer, the projection, the audit trail), with the test's own circuit-scoped <see cref="LiveView"/>, signed in
/// as an admin.
/// </summary>
public abstract class AdminPageContext : BunitContext
{
    protected AdminPageContext(WebNode node, string user = "alice")
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
        Services.AddFallbackServiceProvider(node.Services);

        // The fallback answers the pages' own injections; what the test's circuit builds is wired from the node's parts here.
        Services.AddScoped(_ => new LiveView(
            node.Services.GetRequiredService<LiveResults>(), node.Services.GetRequiredService<TimeProvider>(), node.Services.GetRequiredService<IOptions<LiveOptions>>()));
        var authorization = AddAuthorization();
        authorization.SetAuthorized(user);
        authorization.SetRoles(NewsroomRoles.Admin);
        authorization.SetClaims(new Claim(ResultsLiveClaims.Actor, ActorNames.User(user)));
    }

    public WebNode Node { get; }

    public LiveResults Live => Node.Services.GetRequiredService<LiveResults>();

    /// <summary>A seat's declaration as the Library published it: real figures to type into the form.</summary>
    public Declaration Published(string code) =>
        Node.Services.GetRequiredService<ElectionContext>().Loaded.Results.Single(d => d.Constituency == code);
}
