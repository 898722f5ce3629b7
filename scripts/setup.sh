#!/usr/bin/env bash
# Create .venv with the pinned dependencies of uv.lock, the synth extras included.
# Needs Python 3.11+ and, for synth tests, Node.js 20 (the jsii kernel runs on it).
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
if [ ! -x .bootstrap/bin/uv ]; then
    python3 -m venv .bootstrap
    .bootstrap/bin/pip install --quiet --disable-pip-version-check "uv==${UV_VERSION}"
fi
.bootstrap/bin/uv sync --frozen --all-extras --quiet
