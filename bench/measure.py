"""Runs each variant RUNS times after one warm-up, alternating, and prints side by side: time to result (the
result line on stdout: what a caller of a cold invocation waits for), whole-process wall time (adds JVM exit),
CPU time and peak RSS. The two floor variants are not the job: they are the least any program on this JVM pays
for one HTTPS POST, with the function's transport (java.net.http) and with a blocking SSLSocket (the SDK's okhttp
sits on one); they show which targets the JVM itself rules out."""
import os, shlex, statistics, subprocess, sys, time

env = dict(os.environ)
root, jar, tls = env["ROOT"], env["JAR"], shlex.split(env["TLS"])
event = os.path.join(root, "events", "cos-video-upload.json")
emulator_id, emulator_key = "AKIDEMULATORlocalonly000000000000000", "emulator-local-secret-key-not-real"

function_env = dict(env, AIGC_ENDPOINT=env["ENDPOINT"], TENCENTCLOUD_SECRET_ID=emulator_id,
                    TENCENTCLOUD_SECRET_KEY=emulator_key, AIGC_TASK_DEFAULTS='{"ModelName":"MiniMaxMusic","SceneType":"music"}',
                    AIGC_PROMPT="Soundtrack for {filename}", AIGC_LOG_LEVEL="WARN",
                    # A fresh state per process, as the first upload of an object finds it: no duplicate short cut.
                    AIGC_STATE="memory:")
sdk_env = dict(env, BENCH_ENDPOINT=env["HOSTPORT"], TENCENTCLOUD_SECRET_ID=emulator_id,
               TENCENTCLOUD_SECRET_KEY=emulator_key)
tuned = shlex.split(env["TUNED_FLAGS"])
function_cmd = ["-jar", jar, "invoke", event]
sdk_cmd = ["-jar", os.path.join(root, "bench/sdk-baseline/target/sdk-baseline.jar"), event]
floor_cp = ["-cp", env["FLOOR_CLASSES"]]
host, port = env["HOSTPORT"].split(":")
variants = {  # name: (command, environment, what a successful run prints)
    "function": (["java"] + tls + function_cmd, function_env, "taskId"),
    "function+flags": (["java"] + tls + tuned + function_cmd, function_env, "taskId"),
    "function+flags+cds": (["java"] + tls + tuned + ["-XX:SharedArchiveFile=" + env["CDS_ARCHIVE"]] + function_cmd,
                           function_env, "taskId"),
    "sdk": (["java"] + tls + sdk_cmd, sdk_env, "TaskId"),
    "sdk+flags": (["java"] + tls + tuned + sdk_cmd, sdk_env, "TaskId"),
    # One core, as on an SCF instance with a fraction of a vCPU: CPU time, not parallelism, decides.
    "function+flags@1cpu": (["taskset", "-c", "0", "java"] + tls + tuned + function_cmd, function_env, "taskId"),
    "sdk@1cpu": (["taskset", "-c", "0", "java"] + tls + sdk_cmd, sdk_env, "TaskId"),
    "floor:httpclient+fl": (["java"] + tls + tuned + floor_cp + ["HttpClientPost", env["ENDPOINT"]], env, "RequestId"),
    "floor:sslsocket+fl": (["java"] + tls + tuned + floor_cp + ["SslSocketPost", host, port], env, "RequestId"),
}

def run(name):
    cmd, cmd_env, success = variants[name]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=cmd_env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = b""
    for line in proc.stdout:  # the result line; the JVM may print warnings first
        first += line
        if b"RequestId" in line or b"requestId" in line or b"error" in line:
            break
    result = time.perf_counter() - start
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = (first + proc.stdout.read()).decode()
    if status != 0 or success not in out:
        sys.exit(f"{name} failed (status {status}):\n{out}")
    return result, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

runs = int(env["RUNS"])
results = {name: [] for name in variants}
for name in variants:
    run(name)  # warm-up: page cache, CDS archive mapping
for _ in range(runs):
    for name in variants:
        results[name].append(run(name))

def stats(values):
    return statistics.median(values), min(values), max(values)

print(f"cold invocation, {runs} runs each after a warm-up, alternating (median [min–max]); flags: {env['TUNED_FLAGS']}")
print(f"{'':20} {'result s':>21} {'wall s':>21} {'cpu s':>21} {'peak RSS MiB':>21}")
medians = {}
for name, rows in results.items():
    cols = []
    for i in range(4):
        med, lo, hi = stats([r[i] for r in rows])
        cols.append(f"{med:6.3f} [{lo:.3f}–{hi:.3f}]" if i < 3 else f"{med:6.1f} [{lo:.1f}–{hi:.1f}]")
        medians[(name, i)] = med
    print(f"{name:20} {cols[0]:>21} {cols[1]:>21} {cols[2]:>21} {cols[3]:>21}")
for mine, theirs in (("function", "sdk"), ("function+flags", "sdk"), ("function+flags+cds", "sdk"),
                     ("function+flags", "sdk+flags"), ("function+flags@1cpu", "sdk@1cpu"),
                     ("floor:httpclient+fl", "sdk"), ("floor:sslsocket+fl", "sdk")):
    r = lambda i: medians[(mine, i)] / medians[(theirs, i)]
    best = min(x[0] for x in results[mine]) / min(x[0] for x in results[theirs])
    print(f"ratio {mine}/{theirs}: result {r(0):.2f} (best of {runs}: {best:.2f}), wall {r(1):.2f}, cpu {r(2):.2f}, "
          f"peak RSS {r(3):.2f}")
# Issue 21's second target: the function's time to result over the bare java.net.http POST, both with the flags.
over = lambda pick: 1000 * (pick(x[0] for x in results["function+flags"]) - pick(x[0] for x in results["floor:httpclient+fl"]))
print(f"function+flags over floor:httpclient+fl: best of {runs} {over(min):+.0f} ms, median {over(statistics.median):+.0f} ms")
