#!/usr/bin/env bash
# Whole-process benchmark of PolicyLint as users run it (issue 15). From a clone:   bench/run.sh
# Packs and installs the tool the way pre-commit and `dotnet tool install` do (the default ReadyToRun package, the
# portable JIT build, Native AOT) next to a hello world tool built the same three ways, runs the real pre-commit client
# end to end (install once, then `pre-commit run` with the PolicyLint hook, a hello world dotnet hook and a no-op hook),
# generates the scale repositories, times each case from the kernel's rusage of the child (wall, CPU user+sys to the
# microsecond, peak RSS; medians and min–max of RUNS runs, each case's commands interleaved run by run and their
# ratios paired run by run), runs the libyaml parse floor side by side, and prints the user-facing rows first, then
# every case and each target met or not.
#
# Environment: RUNS (default 5), POLICYLINT_CORPUS (default ../shared/corpus beside the clone; when absent, the copy in
# tests/corpus is used and the table says so), SKIP_BUILD=1 to reuse bench/out/{tool,hello}-*, SKIP_AOT=1 to leave
# out the Native AOT builds (a few minutes). pre-commit end to end needs Debian's pre-commit on PATH and measures this
# repository at HEAD (commit first). Results: bench/out/results.md. BenchmarkDotNet (tests/PolicyLint.Benchmarks)
# stays for the stages.
#
# The AOT pack is also the check that the CLI stays trimming- and AOT-clean: every trimming/AOT warning is an error
# (TreatWarningsAsErrors), so the pack fails on a regression. It is too slow for .ci/run on this machine, so it lives
# here; the IsAotCompatible analyzers run in every normal build.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/bench/out"
runs="${RUNS:-5}"
today=2026-11-29
py=/usr/bin/python3
mkdir -p "$out"
cd "$repo"

# --- tools -------------------------------------------------------------------------------------------------------
if ! $py -c 'import yaml; yaml.CSafeLoader' 2> /dev/null; then
  echo "== installing python3-yaml (libyaml)"
  apt-get update -qq && apt-get install -y -qq python3 python3-yaml > /dev/null
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

# --- builds: the tools as users install them -----------------------------------------------------------------------
# Each is what `dotnet pack` at the root writes (as pre-commit runs it) installed with `dotnet tool install` from that
# folder alone: the default ReadyToRun package (bench/out/tool-r2r), the portable JIT build (POLICYLINT_PORTABLE=1,
# tool-jit) and Native AOT (POLICYLINT_NATIVE_AOT=1, tool-aot). A hello world tool is packed and installed the same
# three ways (src/PolicyLint.Cli/ToolPackage.props is its packaging too): the runtime's own start-up for each build.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
only_source="$out/only-source.config"
hello_src="$out/hello-tool"
write_hello() { # DIR: a hello world .NET tool and a pre-commit hook repository that runs it
  rm -rf "$1" && mkdir -p "$1"
  cp "$repo/src/PolicyLint.Cli/ToolPackage.props" "$1/"
  # bench/out is inside the repository: empty MSBuild files here keep the repository's own (IsPackable=false, analyzers,
  # central package versions) from reaching the hello world, which must be a plain one.
  echo '<Project />' > "$1/Directory.Build.props"
  echo '<Project />' > "$1/Directory.Build.targets"
  echo '<Project />' > "$1/Directory.Packages.props"
  cat > "$1/hello.csproj" << 'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <InvariantGlobalization>true</InvariantGlobalization>
    <PackAsTool>true</PackAsTool>
    <ToolCommandName>hello</ToolCommandName>
    <PackageId>HelloTool</PackageId>
    <Version>1.0.0</Version>
    <TieredPGO>false</TieredPGO>
  </PropertyGroup>
  <Import Project="ToolPackage.props" />
</Project>
XML
  echo 'System.Console.WriteLine("Hello, World!");' > "$1/Program.cs"
  printf -- '- id: hello\n  name: hello\n  entry: hello\n  language: dotnet\n  pass_filenames: false\n  always_run: true\n' > "$1/.pre-commit-hooks.yaml"
  git -C "$1" init -q && git -C "$1" add -A && git -C "$1" -c user.name=bench -c user.email=bench@policylint.invalid commit -q -m hello
}
install_tool() { # PROJECT_DIR PACKAGE_ID TOOL_DIR [VAR=VALUE...]: pack at PROJECT_DIR, install that one package
  local dir="$1" id="$2" tool="$3"
  shift 3
  rm -rf "$tool" "$out/nupkg-tmp"
  (cd "$dir" && env "$@" dotnet pack -c Release -o "$out/nupkg-tmp" -v quiet --nologo > "$out/pack.log" 2>&1) || { cat "$out/pack.log"; return 1; }
  printf '<configuration><packageSources><clear /><add key="only" value="%s" /></packageSources></configuration>\n' "$out/nupkg-tmp" > "$only_source"
  local version
  version="$(cd "$out/nupkg-tmp" && ls "$id".*.nupkg | sed "s/^$id\\.\\(.*\\)\\.nupkg$/\\1/")"
  dotnet tool install "$id" --version "$version" --configfile "$only_source" --tool-path "$tool" > /dev/null
  rm -rf "$out/nupkg-tmp"
}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  write_hello "$hello_src"
  for build in r2r jit aot; do
    case "$build" in
      r2r) vars=(POLICYLINT_BUILD=default) ;;
      jit) vars=(POLICYLINT_PORTABLE=1) ;;
      aot) [ "${SKIP_AOT:-0}" = 1 ] && continue; vars=(POLICYLINT_NATIVE_AOT=1) ;;
    esac
    echo "== dotnet pack + dotnet tool install: $build (bench/out/tool-$build, bench/out/hello-$build)"
    install_tool "$repo" PolicyLint "$out/tool-$build" "${vars[@]}"
    install_tool "$hello_src" HelloTool "$out/hello-$build" "${vars[@]}"
  done
  echo "== generator (tests/PolicyLint.Benchmarks)"
  dotnet build tests/PolicyLint.Benchmarks -c Release -v quiet --nologo -o "$out/generator"
