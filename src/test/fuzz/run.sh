#!/usr/bin/env bash
# run.sh (--runs N | --time SPAN) CLASS...: coverage-guided fuzzing with Jazzer's JUnit
# integration, one fuzz test class (one @FuzzTest) at a time, one JVM each (the machine's cores
# are shared). Per target: JAZZER_FUZZ=1, at most N executions (JAZZER_MAX_EXECUTIONS) or SPAN
# of time (JAZZER_MAX_DURATION), a 1 s limit per execution: 1 s of the fuzzing thread's CPU time
# (HangCheck, in each test), and libFuzzer's wall-clock -timeout at FUZZ_WALL_TIMEOUT (20 s,
# over the tests' @Timeout of 1 s that Jazzer passes as -timeout=1: on this shared machine that
# caught the machine's stalls, not hangs; JUnit's own timeout is switched off, or it would time
# the whole campaign), the corpus kept in .cifuzz-corpus/CLASS/METHOD. A finding is written to
# the test's inputs folder (src/test/resources/.../CLASSInputs/METHOD/crash-*) and fails the run;
# a timeout-* is first run again in regression mode (JUnit's 1 s limit): if it finishes, the
# timeout was a stall of this shared machine, the input goes to target/fuzz/stalls/ and fuzzing
# resumes (up to 29 times) for the executions still owed.
#
# libFuzzer flags reach Jazzer's JUnit integration as the configuration parameters
# jazzer.internal.arg.0 (argv[0]), jazzer.internal.arg.1, ... (Jazzer 0.30's Utils.getLibFuzzerArgs;
# appended last, so they win over Jazzer's own). run.sh passes -max_len (FUZZ_MAX_LEN, 0 for none, or the
# target's own below: libFuzzer would otherwise take the largest seed, 13 KB, and spend its time
# on long inputs) and FUZZ_ARGS (e.g. "-seed=1").
#
# FUZZ_MAX_TIME (e.g. 25m) caps a --runs target's time, stall restarts included (a long run
# against a deadline; the executions it got are reported, not rounded up).
#
# FUZZ_FRESH=1 (make check-fuzz): the corpus starts from the committed inputs only: Jazzer's base
# folder (jazzer.internal.basedir) is a new empty target/fuzz/base, so .cifuzz-corpus is neither
# read nor written; a finding is moved from there into the test's inputs folder as usual.
#
# Prints executions, seconds and executions per second per target; logs in target/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/../../.."
mode=$1 amount=$2
shift 2
case $mode in
    --runs|--time) ;;
    *) echo "usage: run.sh (--runs N | --time SPAN) CLASS..." >&2; exit 2 ;;
