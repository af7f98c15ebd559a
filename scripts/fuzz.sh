#!/usr/bin/env bash
# Coverage-guided fuzzing of the core with AFL++ on the stable toolchain (docs/dev/fuzzing.md).
#
#   scripts/fuzz.sh [TARGET|all] [BUDGET]   fuzz each target in turn, then merge what it found
#                                           into fuzz/corpus/TARGET (afl-cmin) and copy crashes
#                                           to fuzz/crashes/TARGET
#   scripts/fuzz.sh smoke [BUDGET]          the test command's smoke run: every target for
#                                           BUDGET (default 1 s), corpus untouched; fails on a crash
#   scripts/fuzz.sh cmin [TARGET|all]       minimise the checked-in corpus (afl-cmin)
#   scripts/fuzz.sh remerge TARGET...       merge the last run of each TARGET into its corpus
#   scripts/fuzz.sh setup                   only install the tools
#
# BUDGET: seconds (`300`, `5m`), executions (`1000000x`) or both, whichever comes first
# (`10000000x,30m`). One core (afl-fuzz binds no CPU), one
# target after another. Installs what it needs: cargo-afl at a pinned version and the AFL++
# runtime it builds (offline, from the sources in the crate), in ~/.local/share/afl.rs.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_AFL_VERSION=0.18.2
TARGETS=(validate parse lookup add remove merge convert to_secret link global_pull_secret options workloads explain fix verify)
BIN=fuzz/afl/target/release/pullsecret-fuzz-afl
WORK=${PULLSECRET_FUZZ_WORK:-fuzz/afl/target/runs}
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
  AFL_NO_UI=1 AFL_QUIET=1 AFL_NO_WARN_INSTABILITY=1

setup() {
  if ! cargo afl --version 2>/dev/null | grep -q "$CARGO_AFL_VERSION"; then
    echo "== installing cargo-afl $CARGO_AFL_VERSION" >&2
    cargo install cargo-afl --version "$CARGO_AFL_VERSION" --quiet
  fi
  # Builds AFL++ (afl-fuzz, afl-cmin, the compiler runtime) once per rustc version.
  local out
  if ! out=$(cargo afl config --build 2>&1); then
    grep -q 'already built' <<<"$out" || { echo "$out" >&2; exit 1; }
  fi
  # cargo-afl's AFL++ tools, first in PATH: Debian's afl++ (4.04c), if installed, cannot drive
  # the 4.40c runtime cargo-afl links.
  AFL_BIN=$(ls -d ~/.local/share/afl.rs/rustc-"$(rustc -V | awk '{print $2 "-" substr($3, 2, 7)}')"/afl.rs-"$CARGO_AFL_VERSION"/afl/bin)
  export PATH="$AFL_BIN:$PATH"
}

build() {
  # FUZZ_NO_BUILD=1: use the binary already built (parallel runs while the sources change).
  [ "${FUZZ_NO_BUILD:-0}" = 0 ] || return 0
  echo "== cargo afl build (fuzz/afl)" >&2
  (cd fuzz/afl && cargo afl build --release --quiet)
}