fi
r2r="$out/tool-r2r/policylint"
jit="$out/tool-jit/policylint"
aot="$out/tool-aot/policylint"
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
# measure CASE TOOL COMMAND...: one run, appended to runs.tsv as case, tool, wall s, cpu s, peak RSS KiB, exit code.
# The kernel's own accounting of the finished child (wait4's rusage: user and system time to the microsecond, peak
# RSS), not /usr/bin/time, whose output rounds CPU time to 10 ms: too coarse for a 20 ms hello world.
measure() {
  local case="$1" tool="$2"
  shift 2
  $py - "$case" "$tool" "$@" >> "$results" 2> "$out/stderr.log" << 'PY'
import os, subprocess, sys, time
case, tool, command = sys.argv[1], sys.argv[2], sys.argv[3:]
start = time.monotonic()
child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
wall = time.monotonic() - start
code = child.returncode = os.waitstatus_to_exitcode(status)
print(f"{case}\t{tool}\t{wall:.6f}\t{usage.ru_utime + usage.ru_stime:.6f}\t{usage.ru_maxrss}\t{code}")
PY
}

# case NAME RUNS ROOT: the installed PolicyLint R2R (and JIT on the SAM corpus), AOT and the libyaml floor, interleaved run by run so that all three see the
# same machine load.
case_runs() {
  local name="$1" n="$2" root="$3" floor="${4:-yes}"
  echo "== $name: $root ($n runs)"
  for _ in $(seq "$n"); do
    measure "$name" r2r "$r2r" --today "$today" --root "$root" --fail-level none
    if [ "$name" = sam ] && [ -x "$jit" ]; then measure "$name" jit "$jit" --today "$today" --root "$root" --fail-level none; fi
    if [ -n "$aot" ]; then measure "$name" aot "$aot" --today "$today" --root "$root" --fail-level none; fi
    if [ "$floor" = yes ]; then measure "$name" libyaml "$py" "$repo/bench/libyaml_floor.py" "$root"; fi
  done
}

uptime_start="$(uptime)"
# Warm the file-system cache and the runtime once.
"$r2r" --today "$today" --root "$both" --fail-level none > /dev/null || true

