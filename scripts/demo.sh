#!/usr/bin/env bash
# Set up, then print the fixes for the shipped fintech sample. The diff goes to
# standard output; findings that can only be reported go to standard error.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
status=0
.venv/bin/cdktf-fix fix --unsafe-fixes samples/fintech_stack.py || status=$?
# Exit code 1 means "the diff is not empty", which is what the demo shows.
if [ "$status" -gt 1 ]; then
    exit "$status"
fi
