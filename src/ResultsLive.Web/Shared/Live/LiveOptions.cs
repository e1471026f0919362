using Microsoft.Extensions.Options;

namespace ResultsLive.Web.Shared.Live;

/// <summary>The <c>ResultsLive:Live</c> section: how live pages follow the feed.</summary>
public sealed class LiveOptions
{
    public const string Section = "ResultsLive:Live";

    /// <summary>A burst of declarations re-renders a page at most this often; an isolated one renders at once.</summary>
    public TimeSpan RenderInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>Stops the node at start-up on a render interval that would never render (or never stop rendering).</summary>
public sealed class LiveOptionsValidator : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RenderInterval > TimeSpan.Zero && options.RenderInterval <= TimeSpan.FromSeconds(10)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{LiveOptions.Section}:RenderInterval must be more than 0 and at most 00:00:10, not {options.RenderInterval}.");
    }
}
