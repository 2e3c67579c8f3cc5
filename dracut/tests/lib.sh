# shellcheck shell=bash
# The harness of dracut/tests/*.sh: a scratch folder $t (removed on exit), pass/fail counts, and
# the summary line that ends a test. Each test defines its stand-ins for dracut's functions,
# then sources ../90stagehand/module-setup.sh itself.
set -u
here=$(cd "$(dirname "$0")" && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
# finish: the summary; the exit status says whether everything passed
finish() {
    echo "dracut/tests/$(basename "$0"): $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
