#!/usr/bin/env python3
"""Joins the TSV files of rnn4j's harness and its PyTorch twin and judges the targets.

    python3 benchmarks/compare.py rnn4j.tsv [pytorch.tsv]

Targets (issue point 6, as ratios, never as timed tests): GEMM 2048^3 >= 80% and 64x512x2048
>= 65% of the all-threads FMA peak measured in the same run; training >= 2x PyTorch (LSTM 2x512
>= 1.5x); sampling >= 5x PyTorch.
"""
import sys

TRAIN_TARGETS = {"seed": 2.0, "lstm-2x256": 2.0, "lstm-2x512": 1.5, "gru-2x256": 2.0, "elman-2x256": 2.0}
SAMPLE_TARGETS = {"sample-lstm-2x256": 5.0, "sample-lstm-2x512": 5.0}
GEMM_TARGETS = {"2048x2048x2048": 0.80, "64x512x2048": 0.65}


def read(path):
    rows = {}
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            fields = dict(zip(header, line.rstrip("\n").split("\t")))
            rows[fields["name"]] = fields
    return rows


def noise(row):
    """The 'others N% CPU' part of a row's note, or '?'."""
    note = row.get("note", "") if row else ""
    for part in note.split(","):
        if "others" in part:
            return part.strip().replace("others ", "").replace(" CPU", "")
    return "?"


def verdict(value, target):
    if value >= target:
        return "met"
    return "MISSED by %.0f%%" % (100 * (1 - value / target))


def main(argv):
    ours = read(argv[1])
    theirs = read(argv[2]) if len(argv) > 2 else {}
    peaks = [float(r["median"]) for n, r in ours.items() if n.startswith("peak-") and n != "peak-1"]
    peak = max(peaks) if peaks else None
    fmt = "%-22s %12s %12s %8s %8s %9s  %s"
    print(fmt % ("config", "rnn4j", "pytorch", "ratio", "target", "others%", "verdict"))
    for name, r in ours.items():
        value = float(r["median"])
        other = theirs.get(name)
        ratio = value / float(other["median"]) if other else None
        target, verdict_text, shown = None, "", ("%.2f" % ratio) if ratio else "-"
        if name.startswith("gemm-") and peak:
            size = name.split("-", 2)[2]
            share = value / peak
            shown = "%.0f%%pk" % (100 * share)
            if size in GEMM_TARGETS:
                target = GEMM_TARGETS[size]
                verdict_text = verdict(share, target) + " (of %.0f GFLOP/s all-threads peak)" % peak
                target = "%.0f%%" % (100 * target)
            if ratio:
                verdict_text += " %.2fx torch.mm" % ratio
        elif name in TRAIN_TARGETS or name in SAMPLE_TARGETS:
            t = TRAIN_TARGETS.get(name) or SAMPLE_TARGETS.get(name)
            target = "%.1fx" % t
            verdict_text = verdict(ratio, t) if ratio else "no PyTorch figure"
        busy = noise(r) + "/" + (noise(other) if other else "-")
        print(fmt % (name, r["median"], other["median"] if other else "-", shown, target or "", busy, verdict_text))
    print("others%: CPU used by other processes during the rnn4j/PyTorch measurement; above a few percent the"
          " figures are disturbed (PyTorch's OpenMP threads most)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
