#!/usr/bin/env bash
# Measures the public pages: declaration-to-DOM latency in headless Chromium (alone and with 100 other circuits) and
# server memory per idle scoreboard circuit. Publishes the web app in Release and runs it as a child process on the
# 2024 election (../shared/data) with a private redis-server; pass --in-memory for the in-memory journal.
# Also: `screenshots BASEURL OUTDIR [PATH...]` for full-page screenshots at 390 and 1920 px of a running node.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/ResultsLive.LoadTools -nologo -v q
command=${1:-measure}
[ $# -gt 0 ] && shift
exec dotnet tests/ResultsLive.LoadTools/bin/Debug/net10.0/ResultsLive.LoadTools.dll "$command" "$@"
