#!/usr/bin/env bash
# Warm per-request cost (JMH): installs the function into the local Maven repository, builds bench/jmh, runs it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mvn -q -B -f "$root/pom.xml" -DskipTests install
mvn -q -B -f "$root/bench/jmh/pom.xml" package
cd "$root/bench/jmh" && java -Dbench.event="$root/events/cos-video-upload.json" -jar target/benchmarks.jar "${@:-.*}"
