using Microsoft.Extensions.Logging.Abstractions;

using ResultsLive.Web.Hubs;

namespace ResultsLive.Web.Tests.Hubs;

/// <summary>The broadcasters' fan-out: pushes go without waiting, and never more than <see cref="HubFanOut.MaxInFlight"/> at once.</summary>
public sealed class HubFanOutTests
{
    [Fact]
    public async Task SentAsync_UpToTheLimit_ReturnsAtOnce_ThenTheNextWaitsForTheOldest()
    {
        var fanOut = new HubFanOut(NullLogger.Instance);
        var pushes = Enumerable.Range(0, HubFanOut.MaxInFlight + 1).Select(_ => new TaskCompletionSource()).ToList();

        foreach (var push in pushes.Take(HubFanOut.MaxInFlight))
        {
            Assert.True(fanOut.SentAsync(push.Task).AsTask().IsCompletedSuccessfully);
        }

        Assert.Equal(HubFanOut.MaxInFlight, fanOut.Pending);
        var next = fanOut.SentAsync(pushes[^1].Task).AsTask();
        Assert.False(next.IsCompleted);

        // A later push being taken frees nothing: the oldest is what the next waits for. (Completed off the test's
        // synchronization context, so the fan-out's continuations run before Task.Run returns.)
        await Task.Run(pushes[1].SetResult);
        Assert.False(next.IsCompleted);
        await Task.Run(pushes[0].SetResult);
        await next;
        Assert.Equal(HubFanOut.MaxInFlight - 1, fanOut.Pending);
    }

    [Fact]
    public async Task SentAsync_APushThatFails_IsObservedAndDoesNotStopTheNext()
    {
        var fanOut = new HubFanOut(NullLogger.Instance);
        var failing = new TaskCompletionSource();
        await fanOut.SentAsync(failing.Task);

        await Task.Run(() => failing.SetException(new InvalidOperationException("the connection went away")));

        Assert.Equal(0, fanOut.Pending);
        Assert.True(fanOut.SentAsync(Task.CompletedTask).AsTask().IsCompletedSuccessfully);
    }
}
