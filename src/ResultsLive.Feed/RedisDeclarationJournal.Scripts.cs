namespace ResultsLive.Feed;

// The Lua that makes check-and-append one atomic step. Redis runs a script to completion before any other command,
// so two nodes racing for the same (seat, revision) are serialised here: one appends, the other sees its body.
public sealed partial class RedisDeclarationJournal
{
    // The stream entry's "kind" field.
    private const string DeclarationKind = "declaration";
    private const string StatusKind = "status";

    // KEYS: journal, seq, revisions, bodies. ARGV: channel, recordedAt, node, then four per declaration: seat key,
    // revision, canonical body, constituency. Declarations are taken in order, each seeing the ones before it, exactly as
    // if each were its own call. Returns one {outcome, sequence, current revision} per declaration, and publishes
    // "<last sequence> <node>" once, if anything was appended.
    private const string AppendDeclarationsScript = """
        local results = {}
        local last = nil
        for i = 4, #ARGV, 4 do
          local seat, revisionText, body = ARGV[i], ARGV[i + 1], ARGV[i + 2]
          local revision = tonumber(revisionText)
          local bodyKey = seat .. '#' .. revisionText
          local current = redis.call('HGET', KEYS[3], seat)
          local existing = redis.call('HGET', KEYS[4], bodyKey)
          local answer = nil
          if existing then
            local bar = string.find(existing, '|', 1, true)
            if string.sub(existing, bar + 1) == body then
              answer = {'repeated', string.sub(existing, 1, bar - 1), current}
            end
          end
          if not answer then
            if current and revision < tonumber(current) then
              answer = {'stale', '0', current}
            elseif current and revision == tonumber(current) then
              answer = {'conflict', '0', current}
            else
              local seq = redis.call('INCR', KEYS[2])
              redis.call('XADD', KEYS[1], '0-' .. seq, 'kind', 'declaration', 'constituency', ARGV[i + 3], 'recordedAt', ARGV[2], 'body', body)
              redis.call('HSET', KEYS[3], seat, revisionText)
              redis.call('HSET', KEYS[4], bodyKey, seq .. '|' .. body)
              last = seq
              answer = {'appended', tostring(seq), revisionText}
            end
          end
          results[#results + 1] = answer
        end
        if last then
          redis.call('PUBLISH', ARGV[1], last .. ' ' .. ARGV[3])
        end
        return results
        """;

    // KEYS: journal, seq. ARGV: constituency, recordedAt, status, channel, node. Returns the sequence.
    private const string AppendStatusScript = """
        local seq = redis.call('INCR', KEYS[2])
        redis.call('XADD', KEYS[1], '0-' .. seq, 'kind', 'status', 'constituency', ARGV[1], 'recordedAt', ARGV[2], 'status', ARGV[3])
        redis.call('PUBLISH', ARGV[4], seq .. ' ' .. ARGV[5])
        return seq
        """;
}
