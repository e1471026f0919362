using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using ResultsLive.Core.Model;
using ResultsLive.Core.Validation;

namespace ResultsLive.Feed;

/// <summary>
/// The journal's own format, version 1, written and read here and nowhere else, so a change to the public API's JSON never
/// changes what is stored or how a retry is recognised. Also reads the entries written before it (no <c>v</c> field).
/// </summary>
/// <remarks>
/// <para>
/// An entry is a set of text fields: <c>v</c> ("1"), <c>kind</c> (declaration, status, exitPoll), <c>constituency</c>,
/// <c>recordedAt</c> (ISO 8601, UTC), <c>source</c> and, when a check was overridden, <c>reason</c> (the
/// <see cref="Provenance"/>), then <c>body</c> (a declaration's or exit poll's JSON, field names below) or <c>status</c>
/// (awaiting, counting, recount, declared). The declaration body keeps the names the previous format had
/// (constituency, revision, declaredAt, electorate, invalidVotes, candidates[name, party, votes]) so that nodes still on
/// the previous version read these entries too while a rolling upgrade is under way.
/// </para>
/// <para>
/// <see cref="Decode"/> never throws: whatever it cannot read becomes a <see cref="JournalEntryKind.Quarantined"/> entry
/// with the reason and a summary of the raw fields, the same on every node.
/// </para>
/// </remarks>
internal static class JournalFormat
{
    public const string Version = "1";

    public const string DeclarationKind = "declaration";
    public const string StatusKind = "status";
    public const string ExitPollKind = "exitPoll";

    /// <summary>Names the normalisation rules hashed into an identity, so a future change of them cannot match by accident.</summary>
    private const string IdentityScheme = "declaration-identity/1";

    private const int PreviewLength = 60;

