#!/usr/bin/env bash
# Runs rnn4j's harness and its PyTorch twin on the same machine, then prints rnn4j/PyTorch ratios
# against the targets of docs/benchmarks.md.
#
#   ./benchmarks/compare.sh                      # everything, rnn4j then PyTorch: about 12 minutes
#   ./benchmarks/compare.sh --quick              # smoke run
#   ./benchmarks/compare.sh --configs seed,gemm  # any harness options, passed to both sides
#   ./benchmarks/compare.sh --rounds 3 --configs lstm-2x256,elman-2x256
#
# --rounds N interleaves: per round and configuration, rnn4j then PyTorch back to back (GEMM with
# the FMA peak of the same round), and the verdict is taken on the median of the N ratios, with
# their spread beside it. On a machine whose speed drifts (a shared VM) this is the way to read a
# ratio; a single pass compares numbers taken minutes apart.
#
# The harness is built once, at the start, and the commit it was built from is printed: sources
# edited while the rounds run do not reach them.
#
# Needs python3-torch (Debian) and, for a fair PyTorch, libopenblas0-openmp; see
# benchmarks/pytorch/throughput.py. Results land in benchmarks/target/compare/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/target/compare"
mkdir -p "$OUT"
PY="${PYTHON:-/usr/bin/python3}"

rounds=1
configs=all
pass=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --configs) configs="$2"; shift 2 ;;
        *) pass+=("$1"); shift ;;
    esac
done
case "$rounds" in
    ''|*[!0-9]*|0) echo "--rounds needs a positive whole number, got '$rounds'" >&2; exit 2 ;;
esac

# A run's files replace the last run's, so that nothing stale is read as this run's.
rm -f "$OUT"/*.tsv "$OUT"/*.txt
have_torch=false
if "$PY" -c 'import torch' 2>/dev/null; then
    have_torch=true
fi
# One build for the whole run: sources edited while it runs do not reach later rounds.
source "$HERE/build-jar.sh"
export RNN4J_BENCH_KEEP_JAR=1
echo "== rnn4j at $(git -C "$HERE/.." rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$HERE/.." diff --quiet HEAD -- '*.java' 2>/dev/null || echo ' (with uncommitted changes)')"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$rounds" = 1 ]; then
    "$HERE/run-throughput.sh" --tsv "$OUT/rnn4j.tsv" --configs "$configs" ${pass[@]+"${pass[@]}"} | tee "$OUT/rnn4j.txt"
    echo
    if $have_torch; then
        "$PY" "$HERE/pytorch/throughput.py" --tsv "$OUT/pytorch.tsv" --configs "$configs" ${pass[@]+"${pass[@]}"} \
            | tee "$OUT/pytorch.txt"
        echo
        echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
        "$PY" "$HERE/compare.py" "$OUT/rnn4j.tsv" "$OUT/pytorch.tsv" | tee "$OUT/ratios.txt"
    else
        echo "PyTorch not importable by $PY (apt-get install python3-torch libopenblas0-openmp); rnn4j only."
        "$PY" "$HERE/compare.py" "$OUT/rnn4j.tsv" | tee "$OUT/ratios.txt"
    fi
    exit 0
fi

if ! $have_torch; then
    echo "--rounds compares with PyTorch, which $PY cannot import (apt-get install python3-torch libopenblas0-openmp)" >&2
    exit 2
fi
# The units measured back to back: GEMM goes with the FMA peak it is a share of.
units=()
for c in ${configs//,/ }; do
    case "$c" in
        all) units+=(peak,gemm seed lstm-2x256 lstm-2x512 gru-2x256 elman-2x256 sample-lstm-2x256 sample-lstm-2x512) ;;
        train) units+=(seed lstm-2x256 lstm-2x512 gru-2x256 elman-2x256) ;;
        sample) units+=(sample-lstm-2x256 sample-lstm-2x512) ;;
        gemm|peak) units+=(peak,gemm) ;;
        *) units+=("$c") ;;
    esac
done
pairs=()
for r in $(seq 1 "$rounds"); do
    ours="$OUT/rnn4j-round$r.tsv"
    theirs="$OUT/pytorch-round$r.tsv"
    rm -f "$ours" "$theirs"
    for u in "${units[@]}"; do
        echo "== round $r of $rounds: $u"
        "$HERE/run-throughput.sh" --tsv "$OUT/part.tsv" --configs "$u" ${pass[@]+"${pass[@]}"} | tee -a "$OUT/rnn4j.txt"
        "$PY" "$HERE/pytorch/throughput.py" --tsv "$OUT/part-torch.tsv" --configs "$u" ${pass[@]+"${pass[@]}"} \
            | tee -a "$OUT/pytorch.txt"
        # one TSV per side and round: the first unit's header, then every unit's rows
        if [ -f "$ours" ]; then tail -n +2 "$OUT/part.tsv" >>"$ours"; else cp "$OUT/part.tsv" "$ours"; fi
        if [ -f "$theirs" ]; then tail -n +2 "$OUT/part-torch.tsv" >>"$theirs"; else cp "$OUT/part-torch.tsv" "$theirs"; fi
    done
    pairs+=("$ours" "$theirs")
done
rm -f "$OUT/part.tsv" "$OUT/part-torch.tsv"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PY" "$HERE/compare.py" --rounds "${pairs[@]}" | tee "$OUT/ratios.txt"
