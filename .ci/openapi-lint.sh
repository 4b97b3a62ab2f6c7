#!/usr/bin/env bash
# Lints the API contract: the document a server serves at /openapi.json
# (printed by the hidden `ngantor openapi`), checked by an independent
# linter, Redocly CLI, with the rules in .ci/redocly.yaml. Any error fails.
#
# @redocly/cli is installed with npm (pinned below) into a cache outside the
# clone, like the chart tools: CI starts from a fresh clone each run. The
# folder is named after the version, so a version bump installs afresh.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REDOCLY_VERSION=2.77.0
BIN=${NGANTOR_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ngantor/bin}
DIR=$(dirname "$BIN")/npm/redocly-cli@$REDOCLY_VERSION
REDOCLY=$DIR/node_modules/.bin/redocly

if [[ ! -x $REDOCLY ]]; then
	command -v npm >/dev/null || { echo "openapi-lint: npm (Node.js ≥ 20.19) is required" >&2; exit 1; }
	echo "openapi-lint: installing @redocly/cli@$REDOCLY_VERSION (cached afterwards)"
	# Into a scratch folder first: an interrupted install never passes for
	# a cached one.
	tmp=$DIR.partial.$$
	rm -rf "$tmp"
	mkdir -p "$tmp"
	npm install --prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
		--loglevel=error "@redocly/cli@$REDOCLY_VERSION"
	rm -rf "$DIR"
	mv "$tmp" "$DIR"
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$REPO"
go run ./cmd/ngantor openapi >"$WORK/openapi.json"

# No usage reports to Redocly, no update notices.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_NOTIFICATIONS=true
"$REDOCLY" lint --config "$REPO/.ci/redocly.yaml" "$WORK/openapi.json"
