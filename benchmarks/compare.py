#!/usr/bin/env python3
"""Joins the TSV files of rnn4j's harness and its PyTorch twin and judges the targets.

    python3 benchmarks/compare.py rnn4j.tsv [pytorch.tsv]
    python3 benchmarks/compare.py --rounds rnn4j-1.tsv pytorch-1.tsv rnn4j-2.tsv pytorch-2.tsv ...
    python3 benchmarks/compare.py --device gpu rnn4j-gpu.tsv torch-gpu.tsv

With --rounds (what `compare.sh --rounds N` writes) each configuration's ratio is taken within
each round, where both sides ran back to back, and judged on the median over the rounds; the
lowest and highest ratio stand beside it.

The B/char column is what rnn4j allocated on the heap per character while it was timed (the largest
over the rounds): a healthy steady state allocates a few bytes at most (sampling: its per-call session),
a JVM whose vectors C2 failed to keep in registers allocates thousands and runs slower, so such a
figure marks the round as a JIT accident rather than the code's speed (docs/benchmarks.md).

Targets (issue point 6, as ratios, never as timed tests): GEMM 2048^3 >= 80% and 64x512x2048
>= 65% of the all-threads FMA peak measured in the same run; training >= 2x PyTorch (LSTM 2x512
>= 1.5x); sampling >= 5x PyTorch.

With --device gpu (the files backend-cuda/gpu/run.sh writes) the CUDA backend's targets are
judged instead, as shares of PyTorch's speed on the same GPU: GEMM 4096^3 >= 50% of cuBLAS and
LSTM 2x512 training >= 50% of cuDNN; the other rows show their ratio only, and allocation is
shown without the CPU backend's boxing mark (a JIT accident of the Vector API).
"""
import sys

TRAIN_TARGETS = {"seed": 2.0, "lstm-2x256": 2.0, "lstm-2x512": 1.5, "gru-2x256": 2.0, "elman-2x256": 2.0}
SAMPLE_TARGETS = {"sample-lstm-2x256": 5.0, "sample-lstm-2x512": 5.0}
GEMM_TARGETS = {"2048x2048x2048": 0.80, "64x512x2048": 0.65}
# Bytes per character above which a configuration's JVM is taken to have boxed vectors: healthy
# training allocates well under 1 B/char and sampling about 40 (a session per call); a JVM with one
# boxed kernel allocated 976 (softmax over 84 classes), one with every kernel boxed millions.
BOXED_BYTES_PER_CHAR = 100.0
# The CUDA backend's targets: shares of PyTorch's speed on the same GPU (cuBLAS, cuDNN).
GPU_TARGETS = {"gemm-NN-4096x4096x4096": 0.50, "lstm-2x512": 0.50}


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
    short = 100 * (1 - value / target)
    return ("MISSED by %.1f%%" if short < 1 else "MISSED by %.0f%%") % short


def allocation(row):
    """rnn4j's heap bytes per character (None where the file has no such figure)."""
    value = float(row.get("alloc_b_per_char", "-1") or -1) if row else -1
    return value if value >= 0 else None


def allocation_text(values):
    """The largest allocation per character, with a warning when it marks a boxed JVM."""
    values = [v for v in values if v is not None]
    if not values:
        return "-", ""
    worst = max(values)
    text = "%.2f" % worst if worst < 100 else "%.3g" % worst
    warning = (" BOXED? %d of %d JVMs allocated > %.0f B/char" % (sum(v > BOXED_BYTES_PER_CHAR for v in values),
                                                                   len(values), BOXED_BYTES_PER_CHAR)
               if worst > BOXED_BYTES_PER_CHAR else "")
    return text, warning


