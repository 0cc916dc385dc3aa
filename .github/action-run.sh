#!/usr/bin/env bash
# The run step of action.yml: turns the action's inputs (GLV_* variables) into `glacier-vault-lock run` flags,
# runs it, records its exit code as the step output `exit-code` and adds the Markdown report to the job summary.
# The step itself succeeds so the reports are uploaded; the action's last step exits with the suite's code.
set -uo pipefail

flags=(run --out "$GLV_OUT" --seed "$GLV_SEED" --runs "$GLV_RUNS" --region "$GLV_REGION")
add() { if [ -n "$2" ]; then flags+=("$1" "$2"); fi; }
add --endpoint "${GLV_ENDPOINT:-}"
add --target-name "${GLV_TARGET_NAME:-}"
add --access-key-id "${GLV_ACCESS_KEY_ID:-}"
add --secret-access-key "${GLV_SECRET_ACCESS_KEY:-}"
add --account-id "${GLV_ACCOUNT_ID:-}"
add --second-access-key-id "${GLV_SECOND_ACCESS_KEY_ID:-}"
add --second-secret-access-key "${GLV_SECOND_SECRET_ACCESS_KEY:-}"
add --second-account-id "${GLV_SECOND_ACCOUNT_ID:-}"
add --expectations "${GLV_EXPECTATIONS:-}"
add --shard "${GLV_SHARD:-}"
add --state-file "${GLV_STATE_FILE:-}"
if [ "${GLV_CLOCK_CONTROL:-false}" = "true" ]; then flags+=(--clock-control); fi
if [ "${GLV_ALLOW_REAL_AWS:-false}" = "true" ]; then flags+=(--allow-real-aws); fi

node "$GLV_BIN" "${flags[@]}"
code=$?
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
if [ -f "$GLV_OUT/report.md" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$GLV_OUT/report.md" >>"$GITHUB_STEP_SUMMARY"; fi
exit 0
