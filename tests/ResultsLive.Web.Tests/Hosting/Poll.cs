namespace ResultsLive.Web.Tests.Hosting;

/// <summary>Waiting on a condition another thread or process makes true, where there is no event to await.</summary>
public static class Poll
{
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>The same, for a condition that has to ask (a store, an API) to know.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited in vain for: {what}");
            }

            await Task.Delay(20);
        }
    }
}
