using System.CommandLine;
using System.Text;

using Microsoft.AspNetCore.Identity;

namespace ResultsLive.Cli.Commands;

/// <summary><c>resultslive user hash</c>: turns a password read on stdin into the hash that <c>ResultsLive:Users:N:PasswordHash</c> takes.</summary>
internal static class UserCommand
{
    public const int MinimumPasswordLength = 8;

    public static Command Create(Func<TextReader>? input = null)
    {
        var hash = new Command("hash", "read a password on stdin and print its hash for ResultsLive:Users:N:PasswordHash");
        hash.SetAction(async (parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            var password = input is null ? ReadPassword(console.Error) : await input().ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength)
            {
                await console.Error.WriteLineAsync($"the password must be at least {MinimumPasswordLength} characters (read one line from stdin).").ConfigureAwait(false);
                return 2;
            }

            // The web host verifies with the same PasswordHasher (PBKDF2, ASP.NET Core Identity's V3 format); the user is not part of the hash.
            await console.Output.WriteLineAsync(new PasswordHasher<object>().HashPassword(new object(), password)).ConfigureAwait(false);
            return 0;
        });
        return new Command("user", "newsroom users") { hash };
    }

    // Typed at a terminal, the password is not echoed; piped in, it is one line of stdin.
    private static string? ReadPassword(TextWriter prompt)
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }

        prompt.Write("Password: ");
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        prompt.WriteLine();
        return typed.ToString();
    }
}