# The installed executables alone on the pre-commit sample, each next to the hello world built the same way,
# interleaved run by run.
echo "== installed executables on samples/inspector-basic ($((runs * 2)) runs each)"
for _ in $(seq $((runs * 2))); do
  for build in r2r jit aot; do
    [ -x "$out/tool-$build/policylint" ] || continue
    measure installed "$build" "$out/tool-$build/policylint" --root "$repo/samples/inspector-basic" --fail-level none
    measure installed "hello-$build" "$out/hello-$build/hello"
  done
done

# pre-commit end to end, as a user has it: a consumer repository (the pre-commit sample, committed) whose
# .pre-commit-config.yaml names this repository at HEAD. `pre-commit install-hooks` runs once (timed, with a fresh
# NuGet packages folder so that the restore's download size is what a fresh machine gets); then `pre-commit run
# --all-files` with the PolicyLint hook, with a hello world dotnet hook (installed by pre-commit the same way) and
# with a no-op hook (language: system, entry: true), interleaved.
if command -v pre-commit > /dev/null 2>&1; then
  consumer="$out/pre-commit-consumer"
  rm -rf "$consumer" "$out/pre-commit-home" "$out/nuget-fresh"
  cp -r "$repo/samples/inspector-basic" "$consumer"
  head="$(git -C "$repo" rev-parse HEAD)"
  [ -d "$hello_src/.git" ] || write_hello "$hello_src"
  hello_head="$(git -C "$hello_src" rev-parse HEAD)"
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: policylint\n' "$repo" "$head" > "$consumer/policylint.pre-commit.yaml"
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: hello\n' "$hello_src" "$hello_head" > "$consumer/hello.pre-commit.yaml"
  printf 'repos:\n  - repo: local\n    hooks:\n      - id: noop\n        name: noop\n        entry: "true"\n        language: system\n        pass_filenames: false\n        always_run: true\n' > "$consumer/noop.pre-commit.yaml"
  git -C "$consumer" init -q && git -C "$consumer" add -A && git -C "$consumer" -c user.name=bench -c user.email=bench@policylint.invalid commit -q -m sample
  export PRE_COMMIT_HOME="$out/pre-commit-home"
  echo "== pre-commit install-hooks (PolicyLint at $head; a fresh NuGet packages folder)"
  (cd "$consumer" && export NUGET_PACKAGES="$out/nuget-fresh" && measure pre-commit-install policylint pre-commit install-hooks -c policylint.pre-commit.yaml)
  (cd "$consumer" && pre-commit install-hooks -c hello.pre-commit.yaml > /dev/null && pre-commit install-hooks -c noop.pre-commit.yaml > /dev/null)
  install_mb="$(du -sm "$out/nuget-fresh" | cut -f1)"
  echo "== pre-commit run --all-files ($((runs * 2)) runs each)"
  for _ in $(seq $((runs * 2))); do
    for hook in policylint hello noop; do
      (cd "$consumer" && measure pre-commit-run "$hook" pre-commit run --all-files -c "$hook.pre-commit.yaml")
    done
  done
  unset PRE_COMMIT_HOME
else
  echo "== pre-commit is not installed: no pre-commit rows (apt-get install pre-commit)"
  install_mb=""
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
$py - "$results" "$out/results.md" "$corpus_note" "$deterministic" "$uptime_start" "$uptime_end" "$(nproc)" "${translator:+yes}" "${install_mb:-}" << 'PY'
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
note, deterministic, up0, up1, cores, has_translator, install_mb = sys.argv[3:10]
out = []
def spread(case, tool, i):
    values = [r[i] for r in rows.get((case, tool), [])]
    return f"{ms(statistics.median(values))} ({ms(min(values))}–{ms(max(values))})" if values else "–"
def ratio(case, a, b, i):
    # Pair the n-th run of A with the n-th run of B (they ran one after the other): median and range of A/B.
    pairs = [x[i] / y[i] for x, y in zip(rows.get((case, a), []), rows.get((case, b), [])) if y[i] > 0]
    return f"{statistics.median(pairs):.2f}× ({min(pairs):.2f}–{max(pairs):.2f})" if pairs else "–"
