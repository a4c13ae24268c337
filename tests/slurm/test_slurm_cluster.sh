#!/usr/bin/env bash
# The demo as a Slurm job array of 4 shards plus a merge job, on a real one-node cluster that this
# test starts and stops itself, must equal a single run bit for bit.
#   tests/slurm/test_slurm_cluster.sh BURDENMAP_BIN SOURCE_DIR
# The cluster (munged, slurmctld, slurmd) is all in a temp dir: its own munge key and socket, free
# TCP ports, state, spool, pid files and logs. It touches no system service and stops only the
# daemons it started, by PID. Its plugins need neither systemd nor cgroup delegation
# (proctrack/linuxproc, task/none), so it runs in a container, as root or not. A cluster that cannot
# start is a failure that names the missing package or shows the daemon's log; nothing is skipped.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: test_slurm_cluster.sh BURDENMAP_BIN SOURCE_DIR" >&2; exit 2; }
bin="$(realpath -e "$1")" src="$(realpath -e "$2")"
start_seconds="${BURDENMAP_SLURM_START_SECONDS:-30}"   # daemons up and the node idle
job_seconds="${BURDENMAP_SLURM_JOB_SECONDS:-200}"      # the shards and the merge (slow under ASan)
shards=4

PATH="$PATH:/usr/sbin:/sbin"   # munged, mungekey, slurmctld, slurmd live in sbin
# A run inside a real Slurm job (or a shell with SBATCH_* defaults) must not steer our sbatch.
while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(SLURM|SBATCH|SALLOC|SRUN)_' || true)

fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in munged:munge mungekey:munge munge:munge slurmctld:slurmctld slurmd:slurmd \
            sbatch:slurm-client sinfo:slurm-client scontrol:slurm-client squeue:slurm-client scancel:slurm-client; do
  command -v "${tool%%:*}" >/dev/null ||
    fail "${tool%%:*} not found: install the Debian packages slurm-wlm munge (scripts/install-deps; ${tool%%:*} is in ${tool#*:})"
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/burdenmap-slurm.XXXXXX")"
munged_pid="" slurmctld_pid="" slurmd_pid=""
node="$(hostname -s)"

