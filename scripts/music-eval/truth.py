#!/usr/bin/python3
"""Ground truth from a MIDI file: tempo, beats, downbeats, meter and key, as JSON on stdout.

Beats: one per quarter note for x/2 and x/4 signatures, one per dotted quarter for compound
x/8 signatures (6/8, 9/8, 12/8), and one per eighth note for other x/8 signatures; bars from the
time-signature events (a new signature starts a new bar). Times follow the tempo map.
Tempo: the beat rate that holds for the longest time (seconds-weighted mode of the tempo map).
Key: the first key-signature event when the file has one ("signature"), except a C major
signature the notes contradict (the sequencers' default, a placeholder); otherwise the
Krumhansl-Kessler estimate of the duration-weighted pitch classes of all non-drum notes
("symbolic"). Both are printed, so a wrong signature can be spotted (keySymbolic).
Usage: truth.py SONG.mid
"""
import json, sys
import mido
from mido.midifiles import meta as _meta

# tolerate broken key-signature meta events (seen in simutrans-data), as the dataset's renderer does
_orig_decode = _meta.MetaSpec_key_signature.decode


def _lenient_decode(self, message, data):
    try:
        _orig_decode(self, message, data)
    except Exception:
        message.key = 'C'  # unreadable: treated like the C major placeholder below


_meta.MetaSpec_key_signature.decode = _lenient_decode

MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
MINOR = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]
NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
ALIASES = {"Db": "C#", "D#": "Eb", "Gb": "F#", "G#": "Ab", "A#": "Bb", "Cb": "B", "E#": "F", "B#": "C", "Fb": "E"}


def corr(x, y):
    mx, my = sum(x) / 12, sum(y) / 12
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5 if sxx > 0 else -2


def main(path):
    mf = mido.MidiFile(path, clip=True)
    tpb = mf.ticks_per_beat
    events = []  # (tick, kind, value)
    notes_on = {}
    pcs = [0.0] * 12
    for tr in mf.tracks:
        tick = 0
        for m in tr:
            tick += m.time
            if m.type == "set_tempo":
                events.append((tick, 0, m.tempo))
            elif m.type == "time_signature":
                events.append((tick, 1, (m.numerator, m.denominator)))
            elif m.type == "key_signature":
                events.append((tick, 2, m.key))
            elif m.type in ("note_on", "note_off") and m.channel != 9:
                k = (m.channel, m.note)
                if m.type == "note_on" and m.velocity > 0:
                    notes_on.setdefault(k, tick)
                elif k in notes_on:
                    pcs[m.note % 12] += tick - notes_on.pop(k)
    end_tick = max(sum(m.time for m in tr) for tr in mf.tracks)
    events.sort(key=lambda e: (e[0], e[1]))
    tempos = [(0, 500000)] + [(t, v) for t, k, v in events if k == 0]
    sigs = [(0, (4, 4))] + [(t, v) for t, k, v in events if k == 1]
    keys = [v for t, k, v in events if k == 2 and v]

    def seconds(tick):
        s, last_t, last_tempo = 0.0, 0, 500000
        for t, tempo in tempos:
            if t > tick:
                break
            s += (t - last_t) * last_tempo / (tpb * 1e6)
            last_t, last_tempo = t, tempo
        return s + (tick - last_t) * last_tempo / (tpb * 1e6)

    # collapse signatures at the same tick (the later wins)
    sig_map = {}
    for t, v in sigs:
        sig_map[t] = v
    sig_list = sorted(sig_map.items())
    beats, downbeats, meters = [], [], []
    for i, (t0, (num, den)) in enumerate(sig_list):
        t1 = sig_list[i + 1][0] if i + 1 < len(sig_list) else end_tick
        if den == 8 and num % 3 == 0 and num > 3:
            beat_ticks, per_bar = tpb * 1.5, num // 3
        else:
            beat_ticks, per_bar = tpb * 4 / den, num
        t, n = t0, 0
        while t < t1 - 1e-9:
            sec = seconds(int(round(t)))
            beats.append(sec)
            if n % per_bar == 0:
                downbeats.append(sec)
            t += beat_ticks
            n += 1
        meters.append((seconds(t1) - seconds(t0), "%d/%d" % (num, den), beat_ticks))
    # dominant tempo in beats per minute (of the beat unit above), weighted by seconds
    weight = {}
    for i, (t, tempo) in enumerate(tempos):
        t1 = tempos[i + 1][0] if i + 1 < len(tempos) else end_tick
        if t1 <= t:
            continue
        beat_ticks = meters[0][2]
        for (tt, (num, den)) in sig_list:
            if tt <= t:
                beat_ticks = tpb * 1.5 if (den == 8 and num % 3 == 0 and num > 3) else tpb * 4 / den
        bpm = round(60e6 / tempo * tpb / beat_ticks, 2)
        weight[bpm] = weight.get(bpm, 0) + seconds(t1) - seconds(t)
    bpm = max(weight.items(), key=lambda kv: kv[1])[0]
    meter = max(meters, key=lambda m: m[0])[1]
    best = None
    for mode, prof in (("major", MAJOR), ("minor", MINOR)):
        for tonic in range(12):
            r = corr(pcs, [prof[(c - tonic) % 12] for c in range(12)])
            if best is None or r > best[0]:
                best = (r, NAMES[tonic] + " " + mode)
    symbolic = best[1] if sum(pcs) > 0 else None
    signature = None
    if keys:
        k = keys[0]
        minor = k.endswith("m")
        root = k[:-1] if minor else k
        root = ALIASES.get(root, root)
        signature = root + (" minor" if minor else " major")
        if signature == "C major" and symbolic != "C major":
            signature = None  # C major is the default a sequencer writes: a placeholder when the notes disagree
    print(json.dumps({"bpm": bpm, "meter": meter, "key": signature or symbolic,
                      "keySource": "signature" if signature else "symbolic", "keySymbolic": symbolic,
                      "beats": [round(b, 4) for b in beats], "downbeats": [round(b, 4) for b in downbeats]}))


if __name__ == "__main__":
    main(sys.argv[1])
