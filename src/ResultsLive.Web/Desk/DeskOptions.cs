using Microsoft.Extensions.Options;

using ResultsLive.Core.Desk;

namespace ResultsLive.Web.Desk;

/// <summary>The <c>ResultsLive:Desk</c> section: the newsroom's watch list, outgoing webhooks and what counts as notable.</summary>
public sealed class DeskOptions
{
    public const string Section = "ResultsLive:Desk";

    /// <summary>Seat codes and candidate names to watch; the desk adds and removes more, kept in Redis (or memory).</summary>
    public IList<string> Watchlist { get; } = [];

    public IList<WebhookOptions> Webhooks { get; } = [];

    public NotabilityThresholds Notability { get; set; } = new();

    /// <summary>How long a declaration is marked "new" on the desk.</summary>
    public TimeSpan NewFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a node holds a webhook's lease without renewing it; another node takes over after it.</summary>
    public TimeSpan WebhookLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry's delay; each retry waits about twice as long (with jitter), up to 30 seconds.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries within one delivery attempt before it is logged as failed and tried again later.</summary>
    public int WebhookRetries { get; set; } = 5;

    /// <summary>Deliveries of different seats in flight at once per webhook; a seat's own revisions always go one at a time.</summary>
    public int WebhookConcurrency { get; set; } = 8;

    /// <summary>How long one request to a receiver may take.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>ResultsLive:Election:ExpectedTimes</c>: a CSV of <c>code,expected</c> (ISO 8601) for the board of seats due and overdue.
    /// </summary>
    public string? ExpectedTimes { get; set; }
}

/// <summary>One outgoing webhook: where, signed with what, which declarations, in which format.</summary>
public sealed class WebhookOptions
{
    /// <summary>Names the webhook in delivery ids and the delivery log; by default <c>webhook-N</c> after its index.</summary>
    public string? Name { get; set; }

    public string? Url { get; set; }

    /// <summary>The HMAC-SHA256 key for <c>X-ResultsLive-Signature</c>; from secrets, never the repository.</summary>
    public string? Secret { get; set; }

    /// <summary><c>all</c>, <c>notable</c> or <c>watchlist</c>.</summary>
    public string Filter { get; set; } = "all";

    /// <summary><c>json</c>, <c>slack</c> or <c>teams</c>.</summary>
    public string Format { get; set; } = "json";
}

/// <summary><c>ResultsLive:Desk:Notability</c>: the thresholds of <see cref="NotabilityOptions"/>.</summary>
public sealed class NotabilityThresholds
{
    public double BigSwing { get; set; } = NotabilityOptions.Default.BigSwing;

    public double TurnoutChange { get; set; } = NotabilityOptions.Default.TurnoutChange;

    public int ExitPollGap { get; set; } = NotabilityOptions.Default.ExitPollGap;

    public int ExitPollGapMinimumDeclared { get; set; } = NotabilityOptions.Default.ExitPollGapMinimumDeclared;

    public NotabilityOptions ToCore() => new()
    {
        BigSwing = BigSwing,
        TurnoutChange = TurnoutChange,
        ExitPollGap = ExitPollGap,
        ExitPollGapMinimumDeclared = ExitPollGapMinimumDeclared,
    };
}

/// <summary>Stops the node at start-up with every mistake in the desk's configuration listed.</summary>
public sealed class DeskOptionsValidator : IValidateOptions<DeskOptions>
{
    public static readonly string[] Filters = ["all", "notable", "watchlist"];
    public static readonly string[] Formats = ["json", "slack", "teams"];

    public ValidateOptionsResult Validate(string? name, DeskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        failures.AddRange(options.Notability.ToCore().Problems().Select(p => $"{DeskOptions.Section}:Notability:{p}"));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var webhook = options.Webhooks[i];
            var key = $"{DeskOptions.Section}:Webhooks:{i}";
            if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                failures.Add($"{key}:Url must be an absolute http or https address, not '{webhook.Url}'.");
            }

            if (webhook.Secret is not { Length: >= 16 })
            {
                failures.Add($"{key}:Secret is required and must be at least 16 characters (it signs every delivery).");
            }

            if (!Filters.Contains(webhook.Filter, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{key}:Filter must be all, notable or watchlist, not '{webhook.Filter}'.");
            }

            if (!Formats.Contains(webhook.Format, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{key}:Format must be json, slack or teams, not '{webhook.Format}'.");
            }

            if (!names.Add(WebhookName(options, i)))
            {
                failures.Add($"{key}:Name '{WebhookName(options, i)}' is used by another webhook; delivery ids need it unique.");
            }
        }

        if (options.WebhookLease < TimeSpan.FromMilliseconds(300) || options.WebhookRetryDelay <= TimeSpan.Zero || options.WebhookTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{DeskOptions.Section}:WebhookLease must be at least 00:00:00.3, and WebhookRetryDelay and WebhookTimeout positive.");
        }

        if (options.WebhookConcurrency is < 1 or > 64)
        {
            failures.Add($"{DeskOptions.Section}:WebhookConcurrency must be from 1 to 64.");
        }

        if (options.WebhookRetries is < 1 or > 20)
        {
            failures.Add($"{DeskOptions.Section}:WebhookRetries must be from 1 to 20.");
        }

        if (options.NewFor <= TimeSpan.Zero)
        {
            failures.Add($"{DeskOptions.Section}:NewFor must be positive.");
        }

        if (options.ExpectedTimes is { Length: > 0 } path && !File.Exists(path))
        {
            failures.Add($"ResultsLive:Election:ExpectedTimes names '{path}', which does not exist.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    /// <summary>The webhook's name in delivery ids and logs.</summary>
    public static string WebhookName(DeskOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Webhooks[index].Name is { Length: > 0 } configured ? configured : $"webhook-{index}";
    }
}
