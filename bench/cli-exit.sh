#!/usr/bin/env bash
# `invoke` as N separate processes (default 200), 4 at a time against one emulator endpoint: every process must
# print its created task and exit (a hang is a process alive after 30 s). The suite runs the same check with 30
# (CliExitIT); this runs it at bench size and prints the figures. Usage: bench/cli-exit.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-200}"
cd "$root"
mvn -B -q -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CliExitIT -Dcli.exit.runs="$runs" verify
cat target/cli-exit.txt
