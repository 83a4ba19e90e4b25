#!/usr/bin/env python3
"""Priorities under a flood, against a running Mixdown cluster (scripts/flood.sh starts one).

Tenant A submits BULK bulk master jobs at once (one batch); tenant B then submits one interactive
master job every INTERVAL seconds, B_JOBS of them. A poller lists both tenants' RUNNING jobs every
0.25 s; a job's wait is from its creation (createdAt) to the first poll that sees it running (so
waits are over-estimated by at most the poll period plus a request). Prints p50/p95 waits for
both tenants, and the mean run duration (B's jobs, RUNNING to SUCCEEDED, as polled).

Standard library only; the test song is generated here (10 s of a 110 Hz tone with a tremolo).
"""
import argparse, io, json, math, struct, threading, time, urllib.request, uuid, wave
from datetime import datetime


def call(gateway, key, method, path, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(gateway + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + key, "Content-Type": content_type})
    for _ in range(20):
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            if e.code == 429:
                time.sleep(int(e.headers.get("Retry-After", "1")))
                continue
            raise SystemExit(f"{method} {path}: {e.code} {e.read().decode()}")
    raise SystemExit(f"{method} {path}: still rate limited")


def song(seconds=10.0, rate=44100):
    frames = int(seconds * rate)
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(2); w.setsampwidth(2); w.setframerate(rate)
        buf = bytearray()
        for i in range(frames):
            t = i / rate
            v = int(32767 * 0.25 * math.sin(2 * math.pi * 110 * t) * (0.6 + 0.4 * math.sin(2 * math.pi * 2 * t)))
            buf += struct.pack("<hh", v, v)
        w.writeframes(bytes(buf))
    return out.getvalue()


def parse(ts):
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(p / 100 * len(s)) - 1))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gateway", required=True)
    ap.add_argument("--admin-key", required=True)
    ap.add_argument("--bulk", type=int, default=500)
    ap.add_argument("--b-jobs", type=int, default=20)
    ap.add_argument("--interval", type=float, default=3.0)
    ap.add_argument("--seconds", type=float, default=10.0, help="length of the test song")
    a = ap.parse_args()
    gw = a.gateway.rstrip("/")

    suffix = uuid.uuid4().hex[:6]
    keys = {}
    for t in ("a", "b"):
        tid = f"flood-{t}-{suffix}"
        call(gw, a.admin_key, "POST", "/admin/tenants", {"id": tid, "name": f"flood tenant {t.upper()}", "plan": "unlimited"})
        keys[t] = call(gw, a.admin_key, "POST", f"/admin/tenants/{tid}/keys", {"label": "flood"})["key"]
    wav = song(a.seconds)
    inputs = {t: call(gw, keys[t], "PUT", f"/v1/uploads/{uuid.uuid4()}/song.wav", raw=wav,
                      content_type="application/octet-stream")["key"] for t in keys}

    def job(t, lane):
        return {"kind": "master", "lane": lane, "input": inputs[t],
                "deliverables": [{"name": "out.wav", "format": "wav", "bits": "24", "target": {"name": "spotify"}}]}

    created, started, ended = {}, {}, {}
    lock = threading.Lock()
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            for t in keys:
                for status in ("RUNNING", "SUCCEEDED,FAILED"):
                    now = time.time()
                    for j in call(gw, keys[t], "GET", f"/v1/jobs?limit=1000&status={status}"):
                        with lock:
                            created.setdefault(j["id"], (t, parse(j["createdAt"])))
                            if status == "RUNNING":
                                started.setdefault(j["id"], now)
                            elif j["id"] in started:
                                ended.setdefault(j["id"], now)
            time.sleep(0.25)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    t0 = time.time()
    batch = call(gw, keys["a"], "POST", "/v1/batches", {"jobs": [job("a", "bulk")] * a.bulk})
    print(f"A: {len(batch['jobs'])} bulk jobs queued in {time.time() - t0:.1f} s", flush=True)
    b_ids = []
    for i in range(a.b_jobs):
        time.sleep(a.interval)
        b_ids.append(call(gw, keys["b"], "POST", "/v1/jobs", job("b", "interactive"))["id"])
    deadline = time.time() + 600
    while time.time() < deadline:
        with lock:
            if all(i in ended for i in b_ids):
                break
        time.sleep(0.5)
    stop.set()
    poller.join()

    with lock:
        waits = {"a": [], "b": []}
        for jid, at in started.items():
            t, c = created[jid]
            waits[t].append(at - c)
        runs = [ended[i] - started[i] for i in b_ids if i in ended and i in started]
    print(f"elapsed {time.time() - t0:.0f} s; mean run (B's jobs, as polled) {sum(runs) / max(1, len(runs)):.2f} s")
    for t, name in (("a", f"A (bulk flood of {a.bulk})"), ("b", f"B (interactive, 1 every {a.interval:g} s)")):
        w = waits[t]
        print(f"{name}: {len(w)} started, wait p50 {pct(w, 50):.2f} s, p95 {pct(w, 95):.2f} s, max {max(w) if w else float('nan'):.2f} s")


if __name__ == "__main__":
    main()
