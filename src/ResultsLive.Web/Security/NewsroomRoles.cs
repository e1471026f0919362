namespace ResultsLive.Web.Security;

/// <summary>The newsroom's roles (people, signed in) and the permissions of API keys (machines).</summary>
public static class NewsroomRoles
{
    public const string Editor = "editor";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Editor, Operator, Admin];
}

/// <summary>What a named API key may do: <c>ResultsLive:ApiKeys:&lt;name&gt;:Permissions</c>.</summary>
public static class ApiKeyPermissions
{
    public const string Ingest = "ingest";
    public const string Override = "override";
    public const string Operator = "operator";

    public static IReadOnlyList<string> All { get; } = [Ingest, Override, Operator];
}

/// <summary>
/// The authorization policies endpoints and pages name. Admin satisfies every role policy; a key's permission satisfies the
/// policy of the same name (the operator policy takes an operator key or an operator person).
/// </summary>
public static class Policies
{
    public const string Editor = "editor";
    public const string Operator = "operator";
    public const string Admin = "admin";

    /// <summary>Posting declarations and status changes: an API key with the <c>ingest</c> permission.</summary>
    public const string Ingest = "ingest";

    /// <summary>Overriding the plausibility checks: a key with <c>override</c>, or an admin.</summary>
    public const string Override = "override";

    /// <summary>Entering the exit poll: a signed-in admin, or a key with <c>ingest</c> (an agency's feed sends it at 22:00).</summary>
    public const string ExitPoll = "exit-poll";
}

/// <summary>Claim types of ResultsLive's own.</summary>
public static class ResultsLiveClaims
{
    /// <summary>The caller as provenance and the audit trail name it: <c>user:&lt;name&gt;</c>, <c>sso:&lt;name&gt;</c>, <c>key:&lt;name&gt;</c>.</summary>
    public const string Actor = "resultslive:actor";

    /// <summary>An API key's permission; one claim per permission.</summary>
    public const string Permission = "resultslive:permission";

    /// <summary>How the person signed in: <c>password</c>, <c>oidc</c> or <c>demo-link</c>.</summary>
    public const string Method = "resultslive:method";

    /// <summary>The address a person signed in from: their session ends if the account is locked there.</summary>
    public const string Address = "resultslive:address";

    /// <summary>A configured user's password-hash stamp: when the hash in configuration changes, the sessions it made end.</summary>
    public const string Stamp = "resultslive:stamp";
}
