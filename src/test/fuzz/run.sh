#!/usr/bin/env bash
# run.sh (--runs N | --time SPAN) CLASS...: coverage-guided fuzzing with Jazzer's JUnit
# integration, one fuzz test class (one @FuzzTest) at a time, one JVM each (the machine's cores
# are shared). Per target: JAZZER_FUZZ=1, at most N executions (JAZZER_MAX_EXECUTIONS) or SPAN
# of time (JAZZER_MAX_DURATION), a 1 s limit per execution (the tests' @Timeout, which Jazzer
# passes to libFuzzer as -timeout=1; JUnit's own timeout is switched off, or it would time the
# whole campaign), the corpus kept in .cifuzz-corpus/CLASS/METHOD. A finding is written to the
# test's inputs folder (src/test/resources/.../CLASSInputs/METHOD/crash-*) and fails the run;
# a timeout-* is first run again in regression mode (JUnit's 1 s limit): if it finishes, the
# timeout was a stall of this shared machine, the input goes to target/fuzz/stalls/ and fuzzing
# resumes (up to five times) for the executions still owed.
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
mkdir -p target/fuzz/stalls
failed=0
summary=()

# One fuzzing session; sets runs, fsecs, status (ok / finding) and the artifact written, if any.
session() {
    local cls=$1 log=$2
    shift 2
    if env JAZZER_FUZZ=1 "$@" $MVN test -Dtest="$cls" -Dsurefire.failIfNoSpecifiedTests=false \
           -Djunit.jupiter.execution.timeout.mode=disabled >"$log" 2>&1; then
        status=ok
    else
        status=finding
    fi
    # libFuzzer's last words: "Done 1000000 runs in 412 second(s)"; after a finding, its last #N line
    local done_line
    done_line=$(grep -a -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
    runs=$(grep -a -o -E '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    fsecs=0
    if [ -n "$done_line" ]; then
        runs=$(awk '{print $2}' <<<"$done_line"); fsecs=$(awk '{print $5}' <<<"$done_line")
    fi
    runs=${runs:-0}
    artifact=$(grep -a -o -E 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //' || true)
}

for cls in "$@"; do
    name=${cls##*.}
    start=$(date +%s)
    total=0 total_secs=0 stalls=0 result=ok
    for attempt in 1 2 3 4 5 6; do
        log=target/fuzz/$name.log
        [ $attempt = 1 ] || log=target/fuzz/$name.$attempt.log
        if [ $mode = --runs ]; then
            session "$cls" "$log" JAZZER_MAX_EXECUTIONS=$(( amount - total )) JAZZER_MAX_DURATION=24h
        else
            session "$cls" "$log" JAZZER_MAX_DURATION="$amount"
        fi
        total=$(( total + runs ))
        [ "$fsecs" -gt 0 ] || fsecs=$(( $(date +%s) - start - total_secs ))
        total_secs=$(( total_secs + fsecs ))
        [ $status = finding ] || break
        # A timeout on this shared machine may be a stall (other jobs, a collection) rather than a
        # hang: the input is run again in regression mode, where JUnit holds it to the same 1 s.
        if [ -n "$artifact" ] && [[ $(basename "$artifact") == timeout-* ]] && grep -a -q 'libFuzzer: timeout' "$log" \
           && $MVN test -Dtest="$cls" -Dsurefire.failIfNoSpecifiedTests=false >"target/fuzz/$name.recheck.log" 2>&1; then
            stalls=$(( stalls + 1 ))
            echo "fuzz: $name: $(basename "$artifact") ran within 1 s when run again: a stall of the machine, not a hang;" \
                 "kept in target/fuzz/stalls/, fuzzing goes on"
            mv "$artifact" target/fuzz/stalls/
            if [ $mode = --time ] || [ $total -ge $amount ]; then break; fi
            continue
        fi
        result=FAILED
        failed=1
        break
    done
    secs=$(( $(date +%s) - start ))
    rate=$(( total_secs > 0 ? total / total_secs : total ))
    line=$(printf '%-30s %-6s %10s execs %6s s %6s exec/s  (wall %s s, %s stalls)' "$name" "$result" "$total" "$total_secs" "$rate" "$secs" "$stalls")
    summary+=("$line")
    echo "fuzz: $line"
    if [ $result = FAILED ]; then
        echo "  finding: ${artifact:-none written}; log: $log"
        grep -a -E 'FuzzTestFindingException|AssertionError|Exception:|ERROR: libFuzzer' "$log" | head -8 | sed 's/^/  /'
    fi
done
printf '%s\n' "${summary[@]}" > target/fuzz/summary.txt
exit $failed
