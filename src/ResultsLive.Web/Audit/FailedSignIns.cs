using System.Globalization;

using ResultsLive.Web.Security;

namespace ResultsLive.Web.Audit;

/// <summary>
/// Failed sign-ins: every one counted in a per-minute counter (kept a day), and only a few written to the audit trail as
/// samples: at most <see cref="SamplesPerAddress"/> a minute from one address and <see cref="SamplesPerMinute"/> a minute in
/// all. A password spray costs the trail at most a few dozen entries a minute however fast it comes.
/// </summary>
public sealed class FailedSignIns(ISecurityStore store, IAuditTrail audit, NodeIdentity node, TimeProvider time)
{
    public const int SamplesPerAddress = 3;
    public const int SamplesPerMinute = 30;
    public static readonly TimeSpan CountRetention = TimeSpan.FromHours(25);

    /// <summary>Counts a failure and samples it into the audit trail; true when it was written there.</summary>
    public async Task<bool> RecordAsync(string account, string address, string reason)
    {
        var now = time.GetUtcNow();
        var minute = Minute(now);
        await store.IncrementAsync("signin-failures:" + minute, CountRetention).ConfigureAwait(false);
        var fromAddress = await store.IncrementAsync($"signin-samples:{minute}:{SignInLockout.AddressBucket(address)}", TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        if (fromAddress > SamplesPerAddress
            || await store.IncrementAsync("signin-samples:" + minute, TimeSpan.FromMinutes(2)).ConfigureAwait(false) > SamplesPerMinute)
        {
            return false;
        }

        await audit.RecordAsync(new AuditEvent(now, ActorNames.Anonymous, AuditActions.SignInFailed, AuditEvent.Clean(account), $"{reason}; from {address}", node.Name)).ConfigureAwait(false);
        return true;
    }

    /// <summary>Failed sign-ins counted in each of the last <paramref name="minutes"/> minutes, oldest first.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset Minute, long Count)>> PerMinuteAsync(int minutes)
    {
        var now = time.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1 - minutes);
        var counts = new List<(DateTimeOffset, long)>(minutes);
        for (var at = start; at <= now; at = at.AddMinutes(1))
        {
            counts.Add((at, (await store.ReadCounterAsync("signin-failures:" + Minute(at)).ConfigureAwait(false)).Count));
        }

        return counts;
    }

    private static string Minute(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
}