def peak_of(rows):
    peaks = [float(r["median"]) for n, r in rows.items() if n.startswith("peak-") and n != "peak-1"]
    return max(peaks) if peaks else None


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def rounds(paths):
    """Judges the median over rounds of per-round ratios (GEMM: shares of that round's peak)."""
    if len(paths) < 2 or len(paths) % 2:
        print("--rounds needs pairs of files: rnn4j.tsv pytorch.tsv per round", file=sys.stderr)
        return 2
    pairs = [(read(paths[i]), read(paths[i + 1])) for i in range(0, len(paths), 2)]
    names = []
    for ours, _ in pairs:
        names += [n for n in ours if n not in names]
    fmt = "%-22s %12s %12s %8s %15s %8s %8s  %s"
    print("%d rounds; each ratio taken within its round, then the median over the rounds" % len(pairs))
    print(fmt % ("config", "rnn4j", "pytorch", "median", "min-max", "target", "B/char", "verdict"))
    for name in names:
        ours_values, theirs_values, metrics, allocs = [], [], [], []
        for ours, theirs in pairs:
            r, o = ours.get(name), theirs.get(name)
            if r is None:
                continue
            value = float(r["median"])
            ours_values.append(value)
            allocs.append(allocation(r))
            if o is not None:
                theirs_values.append(float(o["median"]))
            if name.startswith("gemm-"):
                peak = peak_of(ours)
                if peak:
                    metrics.append(value / peak)
            elif o is not None and not name.startswith("peak-"):
                metrics.append(value / float(o["median"]))
        theirs_text = "%.1f" % median(theirs_values) if theirs_values else "-"
        alloc_text, boxed = allocation_text(allocs)
        if not metrics:
            print(fmt % (name, "%.1f" % median(ours_values), theirs_text, "-", "-", "", alloc_text, boxed.strip()))
            continue
        mid = median(metrics)
        gemm = name.startswith("gemm-")
        show = (lambda x: "%.0f%%" % (100 * x)) if gemm else (lambda x: "%.2fx" % x)
        spread = "%s-%s" % (show(min(metrics)), show(max(metrics)))
        target = None
        if gemm:
            target = GEMM_TARGETS.get(name.split("-", 2)[2])
        else:
            target = TRAIN_TARGETS.get(name) or SAMPLE_TARGETS.get(name)
        print(fmt % (name, "%.1f" % median(ours_values), theirs_text, show(mid), spread,
                     show(target) if target else "", alloc_text, (verdict(mid, target) if target else "") + boxed))
    print("GEMM: share of the all-threads FMA peak measured in the same round; B/char: rnn4j's heap allocation per"
          " character, the largest over the rounds")
    return 0


def gpu(paths):
    """Judges a GPU run: rnn4j's CUDA backend as a share of PyTorch on the same device."""
    if len(paths) != 2:
        print("--device gpu needs two files: rnn4j-gpu.tsv torch-gpu.tsv", file=sys.stderr)
        return 2
    ours, theirs = read(paths[0]), read(paths[1])
    fmt = "%-22s %12s %12s %8s %8s %8s  %s"
    print(fmt % ("config", "rnn4j", "pytorch", "share", "target", "B/char", "verdict"))
    for name, r in ours.items():
        other = theirs.get(name)
        share = float(r["median"]) / float(other["median"]) if other else None
        target = GPU_TARGETS.get(name)
        # the figure only: the boxing mark is the CPU backend's
        alloc_text, _ = allocation_text([allocation(r)])
        print(fmt % (name, r["median"], other["median"] if other else "-",
                     "%.1f%%" % (100 * share) if share is not None else "-",
                     "%.0f%%" % (100 * target) if target else "", alloc_text,
                     (verdict(share, target) if share is not None else "no PyTorch figure") if target else ""))
    print("share: rnn4j's figure as a share of PyTorch's on the same GPU (GEMM against cuBLAS, training against"
          " cuDNN, batch-1 sampling against PyTorch's per-step loop)")
    return 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--rounds":
        return rounds(argv[2:])
    if len(argv) > 1 and argv[1] == "--device":
        if len(argv) < 3 or argv[2] != "gpu":
            print("--device takes 'gpu' (CPU runs need no option)", file=sys.stderr)
            return 2
        return gpu(argv[3:])
    ours = read(argv[1])
    theirs = read(argv[2]) if len(argv) > 2 else {}
    peak = peak_of(ours)
    fmt = "%-22s %12s %12s %8s %8s %9s %8s  %s"
    print(fmt % ("config", "rnn4j", "pytorch", "ratio", "target", "others%", "B/char", "verdict"))
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
        alloc_text, boxed = allocation_text([allocation(r)])
        print(fmt % (name, r["median"], other["median"] if other else "-", shown, target or "", busy, alloc_text,
                     verdict_text + boxed))
    print("others%: CPU used by other processes during the rnn4j/PyTorch measurement; above a few percent the"
          " figures are disturbed (PyTorch's OpenMP threads most)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
