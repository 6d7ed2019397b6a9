#!/bin/bash
# Headless dossier against fzf (and sk, when installed) on the same generated data, as ratios.
#
#   python3 ../shared/tools/gen_corpus.py --out /tmp/corpus --sizes 100000,1000000
#   cargo build --release && bash benches/fzf.sh            # SIZES="100000" RUNS=5 to change
#
# fzf and sk read `lines_N.txt` (`title | actors`), dossier reads `meta_N.csv` (the same two
# columns): equal information. dossier is timed twice: `--no-cache` (every run parses and indexes
# the CSV) and with its index cache (the warm-up run writes it). Prints one Markdown row per
# corpus and query: mean wall times (hyperfine) and dossier / fzf.
set -euo pipefail
corpus=${CORPUS:-/tmp/corpus}
dossier=$(realpath "${DOSSIER:-target/release/dossier}")
sk=$(command -v sk || true)
runs=${RUNS:-5}
export XDG_CACHE_HOME=${XDG_CACHE_HOME:-$(mktemp -d)}
out=$(mktemp -d)
echo "| docs | query | fzf | sk | dossier --no-cache | dossier cached | cold / fzf | cached / fzf |"
echo "|---|---|---|---|---|---|---|---|"
for n in ${SIZES:-100000 1000000}; do
    for q in erdogan "assad idlib" erdgoan zzzxq; do
        commands=("sh -c 'fzf --filter \"$q\" < $corpus/lines_$n.txt > /dev/null'")
        [ -n "$sk" ] && commands+=("sh -c '$sk --filter \"$q\" < $corpus/lines_$n.txt > /dev/null'")
        commands+=("sh -c '$dossier --no-cache --filter \"$q\" $corpus/meta_$n.csv > /dev/null'")
        commands+=("sh -c '$dossier --filter \"$q\" $corpus/meta_$n.csv > /dev/null'")
        hyperfine -N -i -w 1 -r "$runs" --export-json "$out/r.json" "${commands[@]}" > /dev/null 2>&1
        python3 - "$out/r.json" "$n" "$q" "$sk" <<'EOF'
import json, sys
results = [r["mean"] for r in json.load(open(sys.argv[1]))["results"]]
fzf = results.pop(0)
sk = results.pop(0) if sys.argv[4] else None
cold, cached = results
ms = lambda s: f"{s * 1000:.0f} ms"
print(f"| {int(sys.argv[2]):,} | {sys.argv[3]} | {ms(fzf)} | {ms(sk) if sk else '—'} | {ms(cold)} | {ms(cached)} "
      f"| {cold / fzf:.2f}× | {cached / fzf:.2f}× |")
EOF
    done
done
