#!/usr/bin/env python3
"""Summarises the event printouts that backend-cuda/gpu/profile.sh makes from a flight recording.

    python3 backend-cuda/gpu/jfr_summary.py CONFIG-alloc.txt CONFIG-cpu.txt CONFIG-native.txt

Prints where the heap allocation went (JFR's allocation samples, summed by their weight, per
allocated class and the first rnn4j frames that led to it) and where the threads were: how many
execution samples caught Java code against how many caught native code (for the CUDA backend,
the driver calls), and the Java methods most often on top. The printouts are JDK 17's `jfr print`
text, which the jlink'd runtime of the GPU bundle can write where `jfr view` (JDK 21+) is absent.
"""
import collections
import re
import sys

UNITS = {"bytes": 1, "byte": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}
FRAME = re.compile(r"^\s+(\S+?)\(.*\)\s+line:", re.M)


def events(path, name):
    with open(path, encoding="utf-8") as f:
        return f.read().split(name + " {")[1:]


def site(frames, depth=3):
    """The allocated-at frame and the first rnn4j frames under it: the place to read."""
    own = [f for f in frames if f.startswith("org.rnn4j.")]
    top = frames[0] if frames else "?"
    chain = [top] + [f for f in own if f != top][: depth - 1]
    return " <- ".join(chain)


def allocation(path):
    by_site = collections.Counter()
    total = 0.0
    samples = events(path, "jdk.ObjectAllocationSample")
    for e in samples:
        w = re.search(r"weight = ([\d.]+) (\w+)", e)
        cls = re.search(r"objectClass = (\S+)", e)
        if not w or not cls:
            continue
        weight = float(w.group(1)) * UNITS.get(w.group(2), 1)
        total += weight
        by_site[cls.group(1) + " at " + site(FRAME.findall(e))] += weight
    print(f"allocation: {len(samples)} samples, {total / 1e6:.1f} MB sampled weight")
    for key, weight in by_site.most_common(12):
        print(f"  {100 * weight / max(total, 1):5.1f}%  {key}")


def threads(cpu_path, native_path):
    java = events(cpu_path, "jdk.ExecutionSample")
    native = events(native_path, "jdk.NativeMethodSample")
    print(f"threads: {len(java)} samples in Java code, {len(native)} in native code")
    for label, samples in (("Java", java), ("native", native)):
        tops = collections.Counter()
        for e in samples:
            frames = FRAME.findall(e) or re.findall(r"^\s+(\S+?)\(", e, re.M)
            if frames:
                tops[site(frames, 2)] += 1
        for key, n in tops.most_common(6):
            print(f"  {label:6s} {100 * n / max(len(samples), 1):5.1f}%  {key}")


def main(argv):
    if len(argv) != 4:
        print("usage: " + __doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    allocation(argv[1])
    threads(argv[2], argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
