namespace ResultsLive.Feed;

// The Lua that makes check-and-append one atomic step. Redis runs a script to completion before any other command,
// so two nodes racing for the same (seat, revision) are serialised here: one appends, the other sees its body.
public sealed partial class RedisDeclarationJournal
{
    // KEYS: journal, seq, revisions, bodies. ARGV: seat key, revision, canonical body, constituency, recordedAt, channel.
    // Returns {outcome, sequence, current revision}.
    private const string AppendDeclarationScript = """
        local seat, revision, body = ARGV[1], tonumber(ARGV[2]), ARGV[3]
        local bodyKey = seat .. '#' .. ARGV[2]
        local current = redis.call('HGET', KEYS[3], seat)
        local existing = redis.call('HGET', KEYS[4], bodyKey)
        if existing then
          local bar = string.find(existing, '|', 1, true)
          if string.sub(existing, bar + 1) == body then
            return {'repeated', string.sub(existing, 1, bar - 1), current}
          end
        end
        if current and revision < tonumber(current) then
          return {'stale', '0', current}
        end
        if current and revision == tonumber(current) then
          return {'conflict', '0', current}
        end
        local seq = redis.call('INCR', KEYS[2])
        redis.call('XADD', KEYS[1], '0-' .. seq, 'kind', 'declaration', 'constituency', ARGV[4], 'recordedAt', ARGV[5], 'body', body)
        redis.call('HSET', KEYS[3], seat, ARGV[2])
        redis.call('HSET', KEYS[4], bodyKey, seq .. '|' .. body)
        redis.call('PUBLISH', ARGV[6], seq)
        return {'appended', tostring(seq), ARGV[2]}
        """;

    // KEYS: journal, seq. ARGV: constituency, recordedAt, status, channel. Returns the sequence.
    private const string AppendStatusScript = """
        local seq = redis.call('INCR', KEYS[2])
        redis.call('XADD', KEYS[1], '0-' .. seq, 'kind', 'status', 'constituency', ARGV[1], 'recordedAt', ARGV[2], 'status', ARGV[3])
        redis.call('PUBLISH', ARGV[4], seq)
        return seq
        """;
}
