#!/usr/bin/env bash
# Cold invocation through each platform adapter, side by side in one run: a fresh JVM per run runs `invoke` on
# the SCF handler with a COS upload, and on the Lambda handler with the same upload as an S3 event (both on the
# embedded emulator, the same JVM options as the deploy files). Prints the median and min wall time and the
# CPU time per path. Usage: bench/platforms.sh [RUNS] (default 9, after one warm-up run each).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-9}"
jar="$root/target/aigc-audio-function.jar"
[ -f "$jar" ] || mvn -q -B -f "$root/pom.xml" -DskipTests package
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
opts='-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xmn4m'

run() { # $1 event → "wall_ms cpu_ms"
  local dir; dir="$(mktemp -d -p "$work")"
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$dir/cpu" env -u TENCENTCLOUD_SECRET_ID -u AWS_ACCESS_KEY_ID AIGC_STATE="file:$dir" \
    JAVA_TOOL_OPTIONS="$opts" java -jar "$jar" invoke "$root/events/$1" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(awk '{printf "%d", ($1 + $2) * 1000}' "$dir/cpu")"
}

for event in cos-video-upload.json aws-s3-put.json; do run "$event" >/dev/null; done
declare -A wall cpu
for ((i = 0; i < runs; i++)); do
  for event in cos-video-upload.json aws-s3-put.json; do
    read -r w c < <(run "$event")
    wall[$event]+="$w "
    cpu[$event]+="$c "
  done
done
stats() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {printf "median %d ms, min %d ms", a[int((NR+1)/2)], a[1]}'; }
echo "cold invoke, $runs runs each, $(java -version 2>&1 | head -1)"
printf '%-32s wall: %s; cpu: %s\n' "SCF handler, COS upload" "$(echo "${wall[cos-video-upload.json]}" | stats)" \
  "$(echo "${cpu[cos-video-upload.json]}" | stats)"
printf '%-32s wall: %s; cpu: %s\n' "Lambda handler, S3 upload" "$(echo "${wall[aws-s3-put.json]}" | stats)" \
  "$(echo "${cpu[aws-s3-put.json]}" | stats)"
