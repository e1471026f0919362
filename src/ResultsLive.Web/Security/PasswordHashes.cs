using Microsoft.AspNetCore.Identity;

namespace ResultsLive.Web.Security;

/// <summary>ASP.NET Core Identity's password hashes, as <c>resultslive user hash</c> prints them.</summary>
public static class PasswordHashes
{
    private static readonly PasswordHasher<object> Hasher = new();

    /// <summary>True for a hash in one of PasswordHasher's formats (V2: 0x00 and 49 bytes; V3: 0x01 with its header).</summary>
    public static bool IsReadable(string? hash)
    {
        if (string.IsNullOrWhiteSpace(hash))
        {
            return false;
        }

        var bytes = new byte[hash.Length];
        if (!Convert.TryFromBase64String(hash, bytes, out var length))
        {
            return false;
        }

        return (bytes[0], length) switch
        {
            (0x00, 49) => true,
            (0x01, >= 13 + 16) => length >= 13L + ReadSaltLength(bytes) + 16,
            _ => false,
        };
    }

    public static string Hash(string password) => Hasher.HashPassword(new object(), password);

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(new object(), hash, password) != PasswordVerificationResult.Failed;

    private static uint ReadSaltLength(byte[] bytes) => ((uint)bytes[9] << 24) | ((uint)bytes[10] << 16) | ((uint)bytes[11] << 8) | bytes[12];
}
