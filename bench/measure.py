"""Runs each variant RUNS times after one warm-up, alternating, and prints wall, CPU and peak RSS side by side."""
import os, shlex, statistics, subprocess, sys, time

env = dict(os.environ)
root, jar, tls = env["ROOT"], env["JAR"], shlex.split(env["TLS"])
event = os.path.join(root, "events", "cos-video-upload.json")
emulator_id, emulator_key = "AKIDEMULATORlocalonly000000000000000", "emulator-local-secret-key-not-real"

function_env = dict(env, AIGC_ENDPOINT=env["ENDPOINT"], TENCENTCLOUD_SECRET_ID=emulator_id,
                    TENCENTCLOUD_SECRET_KEY=emulator_key, AIGC_MODEL_NAME="MiniMaxMusic", AIGC_SCENE_TYPE="music",
                    AIGC_PROMPT="Soundtrack for {filename}", AIGC_LOG_LEVEL="WARN")
sdk_env = dict(env, BENCH_ENDPOINT=env["HOSTPORT"], TENCENTCLOUD_SECRET_ID=emulator_id,
               TENCENTCLOUD_SECRET_KEY=emulator_key)
variants = {
    "function": (["java"] + tls + shlex.split(env.get("JAVA_OPTS_FUNCTION", "")) + ["-jar", jar, "invoke", event],
                 function_env),
    "sdk": (["java"] + tls + ["-jar", os.path.join(root, "bench/sdk-baseline/target/sdk-baseline.jar"), event], sdk_env),
}

def run(name):
    cmd, cmd_env = variants[name]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=cmd_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if status != 0 or "TaskId" not in out and "taskId" not in out:
        sys.exit(f"{name} failed (status {status}):\n{out}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

runs = int(env["RUNS"])
results = {name: [] for name in variants}
for name in variants:
    run(name)  # warm-up: page cache, CDS archive mapping
for _ in range(runs):
    for name in variants:
        results[name].append(run(name))

def stats(values):
    return statistics.median(values), min(values), max(values)

print(f"cold invocation, {runs} runs each after a warm-up (median [min–max]):")
print(f"{'':10} {'wall s':>24} {'cpu s':>24} {'peak RSS MiB':>26}")
medians = {}
for name, rows in results.items():
    cols = []
    for i in range(3):
        med, lo, hi = stats([r[i] for r in rows])
        cols.append(f"{med:7.3f} [{lo:.3f}–{hi:.3f}]")
        medians[(name, i)] = med
    print(f"{name:10} {cols[0]:>24} {cols[1]:>24} {cols[2]:>26}")
print(f"ratio function/sdk: wall {medians[('function', 0)] / medians[('sdk', 0)]:.2f}, "
      f"cpu {medians[('function', 1)] / medians[('sdk', 1)]:.2f}, "
      f"peak RSS {medians[('function', 2)] / medians[('sdk', 2)]:.2f}")
