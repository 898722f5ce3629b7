#!/usr/bin/env bash
# Set up, then run the whole test suite, synth integration tests included.
# Extra arguments go to pytest (e.g. `-m "not synth"` for the fast tests only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
# The `terraform validate` tests need an offline mirror of the AWS provider;
# machines of this project carry one, found by the provider binary's path.
if [ -z "${CDKTF_FIX_TF_MIRROR:-}" ] && command -v terraform >/dev/null; then
    binary=$(find /opt /usr/share /root -path '*registry.terraform.io/hashicorp/aws/*' \
        -name 'terraform-provider-aws*' 2>/dev/null | head -n 1 || true)
    if [ -n "$binary" ]; then
        export CDKTF_FIX_TF_MIRROR="${binary%%/registry.terraform.io/*}"
    fi
fi
status=0
.venv/bin/python -m pytest -q "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "error: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
