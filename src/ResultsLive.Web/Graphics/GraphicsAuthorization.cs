using ResultsLive.Web.Security;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// The one place the graphics surface's endpoints and hub are closed to everyone but operators. Output pages and the
/// graphics hub are opened by output keys instead (playout machines cannot sign in), and checked there.
/// </summary>
public static class GraphicsAuthorization
{
    /// <summary>Operators only: the <c>operator</c> role (or admin), or an API key with the <c>operator</c> permission.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Policies.Operator);

    /// <summary>The name an act is audited under: <c>user:oscar</c>, <c>key:companion</c>.</summary>
    public static string ActorName(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.ActorName();
    }
}
