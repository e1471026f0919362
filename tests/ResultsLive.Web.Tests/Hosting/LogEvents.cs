using System.Collections.Concurrent;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResultsLive.Web.Tests.Hosting;

/// <summary>What a test node logs, kept as text, so a test can wait for a node to say what it did.</summary>
/// <param name="minimum">The lowest level kept (Information unless a test switches a category's Debug events on).</param>
public sealed class LogEvents(LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly LogLevel _minimum = minimum;

    public IReadOnlyCollection<string> Messages => _messages;

    /// <summary>Adds this provider to a node's logging (pass to <see cref="WebNode.ForSettings"/>).</summary>
    public void AddTo(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(this);

    public bool Any(string text) => _messages.Any(m => m.Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogEvents events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= events._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                events._messages.Enqueue(formatter(state, exception));
            }
        }
    }
}
