#!/usr/bin/env bash
# Checks the Helm chart offline: helm lint --strict and helm template with the
# default values and with ci/production-values.yaml, kubectl-validate of the
# rendered manifests against Kubernetes 1.30 schemas, and a few wrong values
# that values.schema.json must reject with a message naming the value.
#
# helm and kubectl-validate are built with `go install` (no binary downloads)
# into .cache/bin (git-ignored) and reused while their version stays the same;
# a cold build takes ~5 minutes, both run in parallel.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHART=$REPO/charts/ngantor
# Outside the clone: CI starts from a fresh clone each run, and a cold build
# of both tools costs minutes.
BIN=${NGANTOR_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ngantor/bin}
KUBE_VERSION=1.30

HELM_PKG=helm.sh/helm/v3/cmd/helm@v3.22.0
KV_PKG=sigs.k8s.io/kubectl-validate@v0.0.4

mkdir -p "$BIN"
# Keep helm's own cache and config inside the repo cache, not in $HOME.
export HELM_CACHE_HOME=$BIN/../helm/cache
export HELM_CONFIG_HOME=$BIN/../helm/config
export HELM_DATA_HOME=$BIN/../helm/data

# install NAME PKG: go install PKG into $BIN unless the stamp says this exact
# version is already there. Runs in the background; prints the pid.
install() {
	local name=$1 pkg=$2 stamp=$BIN/.$1.version
	if [[ -x $BIN/$name && -f $stamp && $(<"$stamp") == "$pkg" ]]; then
		return 0
	fi
	echo "chart-check: building $pkg (cached in .cache/bin afterwards)"
	(GOBIN=$BIN go install "$pkg" && echo "$pkg" >"$stamp") &
	pids+=($!)
}
pids=()
install helm "$HELM_PKG"
install kubectl-validate "$KV_PKG"
for pid in "${pids[@]}"; do
	wait "$pid" || { echo "chart-check: go install failed" >&2; exit 1; }
done
HELM=$BIN/helm
KV=$BIN/kubectl-validate

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fail=0
step() { echo; echo "== $*"; }

render() { # render NAME [helm args…]
	local name=$1
	shift
	step "helm lint --strict ($name)"
	"$HELM" lint --strict "$CHART" "$@" || fail=1
	step "helm template ($name)"
	if "$HELM" template "ngantor-$name" "$CHART" --namespace ngantor --kube-version "$KUBE_VERSION.0" "$@" >"$WORK/$name.yaml"; then
		echo "$(grep -c '^kind:' "$WORK/$name.yaml") objects"
	else
		fail=1
	fi
}
render default
render production -f "$CHART/ci/production-values.yaml"

# kubectl-validate knows the built-in kinds of each Kubernetes version but no
# CRDs, and the Prometheus Operator's CRD is not available offline. The
# ServiceMonitor is validated against the subset of its schema that the chart
# renders (written below, strict on unknown fields); the cluster enforces the
# full upstream schema at install.
mkdir -p "$WORK/crds"
cat >"$WORK/crds/servicemonitors.yaml" <<'EOF'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: servicemonitors.monitoring.coreos.com
spec:
  group: monitoring.coreos.com
  names: {kind: ServiceMonitor, listKind: ServiceMonitorList, plural: servicemonitors, singular: servicemonitor}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          required: [spec]
          properties:
            apiVersion: {type: string}
            kind: {type: string}
            metadata: {type: object}
            spec:
              type: object
              required: [selector, endpoints]
              properties:
                jobLabel: {type: string}
                selector:
                  type: object
                  properties:
                    matchLabels: {type: object, additionalProperties: {type: string}}
                    matchExpressions:
                      type: array
                      items:
                        type: object
                        required: [key, operator]
                        properties:
                          key: {type: string}
                          operator: {type: string, enum: [In, NotIn, Exists, DoesNotExist]}
                          values: {type: array, items: {type: string}}
                namespaceSelector:
                  type: object
                  properties:
                    any: {type: boolean}
                    matchNames: {type: array, items: {type: string}}
                endpoints:
                  type: array
                  minItems: 1
                  items:
                    type: object
                    properties:
                      port: {type: string}
                      path: {type: string}
                      scheme: {type: string, enum: [http, https]}
                      interval: {type: string, pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$'}
                      scrapeTimeout: {type: string, pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$'}
                      honorLabels: {type: boolean}
EOF

step "kubectl-validate --version $KUBE_VERSION"
for f in "$WORK"/default.yaml "$WORK"/production.yaml; do
	[[ -s $f ]] || continue
	"$KV" --version "$KUBE_VERSION" --local-crds "$WORK/crds" "$f" || fail=1
done

# values.schema.json must stop a wrong value at install time, naming it.
step "values.schema.json rejects wrong values"
reject() { # reject WANT-IN-MESSAGE helm-args…
	local want=$1
	shift
	local out
	if out=$("$HELM" template x "$CHART" --kube-version "$KUBE_VERSION.0" "$@" 2>&1 >/dev/null); then
		echo "NOT REJECTED: $*"
		fail=1
	elif ! grep -q -- "$want" <<<"$out"; then
		echo "rejected without naming '$want': $*"
		echo "$out" | head -5
		fail=1
	else
		echo "rejected: $* — $(grep -m1 -- "$want" <<<"$out" | sed 's/^[[:space:]]*//')"
	fi
}
reject logLevel --set logLevel=verbose
reject bucket --set blob.type=s3
reject replicas --set scheduler.replicas=2
reject addresses --set redis.url= --set redis.sentinel.enabled=true
reject url --set redis.url=
reject maxConns --set database.maxConns=0
reject existingSecret --set database.app.existingSecret=
reject secretKey.existingSecret --set secretKey.existingSecret=
reject allowPrivilegeEscalation --set securityContext.allowPrivilegeEscalation=true
reject databse --set databse.host=x

echo
if ((fail)); then
	echo "chart-check: FAILED"
	exit 1
fi
echo "chart-check: OK"