    /// <summary>Names stay readable in redis-cli; this JSON never reaches a browser, so HTML-safe escaping buys nothing.</summary>
    private static readonly JsonWriterOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Idempotency is per seat whatever the spelling of its code; GSS codes are upper case.</summary>
    public static string SeatKey(string constituency) => constituency.Trim().ToUpperInvariant();

    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string EncodeDeclaration(Declaration declaration) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("constituency", declaration.Constituency);
        writer.WriteNumber("revision", declaration.Revision);
        writer.WriteString("declaredAt", declaration.DeclaredAt);
        writer.WriteNumber("electorate", declaration.Electorate);
        writer.WriteNumber("invalidVotes", declaration.InvalidVotes);
        writer.WriteStartArray("candidates");
        foreach (var candidate in declaration.Candidates)
        {
            writer.WriteStartObject();
            writer.WriteString("name", candidate.Name);
            writer.WriteString("party", candidate.Party);
            writer.WriteNumber("votes", candidate.Votes);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static string EncodeExitPoll(ExitPoll exitPoll) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("source", exitPoll.Source);
        writer.WriteString("publishedAt", exitPoll.PublishedAt);
        writer.WriteStartArray("parties");
        foreach (var party in exitPoll.Parties)
        {
            writer.WriteStartObject();
            writer.WriteString("party", party.Party);
            writer.WriteNumber("seats", party.Seats);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>The format's own status names: renaming the enum never changes what is stored.</summary>
    public static string StatusName(SeatStatus status) => status switch
    {
        SeatStatus.Awaiting => "awaiting",
        SeatStatus.Counting => "counting",
        SeatStatus.Recount => "recount",
        SeatStatus.Declared => "declared",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a seat status"),
    };

    /// <summary>
    /// What "an identical repeat" is compared on: SHA-256 of the normalised declaration. The seat code is upper case,
    /// candidates are sorted by party then name (both with white space folded and upper-cased), the declaration time is the
    /// UTC instant; who sent it is not part of it. 64 hex digits, half the bytes of storing the body again.
    /// </summary>
    public static string Identity(Declaration declaration)
    {
        var candidates = declaration.Candidates
            .Select(c => (Party: Fold(c.Party), Name: Fold(c.Name), c.Votes))
            .OrderBy(c => c.Party, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.Votes);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(IdentityScheme);
            writer.WriteStringValue(SeatKey(declaration.Constituency));
            writer.WriteNumberValue(declaration.Revision);
            writer.WriteNumberValue(declaration.DeclaredAt.UtcTicks);
            writer.WriteNumberValue(declaration.Electorate);
            writer.WriteNumberValue(declaration.InvalidVotes);
            foreach (var (party, name, votes) in candidates)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(party);
                writer.WriteStringValue(name);
                writer.WriteNumberValue(votes);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>The identity of a body stored by the previous format (its canonical JSON), or null if it cannot be read.</summary>
    public static string? LegacyIdentity(string body)
    {
        try
        {
            return Identity(ReadDeclaration(body));
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return null;
        }
    }

    /// <summary>Turns stored fields into an entry; anything unreadable becomes a quarantined entry, never an exception.</summary>
    public static JournalEntry Decode(StoredEntry stored)
    {
        var constituency = stored.Constituency ?? "";
        if (stored.Version is not null && stored.Version != Version)
        {
            return Quarantine(stored, DateTimeOffset.UnixEpoch, $"format version '{stored.Version}' is newer than this node reads ({Version})");
        }

        if (!DateTimeOffset.TryParseExact(stored.RecordedAt, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var recordedAt))
        {
            return Quarantine(stored, DateTimeOffset.UnixEpoch, "recordedAt is not an ISO 8601 time");
        }

        var provenance = string.IsNullOrWhiteSpace(stored.Source) ? null : new Provenance(stored.Source, stored.Reason);
        try
        {
            return stored.Kind switch
            {
                DeclarationKind => new JournalEntry(
                    stored.Sequence, JournalEntryKind.Declaration, constituency, recordedAt, ReadDeclaration(stored.Payload), null, provenance),
                StatusKind => TryParseStatus(stored.Payload, out var status)
                    ? new JournalEntry(stored.Sequence, JournalEntryKind.Status, constituency, recordedAt, null, status, provenance)
                    : Quarantine(stored, recordedAt, "status is not one of awaiting, counting, recount, declared"),
                ExitPollKind => new JournalEntry(
                    stored.Sequence, JournalEntryKind.ExitPoll, constituency, recordedAt, null, null, provenance, ReadExitPoll(stored.Payload)),
                null => Quarantine(stored, recordedAt, "the entry has no kind"),
                var kind => Quarantine(stored, recordedAt, $"unknown kind {Preview(kind)}"),
            };
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return Quarantine(stored, recordedAt, $"cannot read the {stored.Kind}: {ex.Message}");
        }
    }

    private static JournalEntry Quarantine(StoredEntry stored, DateTimeOffset recordedAt, string reason) =>
        new(stored.Sequence, JournalEntryKind.Quarantined, stored.Constituency ?? "", recordedAt, null, null, Problem: $"{reason} ({Describe(stored)})");

    /// <summary>The raw fields in brief, for whoever has to find the entry with redis-cli.</summary>
    private static string Describe(StoredEntry stored) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"entry 0-{stored.Sequence}: v={Preview(stored.Version)}, kind={Preview(stored.Kind)}, constituency={Preview(stored.Constituency)}, "
            + $"payload of {stored.Payload?.Length ?? 0} characters starting {Preview(stored.Payload)}");

    private static string Preview(string? text) =>
        text is null ? "(none)" : text.Length <= PreviewLength ? $"'{text}'" : $"'{text[..PreviewLength]}…'";

    private static bool IsUnreadable(Exception ex) =>
        ex is JsonException or InvalidDataException or FormatException or InvalidOperationException or OverflowException or ArgumentException;

    private static bool TryParseStatus(string? text, out SeatStatus status)
    {
        // The previous format stored the enum's name ("Counting"); this one stores its own lower-case names. Never
        // Enum.Parse: it would take "7" as a status no code knows how to show.
        foreach (var candidate in (ReadOnlySpan<SeatStatus>)[SeatStatus.Awaiting, SeatStatus.Counting, SeatStatus.Recount, SeatStatus.Declared])
        {
            if (string.Equals(text, StatusName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    private static Declaration ReadDeclaration(string? body)
    {
        using var document = JsonDocument.Parse(body ?? throw new InvalidDataException("the entry has no body"));
        var root = Object(document.RootElement, "the body");
        var candidates = new List<CandidateVotes>();
        foreach (var candidate in Array(root, "candidates").EnumerateArray())
        {
            var item = Object(candidate, "a candidate");
            candidates.Add(new CandidateVotes(Text(item, "name"), Text(item, "party"), Whole(item, "votes")));
        }

        if (candidates.Count == 0)
        {
            throw new InvalidDataException("the declaration has no candidates");
        }

        return new Declaration(
            Text(root, "constituency"), Whole(root, "revision"), Time(root, "declaredAt"), Whole(root, "electorate"), Whole(root, "invalidVotes"), candidates);
    }

    private static ExitPoll ReadExitPoll(string? body)
    {
        using var document = JsonDocument.Parse(body ?? throw new InvalidDataException("the entry has no body"));
        var root = Object(document.RootElement, "the body");
        var parties = new List<ExitPollSeats>();
        foreach (var party in Array(root, "parties").EnumerateArray())
        {
            var item = Object(party, "a party");
            parties.Add(new ExitPollSeats(Text(item, "party"), Whole(item, "seats")));
        }

        return new ExitPoll(parties, Text(root, "source"), Time(root, "publishedAt"));
    }

    private static JsonElement Object(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new InvalidDataException($"{what} is not a JSON object");

    private static JsonElement Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value
            : throw new InvalidDataException($"{name} is not a list");

    private static string Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{name} is not a non-empty string");

    private static int Whole(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new InvalidDataException($"{name} is not a whole number within range");

    private static DateTimeOffset Time(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time)
            ? time
            : throw new InvalidDataException($"{name} is not an ISO 8601 time");

    /// <summary>Folded exactly as validation matches a candidate to a nomination, and case ignored as it is there too.</summary>
    private static string Fold(string text) => DeclarationValidator.Fold(text).ToUpperInvariant();

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Writing))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// <summary>
/// A stream entry's fields as Redis stores them (all text, any of them possibly missing in a damaged entry). Read back
/// from the stream or kept from an append, it becomes the same <see cref="JournalEntry"/> through <see cref="JournalFormat.Decode"/>.
/// </summary>
/// <param name="Payload">The <c>body</c> field, or the <c>status</c> field of a status entry.</param>
internal sealed record StoredEntry(
    long Sequence, string? Version, string? Kind, string? Constituency, string? RecordedAt, string? Source, string? Reason, string? Payload);
