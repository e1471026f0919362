#!/usr/bin/env bash
# A local ResultsLive cluster without containers: the journal's Redis as run for high availability (a primary and two
# replicas, infra/redis/redis.conf + replication.conf, watched by three Sentinels, infra/redis/sentinel.conf), two web
# nodes on loopback that find the primary through the Sentinels, and nginx as a sticky load balancer in front of them.
#
#   infra/scripts/cluster.sh start     build, start everything, print the addresses
#   infra/scripts/cluster.sh redis     start only the Redis servers and Sentinels (what the web nodes need)
#   infra/scripts/cluster.sh stop      stop everything cleanly
#   infra/scripts/cluster.sh status
#
# Try a failover: kill -9 "$(cat infra/.cluster/redis-6390.pid)" (or whichever `status` shows as primary); the Sentinels
# promote a replica within about 3 s and both nodes carry on with it (README, "When something fails").
#
# With no election configured the cluster runs the demo night, driven by node 1 only. To run a real election, export
# ResultsLive__Election__Candidates (and __Constituencies, __Baseline, __Hexmap) and ResultsLive__Ingest__ApiKeys__0
# before `start`; both nodes read the same files and the same Redis journal.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
run="${RESULTSLIVE_CLUSTER_DIR:-$root/infra/.cluster}"
redis_port="${REDIS_PORT:-6390}"
replica_ports=("$((redis_port + 1))" "$((redis_port + 2))")
sentinel_ports=("${SENTINEL_PORT:-26390}" "$((${SENTINEL_PORT:-26390} + 1))" "$((${SENTINEL_PORT:-26390} + 2))")
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

wait_ping() {
  for _ in $(seq 1 50); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "nothing answered PING on port $1; see $run/logs" >&2
  return 1
}

# Each server runs from its own copy of redis.conf: Sentinel's CONFIG REWRITE writes replication state into it.
start_server() {
  local port=$1; shift
  mkdir -p "$run/redis-$port"
  [ -f "$run/redis-$port/redis.conf" ] || cp infra/redis/redis.conf "$run/redis-$port/redis.conf"
  if ! pid_alive "$run/redis-$port.pid"; then
    redis-server "$run/redis-$port/redis.conf" --include "$root/infra/redis/replication.conf" --port "$port" \
      --dir "$run/redis-$port" "$@" >"$run/logs/redis-$port.log" 2>&1 &
    echo $! >"$run/redis-$port.pid"
    wait_ping "$port"
  fi
}

start_redis() {
  mkdir -p "$run/logs"
  start_server "$redis_port"
  local port
  for port in "${replica_ports[@]}"; do start_server "$port" --replicaof 127.0.0.1 "$redis_port"; done
  echo "redis-server  127.0.0.1:$redis_port (primary), ${replica_ports[*]} (replicas); AOF in $run/redis-<port>"

  for port in "${sentinel_ports[@]}"; do
    mkdir -p "$run/sentinel-$port"
    if [ ! -f "$run/sentinel-$port/sentinel.conf" ]; then
      sed -e "s|^sentinel monitor resultslive .*|sentinel monitor resultslive 127.0.0.1 $redis_port 2|" \
        infra/redis/sentinel.conf >"$run/sentinel-$port/sentinel.conf"
    fi
    if ! pid_alive "$run/sentinel-$port.pid"; then
      redis-sentinel "$run/sentinel-$port/sentinel.conf" --port "$port" --dir "$run/sentinel-$port" \
        >"$run/logs/sentinel-$port.log" 2>&1 &
      echo $! >"$run/sentinel-$port.pid"
      wait_ping "$port"
    fi
  done
  echo "redis-sentinel ${sentinel_ports[*]} (service resultslive, quorum 2)"
}

sentinel_string() {
  local list="" port
  for port in "${sentinel_ports[@]}"; do list="$list127.0.0.1:$port,"; done
  echo "${list}serviceName=resultslive"
}

start() {
  mkdir -p "$run/logs" "$run/nginx"
  echo "publishing the web node..."
  dotnet publish src/ResultsLive.Web -c Release -o "$run/web" -nologo -v q >/dev/null

  start_redis

  local n port
  for n in 1 2; do
    port=$([ $n = 1 ] && echo "$node1_port" || echo "$node2_port")
    if ! pid_alive "$run/node$n.pid"; then
      # Only node 1 drives the demo night; both tail the same journal.
      ASPNETCORE_URLS="http://127.0.0.1:$port" \
      ResultsLive__Redis="$(sentinel_string)" \
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
  local port
  # Sentinels first, so that none of them fails the primary over while the servers stop.
  for port in "${sentinel_ports[@]}"; do stop_one "$run/sentinel-$port.pid" "redis-sentinel $port"; done
  for port in "$redis_port" "${replica_ports[@]}"; do
    pid_alive "$run/redis-$port.pid" && { redis-cli -p "$port" shutdown >/dev/null 2>&1 || true; }
    stop_one "$run/redis-$port.pid" "redis-server $port"
  done
}

status() {
  local f port
  for port in "$redis_port" "${replica_ports[@]}"; do
    if pid_alive "$run/redis-$port.pid"; then
      echo "redis-server $port: running, $(redis-cli -p "$port" role 2>/dev/null | head -1)"
    else
      echo "redis-server $port: stopped"
    fi
  done
  for port in "${sentinel_ports[@]}"; do
    if pid_alive "$run/sentinel-$port.pid"; then echo "redis-sentinel $port: running"; else echo "redis-sentinel $port: stopped"; fi
  done
  for f in node1 node2; do
    if pid_alive "$run/$f.pid"; then echo "$f: running (pid $(cat "$run/$f.pid"))"; else echo "$f: stopped"; fi
  done
  if pid_alive "$run/nginx/nginx.pid"; then echo "nginx: running"; else echo "nginx: stopped"; fi
}

case "${1:-}" in
  start) start ;;
  redis) start_redis ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|redis|stop|status" >&2; exit 2 ;;
esac
