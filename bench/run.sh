#!/usr/bin/env bash
# Whole-process benchmark of PolicyLint (issue 6 targets). From a clone:   bench/run.sh
# Builds the framework-dependent ReadyToRun CLI and the Native AOT CLI, generates the scale repositories, times each
# case with /usr/bin/time -v (wall, CPU user+sys, peak RSS; median of RUNS runs), runs the libyaml parse floor side by
# side (interleaved with PolicyLint, same files), and prints a table with each target met or not met.
#
# Environment: RUNS (default 5), POLICYLINT_CORPUS (default ../shared/corpus beside the clone; when absent, the copy in
# tests/corpus is used and the table says so), SKIP_BUILD=1 to reuse bench/out/{r2r,aot}, SKIP_AOT=1 to leave out
# the AOT build (it takes a few minutes). Results: bench/out/results.md.
#
# The AOT publish is also the check that the CLI stays trimming- and AOT-clean: every trimming/AOT warning is an
# error (TreatWarningsAsErrors), so the publish fails on a regression. It is too slow for .ci/run on this machine
# (about 3 minutes), so it lives here; the IsAotCompatible analyzers run in every normal build.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/bench/out"
runs="${RUNS:-5}"
today=2026-11-29
py=/usr/bin/python3
mkdir -p "$out"
cd "$repo"

# --- tools -------------------------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ] || ! $py -c 'import yaml; yaml.CSafeLoader' 2> /dev/null; then
  echo "== installing /usr/bin/time and python3-yaml (libyaml)"
  apt-get update -qq && apt-get install -y -qq time python3 python3-yaml > /dev/null
fi

# --- corpora -----------------------------------------------------------------------------------------------------
corpus="${POLICYLINT_CORPUS:-$repo/../shared/corpus}"
if [ -d "$corpus/sam" ]; then
  corpus="$(cd "$corpus" && pwd)"
  sam="$corpus/sam"
  both="$corpus"
  translator="$corpus/sam/tests/translator/input"
  corpus_note="corpora: $corpus (sam/ and aws-cloudformation-templates/)"
else
  sam="$repo/tests/corpus/sam"
  both="$repo/tests/corpus"
  translator=""
  corpus_note="corpora: ../shared/corpus not present, so the copy in tests/corpus (a 468-file subset) is used; the SAM and both-corpora figures are not the issue's 1,050/1,348-file sets"
fi

# --- builds ------------------------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== dotnet publish: framework-dependent, ReadyToRun (bench/out/r2r)"
  rm -rf "$out/r2r"
  dotnet publish src/PolicyLint.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r" -v quiet --nologo
  if [ "${SKIP_AOT:-0}" != 1 ]; then
    echo "== dotnet publish: Native AOT, trimming and AOT warnings as errors (bench/out/aot)"
    rm -rf "$out/aot"
    dotnet publish src/PolicyLint.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" -v quiet --nologo
  fi
  echo "== hello world, framework-dependent R2R (bench/out/hello): the runtime's own start-up on this machine"
  rm -rf "$out/hello-src" "$out/hello"
  if dotnet new console -o "$out/hello-src" -n hello > /dev/null 2>&1; then
    dotnet publish "$out/hello-src" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/hello" -v quiet --nologo
  fi
  echo "== generator (tests/PolicyLint.Benchmarks)"
  dotnet build tests/PolicyLint.Benchmarks -c Release -v quiet --nologo -o "$out/generator"
fi
r2r="$out/r2r/policylint"
aot="$out/aot/policylint"
[ -x "$aot" ] || aot=""

gen() { # NAME KIND COUNT
  if [ ! -f "$out/$1/.complete" ]; then
    rm -rf "${out:?}/$1"
    "$out/generator/PolicyLint.Benchmarks" generate "$2" "$out/$1" "$3"
    touch "$out/$1/.complete"
  fi
}
echo "== generated repositories (bench/out/gen-*)"
gen gen-1000 repo 1000
gen gen-10000 repo 10000
gen gen-2500-functions functions 2500
gen gen-5000-functions functions 5000

