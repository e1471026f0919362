using System.Collections.Concurrent;
using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Desk;

/// <summary>
/// The Atom feeds (RFC 4287): an entry per declaration revision, newest first, with the copy as content and a correction
/// titled as one. Each feed is rendered once per change of what it holds and served from memory with a strong ETag.
/// </summary>
public sealed class AtomFeeds(DeskLog log, ElectionContext election)
{
    /// <summary>How many entries the results feeds carry.</summary>
    public const int Size = 100;

    private readonly ConcurrentDictionary<string, RenderedFeed> _cache = new(StringComparer.Ordinal);

    /// <summary>The feed of all seats (<paramref name="filter"/> null, <c>notable</c> or <c>gains</c>), or of one seat.</summary>
    public RenderedFeed Render(string? filter, string? constituency, Uri self)
    {
        ArgumentNullException.ThrowIfNull(self);
        var entries = log.Entries;
        Func<DeskEntry, bool> include = (filter, constituency) switch
        {
            (_, { } code) => e => string.Equals(e.Constituency, code, StringComparison.OrdinalIgnoreCase),
            ("notable", _) => e => e.IsNotable,
            ("gains", _) => e => e.IsGain,
            _ => _ => true,
        };

        var latest = new List<DeskEntry>(Size);
        for (var i = entries.Count - 1; i >= 0 && latest.Count < Size; i--)
        {
            if (include(entries[i]))
            {
                latest.Add(entries[i]);
            }
        }

        // What a feed holds changes only when an entry it includes is appended: that entry's sequence (and the epoch) is its version.
        var key = $"{filter}|{constituency}";
        var version = $"\"{log.Epoch}.{(latest.Count > 0 ? latest[0].Sequence : 0)}\"";
        if (_cache.TryGetValue(key, out var cached) && cached.ETag == version)
        {
            return cached;
        }

        var rendered = new RenderedFeed(version, Write(latest, filter, constituency, self));
        _cache[key] = rendered;
        return rendered;
    }

    private byte[] Write(List<DeskEntry> entries, string? filter, string? constituency, Uri self)
    {
        var name = election.Election.Name;
        var seat = constituency is null ? null : election.Election.FindConstituency(constituency);
        var title = seat is not null ? $"{seat.Name}: {name}"
            : filter == "notable" ? $"{name}: notable results"
            : filter == "gains" ? $"{name}: gains"
            : $"{name}: results";
        var page = seat is null ? "/" : "/constituency/" + Uri.EscapeDataString(seat.Code);
        var feed = new SyndicationFeed(title, $"Every declaration and correction, newest first ({election.Mode}).", new Uri(page, UriKind.Relative))
        {
            Id = $"urn:resultslive:{election.Election.Id}:{log.Epoch}:{(seat is null ? "results" + (filter is null ? "" : ":" + filter) : "seat:" + seat.Code)}",
            LastUpdatedTime = entries.Count > 0 ? entries[0].RecordedAt : DateTimeOffset.UnixEpoch,
            Generator = "ResultsLive",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "ResultsLive" });
        feed.Links.Add(new SyndicationLink(self, "self", title, "application/atom+xml", 0));
        feed.Items = [.. entries.Select(Item)];

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return stream.ToArray();
    }

    private SyndicationItem Item(DeskEntry entry)
    {
        var copy = entry.Copy;
        var html = new StringBuilder(copy.Full.Html);
        if (entry.Previous is { } previous)
        {
            html.Append("<p>Replaces revision ").Append(previous.Revision).Append(": ").Append(WebUtility.HtmlEncode(previous.Text)).Append("</p>");
        }

        if (entry.Reasons.Count > 0)
        {
            html.Append("<ul>");
            foreach (var reason in entry.Reasons)
            {
                html.Append("<li>").Append(WebUtility.HtmlEncode(reason.Text)).Append("</li>");
            }

            html.Append("</ul>");
        }

        var seatUrl = new Uri("/api/v1/constituencies/" + Uri.EscapeDataString(entry.Constituency), UriKind.Relative);
        var item = new SyndicationItem
        {
            Id = $"urn:resultslive:{election.Election.Id}:{entry.Epoch}:{entry.Constituency}:{entry.Revision}",
            Title = new TextSyndicationContent(copy.Rush.Plain),
            Summary = new TextSyndicationContent(copy.Social.Plain),
            Content = new TextSyndicationContent(html.ToString(), TextSyndicationContentKind.Html),
            LastUpdatedTime = entry.RecordedAt,
            PublishDate = entry.Seat.DeclaredAt,
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(seatUrl, "application/json"));
        foreach (var reason in entry.Reasons)
        {
            item.Categories.Add(new SyndicationCategory(reason.Name, "urn:resultslive:reasons", null));
        }

        if (entry.IsCorrection)
        {
            item.Categories.Add(new SyndicationCategory("correction", "urn:resultslive:kinds", "Correction"));
        }

        return item;
    }
}

/// <summary>A feed as served: its bytes and the strong ETag that names them.</summary>
public sealed record RenderedFeed(string ETag, byte[] Bytes);
