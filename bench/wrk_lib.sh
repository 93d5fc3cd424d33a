# shellcheck shell=bash
# shellcheck disable=SC2154  # here, build, run, secs, conns, threads: the caller's
# wrk_lib.sh - what the load benchmarks (bench/api.sh, bench/calendar.sh)
# share: the tools, a seeded database cached once, free ports, starting
# and stopping servers by process id, and one wrk run measured. Sourced,
# not run; bench_begin sets up the rest. The caller sets:
#   here     the bench directory (the wrk scripts are in $here/wrk)
#   build    the build directory (genop, bench/*)
#   run      a scratch directory of this run (wrk's output is kept there),
#            removed at exit; scratch likewise
#   secs     seconds a wrk run; conns: wrk's connections
# Every server started here is added to the array pids, which the exit
# trap stops; the figures of each run go to the array results
# (label|requests a second|p50 ms|p99 ms|non-2xx|socket errors|server CPU
# us a request).

# Checks the tools, and has every server stopped and $run and $scratch
# removed when the script exits, however it exits. $1 names the script
# in messages.
bench_begin() {
  local tool
  for tool in wrk python3; do
    command -v "$tool" >/dev/null || { echo "$1: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
  done
  pids=()
  run=""
  scratch=""
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  stop_all
  [ -z "$run" ] || rm -rf "$run"
  [ -z "$scratch" ] || rm -rf "$scratch"
}

# Makes the seeded database $1 with its side file $1.$2 unless both are
# there: the caller's function seed_into DB writes DB and DB.$2, in tmpfs
# when there is one (a seeder's every call is a durable transaction, and
# fsync there costs nothing); the file is moved into place last, so its
# presence means a whole seed.
seed_cached() {
  local seed=$1 side=$2
  [ ! -f "$seed" ] || [ ! -f "$seed.$side" ] || return 0
  echo "seeding $seed (once; later runs reuse it)"
  rm -f "$seed" "$seed.$side"
  scratch=$(tmpfs_dir)
  [ -n "$scratch" ] || scratch=$(mktemp -d -p "$(dirname "$seed")" seed.XXXXXX)
  seed_into "$scratch/seed.db"
  mv "$scratch/seed.db.$side" "$seed.$side"
  cp "$scratch/seed.db" "$seed.partial"
  sync "$seed.partial"
  mv "$seed.partial" "$seed"
  rm -rf "$scratch"
  scratch=""
}

# A directory in tmpfs if the machine has one we may write, else "".
tmpfs_dir() {
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then mktemp -d -p /dev/shm genop-bench.XXXXXX; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits up to 15 s until 127.0.0.1:$1 accepts a connection.
wait_port() {
  local _
  for _ in $(seq 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "wrk_lib.sh: nothing listens on port $1" >&2
  return 1
}

# Starts genop serve ($build/genop) on database $1 with $threads worker
# threads; sets serve_port and serve_pid.
start_genop() {
  serve_port=$(free_port)
  "$build/genop" serve --db "$1" --listen "127.0.0.1:$serve_port" --threads "$threads" \
    >"$run/serve.log" 2>&1 &
  serve_pid=$!
  pids+=("$serve_pid")
  wait_port "$serve_port"
}

stop_pid() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Stops every server in pids that still runs (for the exit trap).
stop_all() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then stop_pid "$pid"; fi
  done
}

results=()
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Runs wrk for $secs seconds with script $2 against port $3 (served by
# process $4) and records the figures under label $1; wrk's output is
# kept in the file $wrk_file. Bounded: wrk stops
# itself after $secs s, and timeout ends it if it does not.
measure() {
  local label=$1 script=$2 port=$3 server=$4 out before after
  before=$(cpu_ticks "$server")
  out=$(timeout $((secs + 60)) wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$here/wrk/$script" \
          "http://127.0.0.1:$port")
  after=$(cpu_ticks "$server")
  wrk_file=$run/wrk-$script-$port-${#results[@]}.txt
  echo "$out" >"$wrk_file"
  local line
  line=$(WRK_OUT=$out python3 - "$label" "$((after - before))" <<'PY'
import os, re, sys
out = os.environ["WRK_OUT"]
ticks = int(sys.argv[2])
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
bad = int(m.group(1)) if m else 0
m = re.search(r"Socket errors: (.*)", out)
errs = m.group(1) if m else "none"
n = int(re.search(r"(\d+) requests in", out).group(1))
cpu_us = ticks / os.sysconf("SC_CLK_TCK") / max(n, 1) * 1e6
print(f"{sys.argv[1]}|{rps:.0f}|{p50:.2f}|{p99:.2f}|{bad}|{errs}|{cpu_us:.1f}")
PY
)
  results+=("$line")
  local l rps p50 p99 bad errs cpu
  IFS='|' read -r l rps p50 p99 bad errs cpu <<<"$line"
  printf '%-44s %8s req/s  p50 %7s ms  p99 %7s ms  server CPU %6s us/req  non-2xx %s  socket errors: %s\n' \
    "$l" "$rps" "$p50" "$p99" "$cpu" "$bad" "$errs"
}

warm_up() {
  timeout 30 wrk -t2 -c"$conns" -d2s -s "$here/wrk/$1" "http://127.0.0.1:$2" >/dev/null
}

# The disk under directory $1: every durable commit waits for one
# fdatasync of the WAL, so its latency bounds durable requests a second.
fsync_probe() {
  python3 - "$1" <<'PY'
import os, statistics, sys, time
path, times = os.path.join(sys.argv[1], "fsync-probe"), []
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
for _ in range(200):
    os.write(fd, b"x" * 16384)
    t = time.perf_counter()
    os.fdatasync(fd)
    times.append((time.perf_counter() - t) * 1000)
os.close(fd)
os.unlink(path)
times.sort()
print(f"fdatasync after a 16 KB append, 200 times: median {statistics.median(times):.2f} ms, "
      f"p99 {times[int(len(times) * 0.99) - 1]:.2f} ms")
PY
}