# --- timing ------------------------------------------------------------------------------------------------------
results="$out/runs.tsv"
: > "$results"
# measure CASE TOOL COMMAND...: one run, appended to runs.tsv as case, tool, wall s, cpu s, peak RSS KiB, exit code
measure() {
  local case="$1" tool="$2"
  shift 2
  local log="$out/time.log" code=0
  /usr/bin/time -v -o "$log" "$@" > /dev/null 2> "$out/stderr.log" || code=$?
  $py - "$log" "$case" "$tool" "$code" >> "$results" << 'PY'
import re, sys
text = open(sys.argv[1]).read()
def field(name):
    return re.search(re.escape(name) + r": (.*)", text).group(1).strip()
wall = 0.0
for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
    wall = wall * 60 + float(part)
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
print(f"{sys.argv[2]}\t{sys.argv[3]}\t{wall:.4f}\t{cpu:.4f}\t{field('Maximum resident set size (kbytes)')}\t{sys.argv[4]}")
PY
}

# case NAME RUNS ROOT: PolicyLint R2R, AOT and the libyaml floor, interleaved run by run so that all three see the
# same machine load.
case_runs() {
  local name="$1" n="$2" root="$3" floor="${4:-yes}"
  echo "== $name: $root ($n runs)"
  for _ in $(seq "$n"); do
    measure "$name" r2r "$r2r" --today "$today" --root "$root" --fail-level none
    if [ -n "$aot" ]; then measure "$name" aot "$aot" --today "$today" --root "$root" --fail-level none; fi
    if [ "$floor" = yes ]; then measure "$name" libyaml "$py" "$repo/bench/libyaml_floor.py" "$root"; fi
  done
}

uptime_start="$(uptime)"
# Warm the file-system cache and the runtime once.
"$r2r" --today "$today" --root "$both" --fail-level none > /dev/null || true
case_runs pre-commit $((runs * 2)) "$repo/samples/inspector-basic"
if [ -x "$out/hello/hello" ]; then
  for _ in $(seq $((runs * 2))); do measure pre-commit hello-world "$out/hello/hello"; done
fi
case_runs sam "$runs" "$sam"
if [ -n "$translator" ]; then case_runs translator "$runs" "$translator" no; fi
case_runs both "$runs" "$both"
case_runs gen-1000 "$runs" "$out/gen-1000" no
case_runs gen-10000 "$(( (runs + 1) / 2 ))" "$out/gen-10000" no
case_runs gen-2500-functions "$runs" "$out/gen-2500-functions" no
case_runs gen-5000-functions "$runs" "$out/gen-5000-functions" no
uptime_end="$(uptime)"

# Determinism: the same SARIF bytes from two runs of each build on both corpora, and from R2R and AOT.
"$r2r" --today "$today" --root "$both" --fail-level none --format sarif -o "$out/both-1.sarif"
"$r2r" --today "$today" --root "$both" --fail-level none --format sarif -o "$out/both-2.sarif"
deterministic=yes
cmp -s "$out/both-1.sarif" "$out/both-2.sarif" || deterministic=no
if [ -n "$aot" ]; then
  "$aot" --today "$today" --root "$both" --fail-level none --format sarif -o "$out/both-aot.sarif"
  cmp -s "$out/both-1.sarif" "$out/both-aot.sarif" || deterministic=no
fi

# --- table -------------------------------------------------------------------------------------------------------
$py - "$results" "$out/results.md" "$corpus_note" "$deterministic" "$uptime_start" "$uptime_end" "$(nproc)" "${translator:+yes}" << 'PY'
import statistics, sys
from collections import defaultdict
rows = defaultdict(list)
for line in open(sys.argv[1]):
    case, tool, wall, cpu, rss, code = line.rstrip("\n").split("\t")
    rows[(case, tool)].append((float(wall), float(cpu), int(rss), int(code)))
def med(case, tool, i):
    values = [r[i] for r in rows.get((case, tool), [])]
    return statistics.median(values) if values else None