show_logs() {
  for log in "$tmp"/munged.log "$tmp"/slurmctld.log "$tmp"/slurmd.log; do
    [ -f "$log" ] || continue
    echo "---- $(basename "$log") (last 40 lines)" >&2
    tail -n 40 "$log" >&2
  done
}
stop() {   # stop PID: TERM, up to 5 s to go, then KILL
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  set +e
  if [ -n "$slurmctld_pid" ] && kill -0 "$slurmctld_pid" 2>/dev/null; then
    # Our cluster's jobs only (SLURM_CONF points at it): slurmstepd ends their processes.
    scancel --user="$(id -un)" 2>/dev/null
    for _ in $(seq 50); do [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  # A job's slurmstepd outlives its job by a moment (it reports back) and holds a socket in our
  # spool, <node>_<job>.<step>, until it ends. Stopping slurmd first would leave it retrying.
  for _ in $(seq 50); do compgen -G "$tmp/spool/${node}_*" >/dev/null || break; sleep 0.1; done
  stop "$slurmd_pid"; stop "$slurmctld_pid"; stop "$munged_pid"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Munge: a fresh key, its own socket. -F keeps it our child, so $! is its PID.
mungekey --create --keyfile="$tmp/munge.key" >/dev/null 2>&1 ||
  dd if=/dev/urandom of="$tmp/munge.key" bs=1 count=1024 status=none
chmod 0400 "$tmp/munge.key"
socket="$tmp/munge.socket"
[ ${#socket} -lt 100 ] || fail "munge socket path too long for a unix socket: $socket (set TMPDIR shorter)"
munged -F --force --socket="$socket" --key-file="$tmp/munge.key" --pid-file="$tmp/munged.pid" \
  --log-file="$tmp/munged.log" --seed-file="$tmp/munged.seed" >>"$tmp/munged.log" 2>&1 &
munged_pid=$!
for _ in $(seq 100); do
  munge -S "$socket" -n 2>/dev/null | unmunge -S "$socket" >/dev/null 2>&1 && break
  kill -0 "$munged_pid" 2>/dev/null || { show_logs; fail "munged exited at start (its log is above)"; }
  sleep 0.1
done
munge -S "$socket" -n 2>/dev/null | unmunge -S "$socket" >/dev/null 2>&1 || { show_logs; fail "munged does not answer on $socket"; }

# Two free TCP ports (bound to port 0, then released for the daemons).
read -r ctld_port slurmd_port < <(/usr/bin/python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("", 0))
print(*(x.getsockname()[1] for x in s))')

# The node as slurmd sees it (boards, sockets, cores, threads), so the config matches the hardware;
# the memory less a margin: a node said to have more than slurmd finds is marked invalid.
hardware="$(slurmd -C | head -n 1)" || fail "slurmd -C could not read this machine's hardware"
memory_mb="$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hardware")"
[ -n "$memory_mb" ] || fail "slurmd -C gave no RealMemory: $hardware"
layout="$(grep -o 'CPUs=[0-9]* Boards=[0-9]* SocketsPerBoard=[0-9]* CoresPerSocket=[0-9]* ThreadsPerCore=[0-9]*' <<<"$hardware")" ||
  fail "slurmd -C gave no CPU layout: $hardware"

mkdir -p "$tmp/state" "$tmp/spool"
cat >"$tmp/slurm.conf" <<EOF
# A one-node cluster for tests/slurm/test_slurm_cluster.sh; everything in $tmp.
ClusterName=burdenmaptest
SlurmctldHost=$node(127.0.0.1)
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
# No cgroups, no systemd: processes tracked through /proc, no CPU binding, no accounting.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
# Start the next job as soon as one ends (the default waits up to 3 s): 4 shards run one after the
# other here, each asks for both CPUs of a two-core machine (the sbatch script's default).
SchedulerParameters=batch_sched_delay=0
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
# Finished jobs stay visible to scontrol for the whole test (there is no slurmdbd for sacct).
MinJobAge=3600
NodeName=$node NodeAddr=127.0.0.1 $layout RealMemory=$((memory_mb > 2048 ? memory_mb - 1024 : memory_mb * 3 / 4)) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$tmp/slurm.conf"

# -D: in the foreground (our children, $! their PIDs), logging to stderr, so errors in the config,
# written before a log file would open, are in the log too.
slurmctld -D -f "$SLURM_CONF" >"$tmp/slurmctld.log" 2>&1 &
slurmctld_pid=$!
slurmd -D -f "$SLURM_CONF" -N "$node" >"$tmp/slurmd.log" 2>&1 &
slurmd_pid=$!
state="" deadline=$((SECONDS + start_seconds))
while [ $SECONDS -lt $deadline ]; do
  kill -0 "$slurmctld_pid" 2>/dev/null || { show_logs; fail "slurmctld exited at start (its log is above)"; }
  kill -0 "$slurmd_pid" 2>/dev/null || { show_logs; fail "slurmd exited at start (its log is above)"; }
  # sinfo retries an absent controller for 10 s; a daemon that died must be seen sooner.
  state="$(timeout 2 sinfo -h -N -n "$node" -o %t 2>/dev/null || true)"
  [ "$state" = idle ] && break
  sleep 0.2
done
[ "$state" = idle ] || { show_logs; fail "node $node not idle after ${start_seconds} s (sinfo: '${state:-no answer}')"; }
echo "cluster up: node $node idle (slurmctld port $ctld_port, slurmd port $slurmd_port)"

"$bin" --quiet run "$src/data/demo/demo.toml" --output-dir "$tmp/single" || fail "the single run failed"

out="$tmp/slurm-out"
BURDENMAP_BIN="$bin" "$src/scripts/slurm/submit" "$src/data/demo/demo.toml" "$shards" "$out" | tee "$tmp/submit.txt" ||
  { show_logs; fail "scripts/slurm/submit failed"; }
ids="$(tail -n 1 "$tmp/submit.txt")"
[[ "$ids" =~ ^array=([0-9]+)\ merge=([0-9]+)$ ]] || fail "submit's last line is not 'array=<id> merge=<id>': $ids"
array_id="${BASH_REMATCH[1]}" merge_id="${BASH_REMATCH[2]}"

job_states() {   # "<job id> <array task id or nothing> <state>" a line, from scontrol's one-line records
  scontrol show job -o "$1" 2>/dev/null | sed -n 's/^JobId=\([0-9]*\) \(ArrayJobId=[0-9]* ArrayTaskId=\([0-9-]*\) \)\{0,1\}.*JobState=\([A-Z_]*\).*/\1 \3 \4/p'
}
report_jobs() {
  echo "---- jobs (JobId ArrayTaskId JobState)" >&2
  job_states "$array_id" >&2; job_states "$merge_id" >&2
  for f in "$out"/logs/*; do [ -f "$f" ] && { echo "---- $(basename "$f")" >&2; tail -n 20 "$f" >&2; }; done
  show_logs
}
merge_state="" ended=0 deadline=$((SECONDS + job_seconds))
while [ $SECONDS -lt $deadline ]; do
  merge_state="$(job_states "$merge_id" | awk '{print $NF}')"
  case "$merge_state" in
    PENDING | CONFIGURING | RUNNING | COMPLETING | SUSPENDED | REQUEUED | RESIZING | "") sleep 0.5 ;;
    *) ended=1; break ;;
  esac
done
[ $ended = 1 ] || { report_jobs; fail "merge job $merge_id still ${merge_state:-unseen} after ${job_seconds} s"; }
[ "$merge_state" = COMPLETED ] || { report_jobs; fail "merge job $merge_id ended $merge_state, not COMPLETED"; }
completed="$(job_states "$array_id" | awk '$3 == "COMPLETED" {print $2}' | sort -n | tr '\n' ' ')"
[ "$completed" = "$(seq -s ' ' 0 $((shards - 1))) " ] ||
  { report_jobs; fail "not every shard task COMPLETED (completed: ${completed:-none})"; }
for i in $(seq 0 $((shards - 1))); do
  [ -d "$out/parts/shard-$i-of-$shards" ] || fail "no part $out/parts/shard-$i-of-$shards"
done

/usr/bin/python3 "$src/tests/shards/compare_runs.py" "$tmp/single" "$out" ||
  fail "the merged Slurm run differs from the single run"
echo "PASS: $shards shards on Slurm (array $array_id, merge $merge_id) equal the single run"
