#!/usr/bin/env bash
# Measures the public pages: declaration-to-DOM latency in headless Chromium (alone and with 100 other circuits) and
# server memory per idle scoreboard circuit. Publishes the web app in Release and runs it as a child process on the
# 2024 election (../shared/data) with a private redis-server; pass --in-memory for the in-memory journal.
# With --stream the other viewers are /api/v1/stream clients (the public pages), e.g. `measure --stream --others 10000`,
# and the ticker embed in a sandboxed iframe on a host page of another origin is measured too.
# `cache [--readers 10000] [--declarations 100]`: the public side behind nginx's cache as deployed (infra/nginx), 10,000
# readers fetching each declaration's changed fragments through it; prints renders per fragment per sequence at the node,
# the cache hit ratio and node requests per declaration (README, "Behind a CDN").
# `stream-burst [--viewers 10000] [--declarations 20]`: 10,000 /api/v1/stream readers on one node and declarations posted
# back to back, then a bare SSE server sending the node's own events to as many; prints each side's deliveries per second.
# Also: `screenshots BASEURL OUTDIR [PATH...]` for full-page screenshots at 390 and 1920 px of a running node.
set -euo pipefail
cd "$(dirname "$0")/../.."
# 10,000 stream viewers need as many sockets: raise the open-files limit as far as this shell may (20,000 here).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
dotnet build tests/ResultsLive.LoadTools -nologo -v q
command=${1:-measure}
[ $# -gt 0 ] && shift
exec dotnet tests/ResultsLive.LoadTools/bin/Debug/net10.0/ResultsLive.LoadTools.dll "$command" "$@"
