namespace ResultsLive.Web.Tests.Hosting;

/// <summary>Waiting on a condition another thread or process makes true, where there is no event to await.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited in vain for: {what}");
            }

            await Task.Delay(20);
        }
    }
}
