#!/usr/bin/env bash
# Benchmark: claimcheck against ripgrep with the same regular expressions, on generated
# corpora of the given sizes in MB (default: 100 and 1000). See BENCHMARKS.md.
#
#   tests/bench/run.sh [SIZE_MB ...]
#
# Environment: BENCH_RUNS (default 3) runs of each command per size; the fastest counts.
set -euo pipefail

cd "$(dirname "$0")/../.."
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(100 1000)
fi
runs=${BENCH_RUNS:-3}

if [ ! -x /usr/bin/time ]; then
    echo "run.sh needs GNU time (/usr/bin/time): apt-get install time" >&2
    exit 2
fi
if ! command -v rg > /dev/null; then
    echo "installing ripgrep (cargo install ripgrep --locked)" >&2
    cargo install ripgrep --locked
fi

cargo build --release --quiet
bin=target/release/claimcheck
patterns=target/bench-patterns.txt
"$bin" dump-patterns > "$patterns"
# The rule patterns and the built-in date readers and stance cues the rules rely on.
all_patterns=target/bench-patterns-all.txt
"$bin" dump-patterns --builtin > "$all_patterns"

# Runs a command with its standard output sent to $2, and prints
# "wall_seconds user_seconds system_seconds max_rss_kb".
measure() {
    local out=$1
    shift
    local stats
    stats=$(mktemp)
    /usr/bin/time -f "%e %U %S %M" -o "$stats" "$@" > "$out" || true
    tail -n 1 "$stats"
    rm -f "$stats"
}

# Of two "wall user system rss" lines, the one with the smaller wall time.
faster() {
    if [ -z "$1" ]; then
        echo "$2"
    else
        awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); print (y[1] < x[1]) ? b : a }'
    fi
}

echo "claimcheck $(git describe --always --dirty 2>/dev/null || echo '?'), $(rg --version | head -n 1)"
echo "$(nproc) cores, $(wc -l < "$patterns") rule patterns ($(wc -l < "$all_patterns") with the built-in ones), best of $runs runs"
echo
printf '%6s %8s %9s %6s | %6s %6s %6s %6s %6s | %6s %6s %6s %6s | %5s %6s\n' \
    "size" "articles" "claims" "finds" "rg -c" "rg -ob" "all-ob" "check" "check" "wall" "wall" "wall" "cpu" "cpu" "peak"
printf '%6s %8s %9s %6s | %6s %6s %6s %6s %6s | %6s %6s %6s %6s | %5s %6s\n' \
    "MB" "" "" "" "wall s" "wall s" "wall s" "wall s" "cpu s" "vs -ob" "vs all" "vs -c" "vs -ob" "%" "MB"

growth=()
stages=()
for mb in "${sizes[@]}"; do
    corpus=target/bench-corpus-$mb
    if [ ! -f "$corpus.complete" ]; then
        rm -rf "$corpus"
        python3 tests/bench/gen_corpus.py "$corpus" --mb "$mb" --seed 1 --seeds seeds/ >&2
        touch "$corpus.complete"
    fi
    # Read every file once so that all commands find the corpus in the page cache.
    find "$corpus" -type f -exec cat {} + > /dev/null

    count="" matches="" all="" check=""
    timings=target/bench-timings-$mb.txt
    : > "$timings"
    for _ in $(seq "$runs"); do
        count=$(faster "$count" "$(measure target/bench-rg-count.txt rg -c -f "$patterns" "$corpus")")
        matches=$(faster "$matches" "$(measure target/bench-rg-matches.txt rg -o -b -f "$patterns" "$corpus")")
        all=$(faster "$all" "$(measure target/bench-rg-matches.txt rg -o -b -f "$all_patterns" "$corpus")")
        check=$(faster "$check" "$(measure target/bench-claimcheck.txt "$bin" "$corpus" --fail-on never --no-progress --color never --timings 2>> "$timings")")
    done
    summary=$(tail -n 1 target/bench-claimcheck.txt)
    articles=$(sed -E 's/^([0-9]+) articles? checked.*/\1/' <<< "$summary")
    claims=$(sed -E 's/.* ([0-9]+) claims?.*/\1/' <<< "$summary")
    findings=$(sed -E 's/.* ([0-9]+) findings?.*/\1/' <<< "$summary")
    awk -v mb="$mb" -v a="$articles" -v c="$claims" -v f="$findings" \
        -v rc="$count" -v ro="$matches" -v ra="$all" -v cc="$check" \
        'BEGIN { split(rc, k, " "); split(ro, o, " "); split(ra, l, " "); split(cc, w, " ");
                 printf "%6s %8s %9s %6s | %6.2f %6.2f %6.2f %6.2f %6.2f | %6.2f %6.2f %6.2f %6.2f | %5.0f %6.0f\n",
                 mb, a, c, f, k[1], o[1], l[1], w[1], w[2] + w[3],
                 w[1] / o[1], w[1] / l[1], w[1] / k[1], (w[2] + w[3]) / (o[2] + o[3]),
                 100 * (w[2] + w[3]) / w[1], w[4] / 1024 }'
    growth+=("$mb $check")
    # Each stage's best time over the runs: "checking quotations reconciling report".
    stages+=("$mb $(grep '^timings: ' "$timings" | awk -F', ' '
        { for (i = 1; i <= NF; i++) { n = split($i, w, " "); if (NR == 1 || w[n - 1] < best[i]) best[i] = w[n - 1] } }
        END { printf "%s %s %s %s", best[1], best[2], best[3], best[4] }')")
done
if [ ${#growth[@]} -ge 2 ]; then
    echo
    first=${growth[0]}
    last=${growth[${#growth[@]}-1]}
    awk -v a="$first" -v b="$last" \
        'BEGIN { split(a, x, " "); split(b, y, " ");
                 printf "growth from %s MB to %s MB (%.1fx the corpus): wall %.1fx, cpu %.1fx, peak memory %.1fx\n",
                 x[1], y[1], y[1] / x[1], y[2] / x[2], (y[3] + y[4]) / (x[3] + x[4]), y[5] / x[5] }'
fi
echo
echo "claimcheck's stages (wall seconds, best of $runs runs; from claimcheck --timings):"
printf '%6s %9s %10s %11s %7s\n' "MB" "checking" "quotations" "reconciling" "report"
for line in "${stages[@]}"; do
    awk -v s="$line" 'BEGIN { split(s, x, " "); printf "%6s %9.2f %10.2f %11.2f %7.2f\n", x[1], x[2], x[3], x[4], x[5] }'
done
if [ ${#stages[@]} -ge 2 ]; then
    awk -v a="${stages[0]}" -v b="${stages[${#stages[@]}-1]}" \
        'BEGIN { split(a, x, " "); split(b, y, " ");
                 for (i = 2; i <= 5; i++) g[i] = (x[i] > 0) ? sprintf("%.1fx", y[i] / x[i]) : "-";
                 printf "%6s %9s %10s %11s %7s\n", "growth", g[2], g[3], g[4], g[5] }'
fi
echo
echo "rg -c: lines with a match, counted; rg -ob: rg -o -b, every match with its byte offset;"
echo "all-ob: rg -o -b with the rule patterns and the built-in date readers and stance cues;"
echo "check: claimcheck. wall: claimcheck's wall time over each rg's; cpu vs -ob: claimcheck's"
echo "user+system time over rg -o -b's; cpu %: claimcheck's user+system time over its wall"
echo "time (200% = both cores busy all along); peak: claimcheck's maximum resident set size."
rm -f target/bench-rg-matches.txt