def ms(v): return "–" if v is None else f"{v * 1000:.0f} ms" if v < 1 else f"{v:.2f} s"
def mb(v): return "–" if v is None else f"{v / 1024:.0f} MB"
note, deterministic, up0, up1, cores, has_translator = sys.argv[3:9]
out = []
out.append("| case | tool | wall (median) | CPU user+sys | peak RSS | runs |")
out.append("|---|---|---|---|---|---|")
for (case, tool), values in rows.items():
    out.append(f"| {case} | {tool} | {ms(med(case, tool, 0))} | {ms(med(case, tool, 1))} | {mb(med(case, tool, 2))} | {len(values)} |")
out.append("")
targets = []
def target(name, value, goal, ok):
    targets.append(f"| {name} | {value} | {goal} | {'met' if ok else 'NOT MET'} |")
pre_r2r, pre_aot = med("pre-commit", "r2r", 0), med("pre-commit", "aot", 0)
target("pre-commit, framework-dependent R2R", ms(pre_r2r), "≤ 120 ms", pre_r2r is not None and pre_r2r <= 0.120)
hello = med("pre-commit", "hello-world", 0)
if hello:
    # Informational: the issue measured hello world at 51 ms on the idle machine; a loaded machine slows both alike.
    targets.append(f"| pre-commit R2R relative to hello world ({ms(hello)} here, 51 ms idle) | {pre_r2r / hello:.2f}× hello world, about {pre_r2r / hello * 51:.0f} ms idle (an estimate) | ≤ 2.35× (120 / 51 ms) | {'met' if pre_r2r / hello <= 120 / 51 else 'NOT MET'} (estimate) |")
if pre_aot is not None:
    target("pre-commit, Native AOT", ms(pre_aot), "≤ 25 ms", pre_aot <= 0.025)
target("pre-commit vs cfn-lint (2.45 s, fixed figure)", f"{2.45 / pre_r2r:.0f}× (R2R)", "much faster", pre_r2r < 2.45)
floor = med("sam", "libyaml", 0)
for tool in ("r2r", "aot"):
    t = med("sam", tool, 0)
    if t is not None and floor:
        target(f"SAM corpus vs libyaml floor side by side ({tool})", f"{t / floor:.2f} ({ms(t)} / {ms(floor)})", "ratio ≤ 1.0", t / floor <= 1.0)
if has_translator:
    for tool in ("r2r", "aot"):
        t = med("translator", tool, 0)
        if t is not None:
            target(f"830 translator inputs vs cfn-lint 38.9 s ({tool})", f"{38.9 / t:.0f}× faster ({ms(t)})", "≥ 50×", 38.9 / t >= 50)
for tool in ("r2r", "aot"):
    rss, wall, cpu = med("both", tool, 2), med("both", tool, 0), med("both", tool, 1)
    if rss is not None:
        target(f"both corpora peak RSS ({tool})", mb(rss), "≤ 200 MB", rss <= 200 * 1024)
        target(f"both corpora cores used, CPU/wall ({tool})", f"{cpu / wall:.2f}", "> 1 (2 cores)", cpu / wall > 1.0)
target("both corpora SARIF byte-identical (2 runs, R2R vs AOT)", deterministic, "yes", deterministic == "yes")
for tool in ("r2r", "aot"):
    a, b = med("gen-1000", tool, 0), med("gen-10000", tool, 0)
    if a and b:
        target(f"scale: 10,000 / 1,000 templates ({tool})", f"{b / a:.2f} ({ms(b)} / {ms(a)})", "≤ 11", b / a <= 11)
    c, d = med("gen-2500-functions", tool, 0), med("gen-5000-functions", tool, 0)
    if c and d:
        target(f"scale: 5,000 / 2,500 functions in one template ({tool})", f"{d / c:.2f} ({ms(d)} / {ms(c)})", "≤ 2.2 (linear)", d / c <= 2.2)
out.append("| target | measured | goal | |")
out.append("|---|---|---|---|")
out.extend(targets)
out.append("")
out.append(f"Machine: {cores} cores; load at start: {up0.split('load average:')[-1].strip()}; at end: {up1.split('load average:')[-1].strip()}.")
out.append(f"{note}.")
text = "\n".join(out)
open(sys.argv[2], "w").write(text + "\n")
print(text)
PY
