#!/usr/bin/env bash
# Hub load tool (issue #5, item 6): N concurrent hub connections on one ResultsLive node, each receiving every
# declaration, against a bare SignalR hub pushing the same payload to the same N. Prints numbered figures with targets.
#
#   infra/scripts/hub-load.sh [--connections 10000] [--declarations 20] [--protocol json|messagepack]
#                             [--interval-ms 500] [--open-concurrency 200]
#
# Every connection is a file descriptor in the tool (client side) and another in the server it talks to; the servers
# are child processes and inherit this shell's limit, so it is raised here, before dotnet starts.
set -euo pipefail
cd "$(dirname "$0")/../.."

wanted=200000
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$wanted" ]; then
  # Raising the hard limit needs root with CAP_SYS_RESOURCE (not granted in every container).
  if ulimit -Hn "$wanted" 2>/dev/null; then
    hard=$wanted
  else
    echo "hub-load: cannot raise the hard open-files limit to $wanted here (no CAP_SYS_RESOURCE); using $hard." >&2
    echo "hub-load: that allows about $((hard - 1000)) connections; raise it with 'ulimit -Hn' as root, or in the container's settings." >&2
  fi
fi
if [ "$hard" = unlimited ] || [ "$hard" -ge "$wanted" ]; then
  ulimit -n "$wanted"
else
  ulimit -n "$hard"
fi

# Each client connection takes an ephemeral port on loopback. The ResultsLive fleet and then the baseline's fleet go to
# different server ports, so the first fleet's TIME_WAIT sockets do not block the second; one fleet must fit the range.
connections=10000
args=("$@")
for ((i = 0; i < ${#args[@]} - 1; i++)); do
  if [ "${args[i]}" = --connections ]; then
    connections=${args[i + 1]}
  fi
done
read -r low high </proc/sys/net/ipv4/ip_local_port_range
if [ $((high - low + 1)) -lt $((connections + 2000)) ]; then
  echo "hub-load: net.ipv4.ip_local_port_range ($low-$high) is too narrow for $connections connections; widen it with sysctl." >&2
  exit 2
fi

echo "hub-load: open-files limit $(ulimit -n), ephemeral ports $low-$high"
exec dotnet run -c Release --project tests/ResultsLive.HubLoad -- "$@"
