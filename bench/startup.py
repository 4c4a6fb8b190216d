#!/usr/bin/env python3
"""Cold start and idle memory of `sympod serve`, measured from outside as an operator sees them.

For each run: spawn the release binary, poll GET /agent/v3/health until it answers 200, and record the
time from spawn to that first answered request; then let it idle and read its resident memory (VmRSS)
from /proc. Three cases: a fresh data folder (the quick start generates two RSA keys), a restart on
that existing store, and an in-memory store with a bootstrap admin.

Usage: bench/startup.py [--runs N] [--binary PATH]     (build first: cargo build --release)
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_answer(port, deadline):
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/agent/v3/health")
            if conn.getresponse().status == 200:
                return time.monotonic()
        except OSError:
            time.sleep(0.001)
    raise RuntimeError("sympod did not answer in time")


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run_once(binary, workdir, extra):
    port = free_port()
    started = time.monotonic()
    proc = subprocess.Popen([binary, "serve", "--listen", f"127.0.0.1:{port}", *extra], cwd=workdir,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "SYMPOD_LOG": "warn"})
    try:
        answered = first_answer(port, started + 30)
        time.sleep(2)
        return (answered - started) * 1000, rss_kib(proc.pid) / 1024
    finally:
        proc.kill()
        proc.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary", default=str(REPO / "target" / "release" / "sympod"))
    args = parser.parse_args()
    results = {"fresh data folder (quick start)": [], "restart on existing store": [], "in-memory store": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as d:
            results["fresh data folder (quick start)"].append(run_once(args.binary, d, []))
            results["restart on existing store"].append(run_once(args.binary, d, []))
            key = Path(d) / "sympod-data" / "quickstart" / "admin-publickey.pem"
            results["in-memory store"].append(
                run_once(args.binary, d, ["--database", "sqlite::memory:", "--admin-username", "ops", "--admin-public-key", str(key)]))
    print(f"{'case':34} {'first answer ms (median, max)':>30} {'idle RSS MiB (median)':>22}")
    for case, samples in results.items():
        ms = [s[0] for s in samples]
        mib = [s[1] for s in samples]
        print(f"{case:34} {statistics.median(ms):>18.1f} {max(ms):>10.1f} {statistics.median(mib):>22.1f}")


if __name__ == "__main__":
    main()
