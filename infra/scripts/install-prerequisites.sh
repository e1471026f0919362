#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: redis-server (the journal's real backend) and redis-sentinel
# (its high-availability watchers; the tests run them as `redis-server --sentinel`, infra/scripts/cluster.sh as redis-sentinel),
# chromium (browser tests through Playwright; it cannot download a browser of its own here) and nginx
# (the sticky load balancer of the local cluster). Safe to run again: it installs only what is missing.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-sentinel >/dev/null 2>&1 || missing+=(redis-sentinel)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Debian package enables a system-wide redis on port 6379; the tests start their own servers on free ports.
for unit in redis-server redis-sentinel; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$unit" 2>/dev/null; then
    systemctl stop "$unit" || true
  fi
done

echo "prerequisites: $(redis-server --version | cut -d' ' -f3), $(chromium --version 2>/dev/null | head -1), node $(node --version 2>/dev/null || echo missing)"
