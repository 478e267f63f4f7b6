#!/usr/bin/env bash
# One tracker run over N open tracking records (default 1000) against the embedded emulator and a local store:
# each record is a finished emulated task, so a run queries, downloads (a 3 s WAV, 96 KB) and stores every one.
# Prints each run's report, wall time, records per second and peak RSS; a second run shows that what the first
# left for lack of time is finished on the next (BENCH_TIME_LIMIT_MS, default 30000, sets the invocation limit).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
jar=target/aigc-audio-function.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$n" <<'PY'
import json, os, secrets, sys, time
root, n = sys.argv[1], int(sys.argv[2])
created = int((time.time() - 10) * 1000)
os.makedirs(os.path.join(root, "aigc-tracking", "open"))
for i in range(n):
    task = "1500000000-AigcAudioTask-%012x0%st" % (created, secrets.token_hex(10)[:19])
    record = {"taskId": task, "service": "vod", "requestId": "bench", "source": "cos://bench-1250000000/in/%d.mp4" % i,
              "resultName": "in/%d.mp4" % i, "createdAt": created, "state": "RUNNING", "attempts": 1,
              "nextCheckAt": created, "notifyPending": False, "notifyAttempts": 0}
    with open(os.path.join(root, "aigc-tracking", "open", task + ".json"), "w") as f:
        json.dump(record, f)
PY
echo "$n open records in $dir; JVM: $(java -version 2>&1 | head -1)"
for run in 1 2; do
  out=$( { AIGC_STATE="file:$dir" AIGC_LOG_LEVEL=WARN \
      /usr/bin/time -f "TIME %e %M" java ${BENCH_JAVA_OPTS:-} -jar "$jar" invoke \
      --time-limit-ms ${BENCH_TIME_LIMIT_MS:-30000} events/timer-tracker.json; } 2>&1 )
  report=$(echo "$out" | grep '"tracker"')
  read -r wall rss < <(echo "$out" | awk '/^TIME/ {print $2, $3}')
  done_count=$(echo "$report" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tracker"]["done"])')
  echo "run $run: $report"
  python3 -c "print('run $run: %d delivered in %.2f s wall = %.0f records/s; peak RSS %.1f MiB' % ($done_count, $wall, $done_count / $wall, $rss / 1024))"
done
echo "soundtracks on disk: $(find "$dir/soundtracks" -type f | wc -l)"
