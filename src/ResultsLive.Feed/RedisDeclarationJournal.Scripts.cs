namespace ResultsLive.Feed;

// The Lua that makes check-and-append one atomic step. Redis runs a script to completion before any other command,
// so two nodes racing for the same (seat, revision) are serialised here: one appends, the other sees its identity.
// Every append script also creates the journal's epoch if it has none (SET NX), so no entry exists without one.
public sealed partial class RedisDeclarationJournal
{
    // KEYS: journal, seq, revisions, bodies, epoch. ARGV: channel, recordedAt, node, epoch candidate, then seven per
    // declaration: seat key, revision, identity, body, constituency, source, override reason ('' for none). Declarations
    // are taken in order, each seeing the ones before it, exactly as if each were its own call. Returns {epoch, answers}
    // with one {outcome, sequence, current revision[, stored body]} per declaration, and publishes "<last sequence> <node>"
    // once, if anything was appended and a channel is given (none when replicas must acknowledge first: the
    // acknowledgement announces it). `bodies` holds "sequence|identity"; one written by the previous format holds
    // "sequence|canonical JSON", which only the node can normalise, so the script hands it back ('legacy') to compare there.
    private const string AppendDeclarationsScript = """
        local epoch = redis.call('GET', KEYS[5])
        if not epoch then
          epoch = ARGV[4]
          redis.call('SET', KEYS[5], epoch)
        end
        local results = {}
        local last = nil
        for i = 5, #ARGV, 7 do
          local seat, revisionText, identity = ARGV[i], ARGV[i + 1], ARGV[i + 2]
          local revision = tonumber(revisionText)
          local bodyKey = seat .. '#' .. revisionText
          local current = redis.call('HGET', KEYS[3], seat)
          local currentNumber = current and tonumber(current)
          local existing = redis.call('HGET', KEYS[4], bodyKey)
          local answer = nil
          local bar = existing and string.find(existing, '|', 1, true)
          if bar then
            local stored = string.sub(existing, bar + 1)
            if stored == identity then
              answer = {'repeated', string.sub(existing, 1, bar - 1), current or false}
            elseif string.sub(stored, 1, 1) == '{' then
              answer = {'legacy', string.sub(existing, 1, bar - 1), current or false, stored}
            end
          end
          if not answer then
            if currentNumber and revision < currentNumber then
              answer = {'stale', '0', current}
            elseif currentNumber and revision == currentNumber then
              answer = {'conflict', '0', current}
            else
              local seq = redis.call('INCR', KEYS[2])
              local id = '0-' .. seq
              if ARGV[i + 6] == '' then
                redis.call('XADD', KEYS[1], id, 'v', '1', 'kind', 'declaration', 'constituency', ARGV[i + 4], 'recordedAt', ARGV[2],
                  'source', ARGV[i + 5], 'body', ARGV[i + 3])
              else
                redis.call('XADD', KEYS[1], id, 'v', '1', 'kind', 'declaration', 'constituency', ARGV[i + 4], 'recordedAt', ARGV[2],
                  'source', ARGV[i + 5], 'reason', ARGV[i + 6], 'body', ARGV[i + 3])
              end
              redis.call('HSET', KEYS[3], seat, revisionText)
              redis.call('HSET', KEYS[4], bodyKey, seq .. '|' .. identity)
              last = seq
              answer = {'appended', tostring(seq), revisionText}
            end
          end
          results[#results + 1] = answer
        end
        if last and ARGV[1] ~= '' then
          redis.call('PUBLISH', ARGV[1], last .. ' ' .. ARGV[3])
        end
        return {epoch, results}
        """;

    // KEYS: journal, seq, epoch. ARGV: kind, constituency, recordedAt, payload field, payload, channel, node, epoch
    // candidate, source, override reason ('' for none). A status change or an exit poll; returns {sequence, epoch}. Publishes
    // only when given a channel, as above.
    private const string AppendEntryScript = """
        local epoch = redis.call('GET', KEYS[3])
        if not epoch then
          epoch = ARGV[8]
          redis.call('SET', KEYS[3], epoch)
        end
        local seq = redis.call('INCR', KEYS[2])
        local id = '0-' .. seq
        if ARGV[10] == '' then
          redis.call('XADD', KEYS[1], id, 'v', '1', 'kind', ARGV[1], 'constituency', ARGV[2], 'recordedAt', ARGV[3], 'source', ARGV[9],
            ARGV[4], ARGV[5])
        else
          redis.call('XADD', KEYS[1], id, 'v', '1', 'kind', ARGV[1], 'constituency', ARGV[2], 'recordedAt', ARGV[3], 'source', ARGV[9],
            'reason', ARGV[10], ARGV[4], ARGV[5])
        end
        if ARGV[6] ~= '' then
          redis.call('PUBLISH', ARGV[6], seq .. ' ' .. ARGV[7])
        end
        return {seq, epoch}
        """;

    // KEYS: epoch, seq, acked. ARGV: epoch candidate. Creates the epoch of a journal that has none (new, deleted, or written
    // before epochs existed) and returns {epoch, last sequence, acknowledged sequence or false}, read together.
    // Nodes run it every second, so the usual case (an epoch exists) writes nothing.
    private const string PositionScript = """
        local epoch = redis.call('GET', KEYS[1])
        if not epoch then
          epoch = ARGV[1]
          redis.call('SET', KEYS[1], epoch)
        end
        return {epoch, redis.call('GET', KEYS[2]) or '0', redis.call('HGET', KEYS[3], epoch)}
        """;

    // KEYS: epoch, seq, (acked, unused). ARGV: stale epoch, candidate. Replaces the epoch only if it is still the stale one, so nodes that
    // find the same restored journal at once agree on one new epoch. Returns {epoch, last sequence}.
    private const string RenewEpochScript = """
        local epoch = redis.call('GET', KEYS[1])
        if (not epoch) or epoch == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2])
        end
        return {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2]) or '0'}
        """;

    // KEYS: acked (a hash: epoch -> sequence), epoch. ARGV: epoch, sequence, channel, node. Raises the journal's
    // acknowledged watermark after a WAIT confirmed the replicas have everything up to the sequence, and tells the other
    // nodes ("<sequence> <node> <epoch>") they may apply up to it. Nothing, if the journal has another epoch by now or a
    // higher watermark already (whoever raised it has told them).
    private const string RaiseAckedScript = """
        if redis.call('GET', KEYS[2]) ~= ARGV[1] then
          return 0
        end
        local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
        if tonumber(ARGV[2]) <= current then
          return 0
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PUBLISH', ARGV[3], ARGV[2] .. ' ' .. ARGV[4] .. ' ' .. ARGV[1])
        return 1
        """;
}
