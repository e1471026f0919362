using System.Buffers;

using MessagePack;

namespace ResultsLive.LoadTools;

/// <summary>
/// The little of SignalR's MessagePack hub protocol (named "blazorpack" by Blazor Server) that <see cref="RawCircuit"/>
/// needs, written by hand so that a render batch costs its client a length prefix, a few MessagePack tokens and one
/// small send, instead of HubConnection's parsing, argument binding and copies.
/// </summary>
internal static class BlazorPack
{
    public const int InvocationMessageType = 1;
    public const int CompletionMessageType = 3;
    public const int PingMessageType = 6;
    public const int CloseMessageType = 7;

    /// <summary>The Completion result kind that carries a value (1 is an error, 2 a void result).</summary>
    public const int NonVoidResult = 3;

    /// <summary>Ends the JSON handshake request and response, which precede the binary messages.</summary>
    public const byte RecordSeparator = 0x1E;

    /// <summary>A longer prefix would announce a message of 2 GiB or more.</summary>
    private const int MaxLengthPrefix = 5;

    /// <summary>The handshake request, as blazor.web.js sends it.</summary>
    public static ReadOnlyMemory<byte> Handshake { get; } = "{\"protocol\":\"blazorpack\",\"version\":1}\u001e"u8.ToArray();

    /// <summary>A Ping message, [6], with its length prefix: the same bytes every time.</summary>
    public static ReadOnlyMemory<byte> PingFrame { get; } = new byte[] { 2, 0x91, PingMessageType };

    /// <summary>
    /// Reads a message's length prefix: the length in 7-bit groups, least significant first, the high bit set on every
    /// byte but the last. False while the prefix is incomplete.
    /// </summary>
    public static bool TryReadLengthPrefix(ReadOnlySpan<byte> buffer, out int length, out int prefixLength)
    {
        length = 0;
        for (var i = 0; i < Math.Min(buffer.Length, MaxLengthPrefix); i++)
        {
            length |= (buffer[i] & 0x7F) << (7 * i);
            if ((buffer[i] & 0x80) == 0)
            {
                prefixLength = i + 1;
                return length >= 0 ? true : throw new InvalidDataException("a hub message's length prefix overflows");
            }
        }

        prefixLength = 0;
        return buffer.Length < MaxLengthPrefix ? false : throw new InvalidDataException("a hub message's length prefix is too long");
    }

    public static void WriteLengthPrefix(IBufferWriter<byte> output, int length)
    {
        var span = output.GetSpan(MaxLengthPrefix);
        var written = 0;
        do
        {
            var group = (byte)(length & 0x7F);
            length >>= 7;
            span[written++] = length > 0 ? (byte)(group | 0x80) : group;
        }
        while (length > 0);

        output.Advance(written);
    }

    /// <summary>
    /// Writes an Invocation up to its arguments' array header; the caller writes the arguments. Five elements, no stream
    /// ids, as blazor.web.js sends them. An invocation without an id expects no Completion.
    /// </summary>
    public static void WriteInvocation(ref MessagePackWriter writer, ReadOnlySpan<byte> target, int argumentCount, string? invocationId = null)
    {
        writer.WriteArrayHeader(5);
        writer.Write(InvocationMessageType);
        writer.WriteMapHeader(0);
        if (invocationId is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.Write(invocationId);
        }

        writer.WriteString(target);
        writer.WriteArrayHeader(argumentCount);
    }
}