esac
: "${MVN:=mvn -q -B}"
# Instrument stagehand's classes, not the test's own helpers (UnitChecks, FuzzRoot): their string
# comparisons would only flood libFuzzer's compare tables, and cost a third of the speed.
export JAZZER_INSTRUMENTATION_EXCLUDES=${JAZZER_INSTRUMENTATION_EXCLUDES:-dev.stagehand.fuzz.**}
export JAZZER_CUSTOM_HOOK_EXCLUDES=${JAZZER_CUSTOM_HOOK_EXCLUDES:-dev.stagehand.fuzz.**}
# Jazzer's bug detectors look for injections into SQL, LDAP, XPath, deserialization, reflection,
# regular expressions, scripts, commands and file paths: stagehand calls none of those APIs with
# input (it writes files only below the output folder, which UnitChecks checks itself), and
# their hooks on every file operation cost half the speed of the generator target.
s=com.code_intelligence.jazzer.sanitizers
export JAZZER_DISABLED_HOOKS=${JAZZER_DISABLED_HOOKS:-$s.BigDecimal:$s.ClojureLangHooks:$s.Deserialization:$s.ExpressionLanguageInjection:$s.FilePathTraversal:$s.LdapInjection:$s.NamingContextLookup:$s.OsCommandInjection:$s.ReflectiveCall:$s.RegexInjection:$s.RegexRoadblocks:$s.ScriptEngineInjection:$s.ServerSideRequestForgery:$s.SqlInjection:$s.TemplateInjection:$s.UnsafeSanitizer:$s.XPathInjection:$s.XmlParserSsrfGuidance}
# FUZZ_TRACE: Jazzer's instrumentation types (JAZZER_TRACE). Jazzer's own default ("all": cmp,
# cov, div, indir, native) for make check-fuzz; make fuzz passes "cov:div:indir". Without cmp,
# no integer or String comparison is reported to libFuzzer: on JDK 25 each one is a full JNI
# call into libFuzzer (JDK 17's -XX:+CriticalJNINatives, which Jazzer recommends for this, is
# gone), and they were a third of the samples in a profile of the crypttab target; edge
# coverage, the dictionary (stagehand.dict) and the division and indirect-call hooks guide it.
# Measured on the crypttab target, 60 s each from the committed inputs (seed 1, load under 2):
# 256-283 exec/s with cmp, 791-826 without, 947 without and with the parallel collector.
export JAZZER_TRACE=${FUZZ_TRACE:-all}
# the fuzz JVM's collector: Jazzer recommends the throughput collector (+20 % above, 791 -> 947)
FUZZ_JVM=${FUZZ_JVM:--XX:+UseParallelGC}
mkdir -p target/fuzz/stalls
failed=0
# the inputs Jazzer reads are the copies in target/test-classes: drop stale ones (deleted from
# src/test/resources since) so that a fresh pass starts from exactly what is committed
[ "${FUZZ_FRESH:-0}" != 1 ] || rm -rf target/test-classes/dev/stagehand/*/*FuzzTestInputs
FUZZ_MAX_LEN=${FUZZ_MAX_LEN:-}
FUZZ_ARGS=${FUZZ_ARGS:-}
FUZZ_FRESH=${FUZZ_FRESH:-0}
FUZZ_WALL_TIMEOUT=${FUZZ_WALL_TIMEOUT:-20}

# -max_len per target (bytes): enough for every seed's interesting part, far below the 13 KB the
# largest seeds would set
max_len() {
    if [ -n "$FUZZ_MAX_LEN" ]; then echo "$FUZZ_MAX_LEN"; return; fi
    case $1 in
        GeneratorFuzzTest) echo 4096 ;;
        HookPrereqFuzzTest) echo 4096 ;;
        *) echo 2048 ;;
    esac
}

# the system properties that carry libFuzzer flags and the base folder
jazzer_props() {
    local i=0 a
    props=(-Djazzer.internal.arg.0=stagehand-fuzz)
    for a in -max_len=$(max_len "$1") -timeout=$FUZZ_WALL_TIMEOUT $FUZZ_ARGS; do
        [ "$a" != -max_len=0 ] || continue  # FUZZ_MAX_LEN=0: libFuzzer's own choice
        i=$(( i + 1 ))
        props+=("-Djazzer.internal.arg.$i=$a")
    done
    if [ "$FUZZ_FRESH" = 1 ]; then
        props+=("-Djazzer.internal.basedir=$PWD/target/fuzz/base")
    fi
}

# "90", "90s", "25m", "2h" in seconds
span_secs() {
    local v=${1%[smh]}
    case $1 in *m) echo $(( v * 60 )) ;; *h) echo $(( v * 3600 )) ;; *) echo "$v" ;; esac
}

# The test's inputs folder in the source tree (one @FuzzTest method per class).
inputs_dir() {
    local cls=$1
    local d
    d=$(ls -d "src/test/resources/$(tr . / <<<"${cls%.*}")/${cls##*.}Inputs"/*/ 2>/dev/null | head -1)
    echo "${d%/}"
}
summary=()

