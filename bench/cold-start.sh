#!/usr/bin/env bash
# Cold invocation, side by side in one run with the same JVM: (a) this function's jar running the SCF handler on a
# COS fixture, (b) the same job written on tencentcloud-sdk-java-common's CommonClient. Both call one local HTTPS
# endpoint (the embedded emulator, which checks every TC3 signature). Then the deploy-jar size and the JMH
# warm per-event cost. Usage: bench/cold-start.sh [RUNS] (default 7, after one warm-up run each); environment:
# BENCH_ONE_WAY_MS adds network latency, TUNED_FLAGS replaces the JVM options, SKIP_JMH=1 skips JMH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d)"
trap 'kill "${emulator_pid:-}" "${proxy_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "building…" >&2
mvn -q -B -f "$root/pom.xml" -DskipTests install
mvn -q -B -f "$root/bench/sdk-baseline/pom.xml" package
javac --release 11 -d "$work/floor" "$root"/bench/floor/*.java
jar="$root/target/aigc-audio-function.jar"

# A throwaway certificate for 127.0.0.1, trusted by both clients through the standard JSSE properties.
keytool -genkeypair -alias bench -keyalg EC -groupname secp256r1 -validity 2 -dname CN=localhost \
  -ext SAN=ip:127.0.0.1,dns:localhost,dns:vod.bench.test -storetype PKCS12 -keystore "$work/tls.p12" -storepass benchpass \
  -keypass benchpass >/dev/null 2>&1
# The SDK takes the signing service from the endpoint's first label, so both clients call vod.bench.test, which a
# private hosts file (a JDK property, nothing changed on the machine) resolves to the loopback address.
echo "127.0.0.1 vod.bench.test" > "$work/hosts"
# Clients trust what a production JVM trusts, the JDK's CA list (~140 certificates; loading it is part of every
# cold start), plus the throwaway certificate, through the standard JSSE property.
keytool -exportcert -alias bench -keystore "$work/tls.p12" -storepass benchpass -rfc -file "$work/cert.pem" >/dev/null 2>&1
java_home="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
cp -L "$java_home/lib/security/cacerts" "$work/trust.jks"
keytool -importcert -noprompt -alias aigc-bench -file "$work/cert.pem" -keystore "$work/trust.jks" -storepass changeit \
  >/dev/null 2>&1
tls="-Djavax.net.ssl.trustStore=$work/trust.jks -Djdk.net.hosts.file=$work/hosts"

# TCP_NODELAY on the emulator: com.sun.net.httpserver leaves Nagle on and writes headers and body apart, which with
# the client's delayed ACK adds ~40 ms to every exchange; no real endpoint does that, so neither client should pay it.
java -Dsun.net.httpserver.nodelay=true -Djavax.net.ssl.keyStore="$work/tls.p12" -Djavax.net.ssl.keyStorePassword=benchpass \
  -Djavax.net.ssl.keyStoreType=PKCS12 -jar "$jar" emulator --tls > "$work/endpoint" 2>"$work/emulator.log" &
emulator_pid=$!
for _ in $(seq 50); do [ -s "$work/endpoint" ] && break; sleep 0.1; done
port="$(sed -E 's#.*:([0-9]+)/?$#\1#' "$work/endpoint")"
# BENCH_ONE_WAY_MS=10 puts the endpoint a 20 ms round trip away (a latency proxy), as a real endpoint is.
if [ "${BENCH_ONE_WAY_MS:-0}" != "0" ]; then
  python3 "$root/bench/latency_proxy.py" "$work/proxy-port" "$port" "$BENCH_ONE_WAY_MS" &
  proxy_pid=$!
  for _ in $(seq 50); do [ -s "$work/proxy-port" ] && break; sleep 0.1; done
  port="$(cat "$work/proxy-port")"
  echo "latency proxy: ${BENCH_ONE_WAY_MS} ms each way" >&2
fi
endpoint="https://vod.bench.test:$port/"
hostport="vod.bench.test:$port"
echo "emulator: $endpoint" >&2

# The JVM options template.yaml recommends (JAVA_TOOL_OPTIONS), and an AppCDS archive of the function's classes
# from one training run (an archive only fits the JVM build that wrote it, so it is made here, not shipped).
tuned="${TUNED_FLAGS:--XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xmn4m}"
AIGC_ENDPOINT="$endpoint" TENCENTCLOUD_SECRET_ID=AKIDEMULATORlocalonly000000000000000 \
  TENCENTCLOUD_SECRET_KEY=emulator-local-secret-key-not-real java $tls $tuned -XX:ArchiveClassesAtExit="$work/app.jsa" \
  -jar "$jar" invoke "$root/events/cos-video-upload.json" >/dev/null 2>&1
export ROOT="$root" JAR="$jar" TLS="$tls" ENDPOINT="$endpoint" HOSTPORT="$hostport" RUNS="$runs" \
  TUNED_FLAGS="$tuned" CDS_ARCHIVE="$work/app.jsa" FLOOR_CLASSES="$work/floor"
python3 "$root/bench/measure.py"

echo
echo "deploy jar: $(stat -c %s "$jar") bytes ($jar)"
echo "SDK baseline jar: $(stat -c %s "$root/bench/sdk-baseline/target/sdk-baseline.jar") bytes (shaded, with okhttp, okio, gson, commons-*)"
echo "java: $(java -version 2>&1 | head -1); cores: $(nproc)"
if [ "${SKIP_JMH:-}" != "1" ]; then
  echo
  echo "warm per-event cost (JMH, decode + plan + sign, no network):"
  bash "$root/bench/run-jmh.sh" WarmPerEvent 2>/dev/null | grep -E "^Benchmark|avgt"
fi
