# Shared by the shell-level test scripts (tests/release/run.sh, tests/library/run.sh); sourced, not run.
# The caller sets $work (a temporary folder for the logs) and passed=0 failed=0 skipped=0.

# Runs one test (a function); exit code 77 means skipped, its last line the reason.
run() {
  local name="$1" log="$work/$1.log" code
  ( set -euo pipefail; "$name" ) >"$log" 2>&1
  code=$?
  if [ $code = 0 ]; then
    passed=$((passed + 1)); echo "  passed  $name"
  elif [ $code = 77 ]; then
    skipped=$((skipped + 1)); echo "  skipped $name: $(tail -n 1 "$log")"
  else
    failed=$((failed + 1)); echo "  FAILED  $name"; sed 's/^/      /' "$log"
  fi
}

fail() { echo "$*" >&2; exit 1; }