# One fuzzing session; sets runs, fsecs, status (ok / finding) and the artifact written, if any.
session() {
    local cls=$1 log=$2
    shift 2
    jazzer_props "${cls##*.}"
    if [ "$FUZZ_FRESH" = 1 ]; then rm -rf target/fuzz/base; mkdir -p target/fuzz/base; fi
    if env JAZZER_FUZZ=1 "$@" $MVN test -Dtest="$cls" -Dsurefire.failIfNoSpecifiedTests=false \
           -Dtest.jvm.extra="$FUZZ_JVM" -Djunit.jupiter.execution.timeout.mode=disabled "${props[@]}" >"$log" 2>&1; then
        status=ok
    else
        status=finding
    fi
    # libFuzzer's last words: "Done 1000000 runs in 412 second(s)"; after a finding, its last #N line.
    # libFuzzer reports on stderr by design, so the log holds both streams; the verdict is the exit
    # status above, and these counts come from lines matched from their start (^Done, ^#N), which
    # a warning line from Maven or the JVM cannot take the place of.
    local done_line
    done_line=$(grep -a -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
    runs=$(grep -a -o -E '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    fsecs=0
    if [ -n "$done_line" ]; then
        runs=$(awk '{print $2}' <<<"$done_line"); fsecs=$(awk '{print $5}' <<<"$done_line")
    fi
    runs=${runs:-0}
    # coverage, features and corpus at the end (the same on every run of a deterministic pass)
    cov=$(grep -a -E '^#[0-9]+' "$log" | tail -1 | grep -o -E 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' || true)
    # every input libFuzzer wrote (a timeout can write two: the alarm's and the one it was on)
    artifacts=()
    local a dir
    while read -r a; do
        [ -n "$a" ] && [ -f "$a" ] || continue
        if [ "$FUZZ_FRESH" = 1 ]; then
            dir=$(inputs_dir "$cls")
            if [ -n "$dir" ]; then mv "$a" "$dir/"; a=$dir/$(basename "$a"); fi
        fi
        artifacts+=("$a")
    done < <(grep -a -o -E 'Test unit written to [^ ]+' "$log" | sed 's/Test unit written to //' | awk '!seen[$0]++' || true)
    artifact=
    [ ${#artifacts[@]} = 0 ] || artifact=${artifacts[${#artifacts[@]}-1]}
}

for cls in "$@"; do
    name=${cls##*.}
    start=$(date +%s)
    total=0 total_secs=0 stalls=0 result=ok
    for attempt in $(seq 1 30); do
        log=target/fuzz/$name.log
        [ $attempt = 1 ] || log=target/fuzz/$name.$attempt.log
        if [ $mode = --runs ]; then
            # FUZZ_MAX_TIME: the time left of the cap (in seconds), for this session
            left=24h
            if [ -n "${FUZZ_MAX_TIME:-}" ]; then
                left=$(( $(span_secs "$FUZZ_MAX_TIME") - ($(date +%s) - start) ))
                [ $left -gt 10 ] || break
                left=${left}s
            fi
            session "$cls" "$log" JAZZER_MAX_EXECUTIONS=$(( amount - total )) JAZZER_MAX_DURATION=$left
        else
            session "$cls" "$log" JAZZER_MAX_DURATION="$amount"
        fi
        total=$(( total + runs ))
        [ "$fsecs" -gt 0 ] || fsecs=$(( $(date +%s) - start - total_secs ))
        total_secs=$(( total_secs + fsecs ))
        [ $status = finding ] || break
        # A timeout on this shared machine may be a stall (other jobs, a collection) rather than a
        # hang: the input is run again in regression mode, where JUnit holds it to the same 1 s.
        all_timeouts=1
        for a in ${artifacts[@]+"${artifacts[@]}"}; do [[ $(basename "$a") == timeout-* ]] || all_timeouts=0; done
        if [ -n "$artifact" ] && [ $all_timeouts = 1 ] && grep -a -q 'libFuzzer: timeout' "$log" \
           && $MVN test -Dtest="$cls" -Dsurefire.failIfNoSpecifiedTests=false >"target/fuzz/$name.recheck.log" 2>&1; then
            stalls=$(( stalls + 1 ))
            for a in "${artifacts[@]}"; do
                echo "fuzz: $name: $(basename "$a") ran within 1 s when run again: a stall of the machine, not a hang;" \
                     "kept in target/fuzz/stalls/, fuzzing goes on"
                mv "$a" target/fuzz/stalls/
            done
            if [ $mode = --time ] || [ $total -ge $amount ]; then break; fi
            continue
        fi
        result=FAILED
        failed=1
        break
    done
    secs=$(( $(date +%s) - start ))
    rate=$(( total_secs > 0 ? total / total_secs : total ))
    line=$(printf '%-30s %-6s %10s execs %6s s %6s exec/s  (wall %s s, %s stalls; %s)' "$name" "$result" "$total" "$total_secs" "$rate" "$secs" "$stalls" "${cov:-no coverage line}")
    summary+=("$line")
    echo "fuzz: $line"
    if [ $result = FAILED ]; then
        echo "  finding: ${artifacts[*]:-none written}; log: $log"
        grep -a -E 'FuzzTestFindingException|AssertionError|Exception:|ERROR: libFuzzer' "$log" | head -8 | sed 's/^/  /'
    fi
done
printf '%s\n' "${summary[@]}" > target/fuzz/summary.txt
exit $failed
