#!/usr/bin/python3
"""Scores tempo, beat, downbeat and key estimates against MIDI truth.

Usage: score.py TRUTH_DIR RESULTS_DIR TOOL [TOOL...]
TRUTH_DIR/NAME.json comes from truth.py; RESULTS_DIR/TOOL/NAME.json holds any of
{"bpm": x, "beats": [...], "downbeats": [...], "key": "A minor"} (a missing field is not scored).
Metrics (as in MIREX and mir_eval): tempo correct when within 4 % of the truth ("strict") or of
the truth, its double or its half ("double/half"); beat and downbeat F-measure with a +-70 ms
window, beats before 5 s ignored on both sides (mir_eval's trim); key MIREX weighted score
(same 1, fifth above or below in the same mode 0.5, relative 0.3, parallel 0.2).
Prints a Markdown table, one row per tool, and one per-song TSV line per tool on stderr.
"""
import json, os, sys

NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]


def fmeasure(ref, est, window=0.07):
    ref = [r for r in ref if r >= 5.0]
    est = [e for e in est if e >= 5.0]
    if not ref and not est:
        return 1.0
    if not ref or not est:
        return 0.0
    used = set()
    hits = 0
    j0 = 0
    for r in ref:
        best, bestd = None, window + 1e-9
        for j in range(j0, len(est)):
            d = est[j] - r
            if d < -window:
                j0 = j + 1
                continue
            if d > window:
                break
            if j not in used and abs(d) <= bestd:
                best, bestd = j, abs(d)
        if best is not None:
            used.add(best)
            hits += 1
    p = hits / len(est)
    rc = hits / len(ref)
    return 0.0 if hits == 0 else 2 * p * rc / (p + rc)


def parse_key(k):
    if not k:
        return None
    root, mode = k.split()
    return NAMES.index(root), mode == "minor"


def key_score(ref, est):
    r, e = parse_key(ref), parse_key(est)
    if e is None:
        return 0.0
    (rt, rm), (et, em) = r, e
    if (rt, rm) == (et, em):
        return 1.0
    if rm == em and (et - rt) % 12 in (5, 7):
        return 0.5
    if not rm and em and et == (rt + 9) % 12:
        return 0.3
    if rm and not em and et == (rt + 3) % 12:
        return 0.3
    if rt == et and rm != em:
        return 0.2
    return 0.0


def main(truth_dir, results_dir, tools):
    names = sorted(f[:-5] for f in os.listdir(truth_dir) if f.endswith(".json"))
    print("| tool | songs | tempo strict (4 %) | tempo double/half (4 %) | beat F (70 ms) | downbeat F (70 ms) | key (MIREX weighted) |")
    print("|---|---|---|---|---|---|---|")
    for tool in tools:
        rows = {"strict": [], "octave": [], "beat": [], "down": [], "key": []}
        for name in names:
            path = os.path.join(results_dir, tool, name + ".json")
            if not os.path.exists(path):
                continue
            truth = json.load(open(os.path.join(truth_dir, name + ".json")))
            est = json.load(open(path))
            line = [tool, name]
            if est.get("bpm") is not None or "bpm" in est:
                bpm = est.get("bpm") or 0
                t = truth["bpm"]
                strict = abs(bpm - t) <= 0.04 * t
                octave = any(abs(bpm - m * t) <= 0.04 * m * t for m in (1, 2, 0.5))
                rows["strict"].append(strict)
                rows["octave"].append(octave)
                line += ["%.1f/%.1f" % (bpm, t)]
            if "beats" in est:
                f = fmeasure(truth["beats"], est["beats"])
                rows["beat"].append(f)
                line += ["beatF=%.2f" % f]
            if "downbeats" in est:
                f = fmeasure(truth["downbeats"], est["downbeats"])
                rows["down"].append(f)
                line += ["downF=%.2f" % f]
            if "key" in est and truth.get("key"):
                k = key_score(truth["key"], est["key"])
                rows["key"].append(k)
                line += ["key %s/%s=%.1f" % (est["key"], truth["key"], k)]
            print("\t".join(line), file=sys.stderr)
        pct = lambda xs: "%.1f %%" % (100.0 * sum(xs) / len(xs)) if xs else "-"
        mean = lambda xs: "%.3f" % (sum(xs) / len(xs)) if xs else "-"
        n = max(len(v) for v in rows.values())
        print("| %s | %d | %s | %s | %s | %s | %s |" % (tool, n, pct(rows["strict"]), pct(rows["octave"]),
              mean(rows["beat"]), mean(rows["down"]), mean(rows["key"])))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
