using System.Security.Claims;

namespace ResultsLive.Web.Security;

/// <summary>One way for the rest of the code to name the caller, for provenance and the audit trail.</summary>
public static class ActorNames
{
    public const string Anonymous = "anonymous";

    /// <summary><c>user:&lt;name&gt;</c> (a configured user, or the demo's <c>demo-admin</c>), <c>sso:&lt;name&gt;</c> (OpenID Connect),
    /// <c>key:&lt;name&gt;</c> (an API key; the old <c>Ingest:ApiKeys</c> entries are <c>ingest-&lt;n&gt;</c>), or <c>anonymous</c>.</summary>
    public static string ActorName(this ClaimsPrincipal? principal) =>
        principal?.FindFirst(ResultsLiveClaims.Actor)?.Value is { Length: > 0 } actor ? actor : Anonymous;

    public static string User(string name) => "user:" + name;

    public static string SingleSignOn(string name) => "sso:" + name;

    public static string Key(string name) => "key:" + name;
}
