#!/usr/bin/env bash
# A local ResultsLive cluster without containers: redis-server (infra/redis/redis.conf), two web nodes on loopback,
# and nginx as a sticky load balancer in front of them.
#
#   infra/scripts/cluster.sh start     build, start everything, print the addresses
#   infra/scripts/cluster.sh stop      stop everything cleanly
#   infra/scripts/cluster.sh status
#
# With no election configured the cluster runs the demo night, driven by node 1 only. To run a real election, export
# ResultsLive__Election__Candidates (and __Constituencies, __Baseline, __Hexmap) and ResultsLive__Ingest__ApiKeys__0
# before `start`; both nodes read the same files and the same Redis journal.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
run="${RESULTSLIVE_CLUSTER_DIR:-$root/infra/.cluster}"
redis_port="${REDIS_PORT:-6390}"
node1_port="${NODE1_PORT:-5081}"
node2_port="${NODE2_PORT:-5082}"
lb_port="${LB_PORT:-8080}"

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() {
  local url=$1 name=$2
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "$name did not come up at $url; see $run/logs" >&2
  return 1
}

stop_one() {
  local pidfile=$1 name=$2
  if pid_alive "$pidfile"; then
    kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
    for _ in $(seq 1 40); do pid_alive "$pidfile" || break; sleep 0.25; done
    pid_alive "$pidfile" && kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
    echo "stopped $name"
  fi
  rm -f "$pidfile"
}

start() {
  mkdir -p "$run/redis" "$run/logs" "$run/nginx"
  echo "publishing the web node..."
  dotnet publish src/ResultsLive.Web -c Release -o "$run/web" -nologo -v q >/dev/null

  if ! pid_alive "$run/redis.pid"; then
    redis-server infra/redis/redis.conf --port "$redis_port" --dir "$run/redis" >"$run/logs/redis.log" 2>&1 &
    echo $! >"$run/redis.pid"
    for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  echo "redis-server  127.0.0.1:$redis_port (AOF in $run/redis)"

  local n port
  for n in 1 2; do
    port=$([ $n = 1 ] && echo "$node1_port" || echo "$node2_port")
    if ! pid_alive "$run/node$n.pid"; then
      # Only node 1 drives the demo night; both tail the same journal.
      ASPNETCORE_URLS="http://127.0.0.1:$port" \
      ResultsLive__Redis="127.0.0.1:$redis_port" \
      ResultsLive__Demo__AutoDeclare=$([ $n = 1 ] && echo true || echo false) \
        dotnet "$run/web/ResultsLive.Web.dll" --contentRoot "$run/web" >"$run/logs/node$n.log" 2>&1 &
      echo $! >"$run/node$n.pid"
    fi
    wait_for "http://127.0.0.1:$port/healthz" "node $n"
    echo "web node $n    http://127.0.0.1:$port"
  done

  sed -e "s|\${RUNTIME}|$run/nginx|g" -e "s|\${NODE1}|127.0.0.1:$node1_port|g" \
      -e "s|\${NODE2}|127.0.0.1:$node2_port|g" -e "s|\${LISTEN}|127.0.0.1:$lb_port|g" \
      infra/nginx/resultslive.conf.template >"$run/nginx/nginx.conf"
  cp infra/nginx/public-cache.conf "$run/nginx/public-cache.conf"
  mkdir -p "$run/nginx/cache"
  if ! pid_alive "$run/nginx/nginx.pid"; then
    nginx -c "$run/nginx/nginx.conf" -p "$run/nginx" >"$run/logs/nginx.log" 2>&1 &
  fi
  wait_for "http://127.0.0.1:$lb_port/healthz" "nginx"
  echo "nginx (public cache; sticky for the newsroom) http://127.0.0.1:$lb_port"
}

stop() {
  stop_one "$run/nginx/nginx.pid" "nginx"
  stop_one "$run/node1.pid" "web node 1"
  stop_one "$run/node2.pid" "web node 2"
  if pid_alive "$run/redis.pid"; then
    redis-cli -p "$redis_port" shutdown >/dev/null 2>&1 || true
  fi
  stop_one "$run/redis.pid" "redis-server"
}

status() {
  for f in redis node1 node2; do
    if pid_alive "$run/$f.pid"; then echo "$f: running (pid $(cat "$run/$f.pid"))"; else echo "$f: stopped"; fi
  done
  if pid_alive "$run/nginx/nginx.pid"; then echo "nginx: running"; else echo "nginx: stopped"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
