#!/usr/bin/python3
"""Checks cutdowns made by `mixdown edit --length L` against their full tracks.

Usage: check_cutdowns.py CUT_DIR MIX_DIR
CUT_DIR holds NAME-L.wav and NAME-L.json (the edit report) for each song NAME of MIX_DIR/NAME.wav.
Checks, per cutdown (issue 14):
  length    the file is exactly L seconds, to the sample;
  join      at every join the largest sample step (any channel, over the crossfade and a window
            either side) is no larger than the source's own largest step within 50 ms of both
            join points, plus one 16-bit step;
  ending    the last 2 s of music in the edit equal the source's last 2 s before its music ends
            (within one 16-bit step), and the padding after it is digital silence;
  downbeat  the last downbeat heard lies at most 1.5 s before the end of the music (the report's
            lastDownbeatToEndSeconds; a cutdown without a bar grid fails this check);
  loudness  integrated loudness of the edit within 1 LU of the full track's, measured here by
            ffmpeg's ebur128 filter (independent of Mixdown's meter).
Prints one line per failing cutdown and a summary with the pass count of each check.
"""
import json, os, re, subprocess, sys, wave
import numpy as np

LSB = 1.0 / 32768
WINDOW_S = 0.05
ENDING_S = 2.0


def read(path):
    with wave.open(path) as w:
        n, ch, width, rate = w.getnframes(), w.getnchannels(), w.getsampwidth(), w.getframerate()
        raw = w.readframes(n)
    if width == 2:
        x = np.frombuffer(raw, "<i2").astype(np.float64) / 32768
    elif width == 3:
        b = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        x = np.where(v >= 1 << 23, v - (1 << 24), v).astype(np.float64) / (1 << 23)
    else:
        raise ValueError(f"{path}: {8 * width}-bit samples not supported here")
    return x.reshape(-1, ch), rate


def lufs(path, cache={}):
    if path not in cache:
        err = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", path, "-af", "ebur128", "-f", "null", "-"],
                             capture_output=True, text=True).stderr
        m = re.findall(r"I:\s+(-?[\d.]+) LUFS", err)
        cache[path] = float(m[-1]) if m else None
    return cache[path]


def max_step(x, a, b):
    a, b = max(1, a), min(len(x), b)
    return float(np.abs(np.diff(x[a - 1:b], axis=0)).max()) if b - a > 1 else 0.0


def check(cut_wav, report_path, mix_wav):
    rep = json.load(open(report_path))["edit"]
    out, rate = read(cut_wav)
    src, src_rate = read(mix_wav)
    length = float(re.search(r"-(\d+)\.wav$", cut_wav).group(1))
    failures = {}
    if len(out) != round(length * rate) or rate != src_rate:
        failures["length"] = f"{len(out)} frames, expected {round(length * rate)}"
    w = round(WINDOW_S * rate)
    for j in rep["joins"]:
        cf = j["crossfadeFrames"]
        got = max_step(out, j["outputFrame"] - cf - w, j["outputFrame"] + cf + w)
        own = max(max_step(src, j["fromSourceFrame"] - cf - w, j["fromSourceFrame"] + cf + w),
                  max_step(src, j["toSourceFrame"] - cf - w, j["toSourceFrame"] + cf + w))
        if got > own + LSB:
            failures["join"] = f"step {got:.4f} at output frame {j['outputFrame']} > source's {own:.4f}"
    content = rep["outputFrames"] - rep["paddingFrames"]
    end = rep["musicEndFrame"]
    last = rep["segments"][-1]
    if last["sourceEndFrame"] == end:
        n = min(round(ENDING_S * rate), last["outputEndFrame"] - last["outputStartFrame"])
        diff = np.abs(out[content - n:content] - src[end - n:end]).max()
        if diff > LSB + 1e-12:
            failures["ending"] = f"last {n / rate:.2f} s differ from the source's by up to {diff:.5f}"
    else:
        failures["ending"] = "the last segment does not end where the source's music ends"
    if np.abs(out[content:]).max(initial=0) > 0:
        failures["ending"] = "the padding is not digital silence"
    to_end = rep.get("lastDownbeatToEndSeconds")
    if to_end is None or to_end > 1.5:
        failures["downbeat"] = "no bar grid" if to_end is None else f"last downbeat {to_end:.2f} s before the end"
    a, b = lufs(cut_wav), lufs(mix_wav)
    if a is None or b is None or abs(a - b) > 1.0:
        failures["loudness"] = f"edit {a} LUFS, full track {b} LUFS"
    return failures


def main(cut_dir, mix_dir):
    checks = ["length", "join", "ending", "downbeat", "loudness"]
    counts = {c: 0 for c in checks}
    total = passed = 0
    for f in sorted(os.listdir(cut_dir)):
        if not f.endswith(".json"):
            continue
        name = re.sub(r"-\d+\.json$", "", f)
        cut_wav = os.path.join(cut_dir, f[:-5] + ".wav")
        mix_wav = os.path.join(mix_dir, name + ".wav")
        if not os.path.exists(cut_wav):
            print(f"{f[:-5]}: no cutdown was written")
            total += 1
            continue
        failures = check(cut_wav, os.path.join(cut_dir, f), mix_wav)
        total += 1
        passed += not failures
        for c in checks:
            counts[c] += c not in failures
        for c, why in failures.items():
            print(f"{f[:-5]}\t{c}\t{why}")
    print(f"cutdowns: {total}; all checks passed: {passed}; "
          + ", ".join(f"{c} {counts[c]}/{total}" for c in checks))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