# `run TARGET BUDGET OUT`: afl-fuzz on the target's corpus and crashes; prints a one-line summary.
run() {
  local t=$1 budget=$2 out=$3 limit
  limit=()
  local b
  # `10000000x,30m`: whichever comes first (issue 16's per-target budget).
  for b in ${budget//,/ }; do
    case $b in
      *x) limit+=(-E "${b%x}") ;;
      *m) limit+=(-V $((${b%m} * 60))) ;;
      *s) limit+=(-V "${b%s}") ;;
      *) limit+=(-V "$b") ;;
    esac
  done
  local in
  in=$(mktemp -d)
  cp fuzz/corpus/"$t"/* "$in"/
  # Crashes that are fixed seed the search too (a known crash would stop the run: left out).
  for f in fuzz/crashes/"$t"/*; do
    [ -f "$f" ] && ! grep -q "^$t/$(basename "$f")" fuzz/crashes/KNOWN 2>/dev/null && cp "$f" "$in"/
  done
  rm -rf "$out"
  mkdir -p "$(dirname "$out")"
  # -t: 1 s per input (the 64 KiB cap keeps every input far below it). `ulimit -s 1024`: the
  # smallest stack of a host (Node's main thread, a wasm instance: about 1 MiB), so code that
  # needs more stack crashes here too.
  (ulimit -s 1024 2>/dev/null || true
    exec cargo afl fuzz "${limit[@]}" -t 1000 -m none -i "$in" -o "$out" -- "$BIN" "$t") >"$out.log" 2>&1 || {
    echo "afl-fuzz failed on $t (log: $out.log):" >&2
    tail -20 "$out.log" >&2
    rm -rf "$in"
    return 1
  }
  rm -rf "$in"
  local s=$out/default/fuzzer_stats
  # Wall seconds: on a shared machine more than the core-seconds the run had (afl-fuzz's
  # persistent-mode children are not reaped through it, so `time` cannot tell).
  printf '%-19s %10s execs %8s/s %5s s %5s corpus %3s crashes %3s hangs\n' "$t" \
    "$(awk '/^execs_done/ {print $3}' "$s")" "$(awk '/^execs_per_sec/ {print int($3)}' "$s")" \
    "$(awk '/^run_time/ {print $3}' "$s")" \
    "$(awk '/^corpus_count/ {print $3}' "$s")" "$(awk '/^saved_crashes/ {print $3}' "$s")" \
    "$(awk '/^saved_hangs/ {print $3}' "$s")"
}

crashes() { find "$1/default/crashes" "$1/default/hangs" -type f -name 'id:*' 2>/dev/null; }

# `merge TARGET OUT`: the queue joins the corpus (minimised by afl-cmin); crashes are minimised
# with afl-tmin and copied to fuzz/crashes/TARGET.
merge() {
  local t=$1 out=$2 all min
  all=$(mktemp -d) min=$(mktemp -d)
  rmdir "$min"
  cp fuzz/corpus/"$t"/* "$all"/
  shopt -s nullglob
  for f in "$out"/default/queue/id:*; do
    cp "$f" "$all/q-$(sha256sum "$f" | cut -c1-12)"
  done
  # The awk afl-cmin: the Python one (`cargo afl cmin`) hung here with no CPU use, the bash one
  # takes minutes. `-e`: edge coverage only (hit counts ignored), half the files.
  "$AFL_BIN/afl-cmin.awk" -e -t 1000 -m none -i "$all" -o "$min" -- "$BIN" "$t" >"$out.cmin.log" 2>&1 || {
    echo "afl-cmin failed on $t (log: $out.cmin.log)" >&2
    tail -5 "$out.cmin.log" >&2
    rm -rf "$all" "$min"
    return 1
  }
  # New files are named by their content; what the corpus already had keeps its name.
  # Planted-password (`canary-*`) and hostile-input (`hostile-*`) seeds stay whatever their coverage.
  local keep
  keep=$(mktemp -d)
  cp fuzz/corpus/"$t"/canary-* fuzz/corpus/"$t"/hostile-* "$keep"/ 2>/dev/null || true
  rm -rf fuzz/corpus/"$t" && mkdir -p fuzz/corpus/"$t"
  cp "$keep"/* fuzz/corpus/"$t"/ 2>/dev/null || true
  rm -rf "$keep"
  for f in "$min"/*; do
    case $(basename "$f") in
      q-*) cp "$f" "fuzz/corpus/$t/afl-$(sha256sum "$f" | cut -c1-12)" ;;
      *) cp "$f" fuzz/corpus/"$t"/ ;;
    esac
  done
  rm -rf "$all" "$min"
  echo "   corpus/$t: $(ls fuzz/corpus/"$t" | wc -l) files" >&2
}

# `save_crashes TARGET OUT`: every crash and hang, minimised with afl-tmin, into
# fuzz/crashes/TARGET (named by a hash of the minimised bytes).
save_crashes() {
  local t=$1 out=$2
  local c
  while IFS= read -r c; do
    [ -n "$c" ] || continue
    # A hang on a loaded machine may be the machine: timed again alone (the binary outside
    # afl-fuzz reads one input from stdin), it is kept only if it still takes over a second.
    case $c in
      */hangs/*)
        if (ulimit -s 1024 2>/dev/null || true; timeout 1 "$BIN" "$t" <"$c" >/dev/null 2>&1); then
          echo "   $t: $(basename "$c") ran in under a second alone: a hang of the loaded machine, not kept" >&2
          continue
        fi ;;
    esac
    local m
    m=$(mktemp)
    "$AFL_BIN/afl-tmin" -t 1000 -m none -i "$c" -o "$m" -- "$BIN" "$t" >/dev/null 2>&1 || cp "$c" "$m"
    mkdir -p fuzz/crashes/"$t"
    cp "$m" "fuzz/crashes/$t/crash-$(sha256sum "$m" | cut -c1-12)"
    rm -f "$m"
  done < <(crashes "$out")
}

cmd=${1:-all}
case $cmd in
  setup) setup; exit 0 ;;
  smoke)
    budget=${2:-1}
    # Seeds are not calibrated first (the corpus is known good: `cargo test` replays it).
    export AFL_NO_STARTUP_CALIBRATION=1 AFL_FAST_CAL=1
    setup; build
    failed=0
    for t in "${TARGETS[@]}"; do
      out=$WORK/smoke-$t
      run "$t" "$budget" "$out"
      if [ -n "$(crashes "$out")" ]; then
        echo "NEW CRASH in $t: $(crashes "$out" | head -3 | tr '\n' ' ')" >&2
        failed=1
      fi
    done
    exit $failed ;;
  remerge)
    # `remerge TARGET...`: merge the last run of each TARGET (after FUZZ_MERGE=0 or an interruption).
    setup
    for t in "${@:2}"; do merge "$t" "$WORK/$t"; done ;;
  cmin)
    setup; build
    for t in "${TARGETS[@]}"; do
      [ "${2:-all}" = all ] || [ "$2" = "$t" ] || continue
      mkdir -p "$WORK"
      merge "$t" "$WORK/cmin-$t"
    done ;;
  *)
    budget=${2:-300}
    setup; build
    mkdir -p "$WORK"
    for t in "${TARGETS[@]}"; do
      [ "$cmd" = all ] || [ "$cmd" = "$t" ] || continue
      out=$WORK/$t
      run "$t" "$budget" "$out" | tee -a "$WORK/summary.txt"
      save_crashes "$t" "$out"
      # FUZZ_MERGE=0: keep the runs' queues for a later `scripts/fuzz.sh merge TARGET` (afl-cmin
      # over thousands of inputs takes minutes on a busy machine).
      [ "${FUZZ_MERGE:-1}" = 0 ] || merge "$t" "$out"
    done ;;
esac