out.append("What users get (medians, min–max; ratios are paired run by run):")
out.append("")
out.append("| row | wall | CPU user+sys | ratio (CPU) | peak RSS |")
out.append("|---|---|---|---|---|")
for build, label in (("r2r", "ReadyToRun (default)"), ("jit", "portable JIT (POLICYLINT_PORTABLE=1)"), ("aot", "Native AOT (POLICYLINT_NATIVE_AOT=1)")):
    if rows.get(("installed", build)):
        out.append(f"| installed {label}, pre-commit sample | {spread('installed', build, 0)} | {spread('installed', build, 1)} | {ratio('installed', build, 'hello-' + build, 1)} hello world | {mb(med('installed', build, 2))} |")
        out.append(f"| hello world tool, {label} | {spread('installed', 'hello-' + build, 0)} | {spread('installed', 'hello-' + build, 1)} | | {mb(med('installed', 'hello-' + build, 2))} |")
if rows.get(("pre-commit-run", "policylint")):
    out.append(f"| `pre-commit run --all-files`, PolicyLint hook | {spread('pre-commit-run', 'policylint', 0)} | {spread('pre-commit-run', 'policylint', 1)} | {ratio('pre-commit-run', 'policylint', 'hello', 1)} hello hook, {ratio('pre-commit-run', 'policylint', 'noop', 1)} no-op hook | |")
    out.append(f"| `pre-commit run --all-files`, hello world dotnet hook | {spread('pre-commit-run', 'hello', 0)} | {spread('pre-commit-run', 'hello', 1)} | | |")
    out.append(f"| `pre-commit run --all-files`, no-op hook | {spread('pre-commit-run', 'noop', 0)} | {spread('pre-commit-run', 'noop', 1)} | | |")
    out.append(f"| `pre-commit install-hooks`, fresh NuGet folder | {spread('pre-commit-install', 'policylint', 0)} | {spread('pre-commit-install', 'policylint', 1)} | {install_mb} MB of packages | |")
for tool in ("r2r", "jit", "aot"):
    if rows.get(("sam", tool)):
        out.append(f"| SAM corpus, installed {tool} | {spread('sam', tool, 0)} | {spread('sam', tool, 1)} | {ratio('sam', tool, 'libyaml', 0)} libyaml floor (wall) | {mb(med('sam', tool, 2))} |")
if rows.get(("sam", "libyaml")):
    out.append(f"| SAM corpus, libyaml parse floor | {spread('sam', 'libyaml', 0)} | {spread('sam', 'libyaml', 1)} | | {mb(med('sam', 'libyaml', 2))} |")
for case, label in (("gen-1000", "1,000 templates"), ("gen-10000", "10,000 templates")):
    if rows.get((case, "r2r")):
        out.append(f"| {label}, installed r2r | {spread(case, 'r2r', 0)} | {spread(case, 'r2r', 1)} | | {mb(med(case, 'r2r', 2))} |")
out.append("")
out.append("| case | tool | wall (median) | CPU user+sys | peak RSS | runs |")
out.append("|---|---|---|---|---|---|")
for (case, tool), values in rows.items():
    out.append(f"| {case} | {tool} | {ms(med(case, tool, 0))} | {ms(med(case, tool, 1))} | {mb(med(case, tool, 2))} | {len(values)} |")
out.append("")
targets = []
def target(name, value, goal, ok):
    targets.append(f"| {name} | {value} | {goal} | {'met' if ok else 'NOT MET'} |")
pre_r2r, pre_aot = med("installed", "r2r", 0), med("installed", "aot", 0)
target("pre-commit, framework-dependent R2R", ms(pre_r2r), "≤ 120 ms", pre_r2r is not None and pre_r2r <= 0.120)
hello = med("installed", "hello-r2r", 0)
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
for case in ("gen-10000",):
    rss = med(case, "r2r", 2)
    if rss is not None:
        target("peak RSS at 10,000 templates (installed r2r)", mb(rss), "≤ 300 MB", rss <= 300 * 1024)
t = med("sam", "r2r", 0)
if t is not None and floor:
    target("SAM corpus, installed default tool vs libyaml floor (wall)", f"{t / floor:.2f}", "≤ 0.8", t / floor <= 0.8)
pairs = [x[1] / y[1] for x, y in zip(rows.get(("installed", "r2r"), []), rows.get(("installed", "hello-r2r"), [])) if y[1] > 0]
if pairs:
    target("installed ReadyToRun ÷ hello world built the same way (CPU, paired median)", f"{statistics.median(pairs):.2f}×", "≤ 2.5×", statistics.median(pairs) <= 2.5)
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
