#!/usr/bin/env bash
# A Kubernetes cluster made of processes, with KEDA scaling simulated gitlab-runner pods on the adapter's number.
#
#   e2e/cluster/run.sh [--quick] [--scenarios a,b] [--parallel N] [--runner-startup 5s]
#   e2e/cluster/run.sh --build-only
#
# Builds from Go modules (e2e/cluster/go.mod: Kubernetes v1.36.4 with every k8s.io module at that release, KEDA
# v2.21.0, kwok v0.8.0; e2e/cluster/etcd/go.mod: etcd v3.6.8) and starts, on loopback: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok (one simulated node; pods become Running without a container), KEDA's
# operator and metrics API server with KEDA's CRDs; then e2e/cluster/sim runs each scenario in a namespace of its
# own: the chart rendered with `helm template` and examples/helm-values-keda.yaml, the adapter jar run as the
# chart's container would, KEDA's objects applied as rendered, a CI load on a GitLab stand-in, and gitlab-runner
# simulated in every runner pod (POST /api/v4/jobs/request, the job's duration, exit).
# Needs the jar (./mvnw package -DskipTests), Go 1.26, helm (HELM, .ci/.tools/helm/helm or on the PATH) and openssl.
# The figures go to e2e/cluster/results/ (a Markdown table and its JSON). --quick is the miniature CI runs: one
# short burst, from zero runners and back to zero.
set -euo pipefail
# All of it in one function, read whole before it runs: editing this file during a run cannot change that run.
main() {
cd "$(dirname "$0")/../.."
root=$PWD

quick=false
build_only=false
sim_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true; sim_args+=(--quick) ;;
    --build-only) build_only=true ;;
    --scenarios|--parallel|--runner-startup) sim_args+=("$1" "$2"); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

# 1. Build. Go's module and build caches stay in Go's default places, so a second run compiles nothing.
bin="$root/e2e/cluster/.bin"
mkdir -p "$bin"
echo "building the cluster's programs (a first build: about 20 minutes of CPU; later ones reuse Go's build cache) ..."
(cd e2e/cluster && go build -o "$bin/" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl sigs.k8s.io/kwok/cmd/kwok \
  github.com/kedacore/keda/v2/cmd/operator github.com/kedacore/keda/v2/cmd/adapter ./sim)
(cd e2e/cluster/etcd && go build -o "$bin/etcd" go.etcd.io/etcd/server/v3)
keda_dir="$(cd e2e/cluster && go list -m -f '{{.Dir}}' github.com/kedacore/keda/v2)"
kwok_dir="$(cd e2e/cluster && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)"
[ "$build_only" = false ] || exit 0

jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "no $jar: build it first with ./mvnw package -DskipTests" >&2; exit 1; }
helm="${HELM:-}"
[ -n "$helm" ] || { [ -x "$root/.ci/.tools/helm/helm" ] && helm="$root/.ci/.tools/helm/helm"; } || true
[ -n "$helm" ] || helm="$(command -v helm || true)"
[ -n "$helm" ] || { echo "no helm: set HELM, or run .ci/run once (it fetches one to .ci/.tools/helm)" >&2; exit 1; }
command -v openssl >/dev/null || { echo "no openssl (Debian package openssl)" >&2; exit 1; }

# 2. Credentials: a service-account key, an admin token, a CA for KEDA's metrics service and its API service.
work="$(mktemp -d /tmp/gqa-cluster.XXXXXX)"
pids=()
cleanup() { # the last started first; whatever has not ended 10 s after SIGTERM is killed
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -- "-${pids[i]}" 2>/dev/null || true; done
  for _ in $(seq 1 20); do
    local alive=false
    for p in "${pids[@]}"; do kill -0 -- "-$p" 2>/dev/null && alive=true; done
    [ "$alive" = true ] || break
    sleep 0.5
  done
  for p in "${pids[@]}"; do kill -9 -- "-$p" 2>/dev/null || true; done
  [ "${KEEP:-}" = "true" ] || rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
openssl genrsa -out sa.key 2048 2>/dev/null && openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj "/CN=e2e-cluster-ca" 2>/dev/null
cert() { # name, CN, subjectAltNames
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days 2 -extfile "$1.ext" 2>/dev/null
}
cert keda-certs keda-operator "DNS:keda-operator.keda.svc.cluster.local,DNS:keda-operator.keda.svc,DNS:localhost,IP:127.0.0.1"
mkdir -p keda-certs-dir && cp keda-certs.crt keda-certs-dir/tls.crt && cp keda-certs.key keda-certs-dir/tls.key \
  && cp ca.crt keda-certs-dir/ca.crt
cert front-proxy front-proxy-client "DNS:front-proxy-client"
token="$(openssl rand -hex 16)"
echo "$token,admin,admin,system:masters" > tokens.csv

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
etcd_port=$(port); etcd_peer=$(port); api_port=$(port); proxy_port=$(port)
cat > kubeconfig <<EOF
apiVersion: v1
kind: Config
clusters: [{name: e2e, cluster: {server: "https://127.0.0.1:$api_port", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: "$token"}}]
contexts: [{name: e2e, context: {cluster: e2e, user: admin}}]
current-context: e2e
EOF
export KUBECONFIG="$work/kubeconfig"
kubectl() { "$bin/kubectl" "$@"; }

start() { # name, command...: its own process group, its log in $work/<name>.log
  local name="$1"; shift
  setsid "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
}
wait_for() { # what, seconds, command...
  local what="$1" limit="$2"; shift 2
  for _ in $(seq 1 "$((limit * 2))"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "FAIL: $what not within ${limit}s; logs in $work (KEEP=true keeps them)" >&2
  KEEP=true
  tail -n 30 "$work"/*.log >&2 || true
  exit 1
}

# 3. The control plane.
start etcd "$bin/etcd" --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
  --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$etcd_peer" \
  --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" --initial-cluster "default=http://127.0.0.1:$etcd_peer" \
  --unsafe-no-fsync --log-level warn
start kube-apiserver "$bin/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" \
  --bind-address 127.0.0.1 --secure-port "$api_port" --cert-dir "$work/apiserver-certs" \
  --token-auth-file "$work/tokens.csv" --authorization-mode AlwaysAllow \
  --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$work/sa.pub" \
  --service-account-signing-key-file "$work/sa.key" --service-cluster-ip-range 10.96.0.0/16 \
  --disable-admission-plugins ServiceAccount --endpoint-reconciler-type none \
  --requestheader-client-ca-file "$work/ca.crt" --requestheader-allowed-names front-proxy-client \
  --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
  --requestheader-extra-headers-prefix X-Remote-Extra- --proxy-client-cert-file "$work/front-proxy.crt" \
  --proxy-client-key-file "$work/front-proxy.key" --enable-aggregator-routing
wait_for "the API server" 90 kubectl get --raw /readyz
start kube-controller-manager "$bin/kube-controller-manager" --kubeconfig "$KUBECONFIG" --leader-elect=false \
  --secure-port 0 --controllers '*,-serviceaccount-token,-nodeipam,-persistentvolume-binder' \
  --service-account-private-key-file "$work/sa.key" --horizontal-pod-autoscaler-sync-period 15s
start kube-scheduler "$bin/kube-scheduler" --kubeconfig "$KUBECONFIG" --leader-elect=false --secure-port 0

# 4. One simulated node (kwok): pods scheduled there become Running without a container, and go when deleted;
#    kwok's pod-complete stage is left out, so a runner pod ends when the runner simulator says its job is done.
kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-0
  annotations: {kwok.x-k8s.io/node: fake}
  labels: {type: kwok, kubernetes.io/hostname: kwok-node-0}
status:
  allocatable: {cpu: "256", memory: 1Ti, pods: "1000"}
  capacity: {cpu: "256", memory: 1Ti, pods: "1000"}
EOF
stages=()
for s in node/fast/node-initialize.yaml node/heartbeat/node-heartbeat.yaml pod/general/pod-create.yaml \
  pod/general/pod-ready.yaml pod/general/pod-delete.yaml pod/general/pod-init-container-running.yaml \
  pod/general/pod-init-container-completed.yaml; do stages+=(--config "$kwok_dir/kustomize/stage/$s"); done
start kwok "$bin/kwok" --kubeconfig "$KUBECONFIG" --manage-all-nodes=false \
  --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake --server-address "127.0.0.1:$(port)" "${stages[@]}"
wait_for "the simulated node" 60 bash -c "'$bin/kubectl' get node kwok-node-0 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -q True"

# 5. KEDA: its CRDs from its module, its operator and its metrics API server (for a ScaledObject's HPA beyond one
#    replica). The operator reaches each adapter through the simulator's forward proxy (HTTP_PROXY).
kubectl apply --server-side -f "$keda_dir/config/crd/bases/" >/dev/null
kubectl create namespace keda >/dev/null
grpc_port=$(port)
keda_env=(env KEDA_CLUSTER_OBJECT_NAMESPACE=keda POD_NAMESPACE=keda POD_NAME=keda-operator WATCH_NAMESPACE=
  HTTP_PROXY="http://127.0.0.1:$proxy_port" NO_PROXY=127.0.0.1,localhost)
start keda-operator "${keda_env[@]}" "$bin/operator" --leader-elect=false \
  --metrics-bind-address "127.0.0.1:$(port)" --health-probe-bind-address "127.0.0.1:$(port)" \
  --metrics-service-bind-address "127.0.0.1:$grpc_port" --cert-dir "$work/keda-certs-dir" \
  --enable-webhook-patching=false --enable-apiservice-patching=false --zap-log-level info
wait_for "the KEDA operator" 60 grep -q "Starting workers" "$work/keda-operator.log"
# KEDA's metrics API server answers the HPA a ScaledObject makes (external.metrics.k8s.io), reached by the API
# server's aggregator at this machine's address (an APIService's endpoints cannot be a loopback address).
host_ip="$(hostname -I 2>/dev/null | awk '{print $1}')"
if [ -n "$host_ip" ]; then
  ms_port=$(port)
  start keda-metrics-apiserver "${keda_env[@]}" "$bin/adapter" --kubeconfig "$KUBECONFIG" --lister-kubeconfig "$KUBECONFIG" \
    --authentication-kubeconfig "$KUBECONFIG" \
    --authorization-kubeconfig "$KUBECONFIG" --bind-address "$host_ip" --secure-port "$ms_port" \
    --cert-dir "$work/keda-certs-dir" --metrics-service-address "127.0.0.1:$grpc_port" \
    --requestheader-client-ca-file "$work/ca.crt" --requestheader-allowed-names front-proxy-client
  kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Service
metadata: {name: keda-metrics-apiserver, namespace: keda}
spec:
  ports: [{name: https, port: 443, targetPort: $ms_port}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: keda-metrics-apiserver, namespace: keda}
subsets: [{addresses: [{ip: "$host_ip"}], ports: [{name: https, port: $ms_port}]}]
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.external.metrics.k8s.io}
spec:
  service: {name: keda-metrics-apiserver, namespace: keda, port: 443}
  group: external.metrics.k8s.io
  version: v1beta1
  insecureSkipTLSVerify: true
  groupPriorityMinimum: 100
  versionPriority: 100
EOF
  wait_for "KEDA's metrics API server" 90 kubectl get --raw /apis/external.metrics.k8s.io/v1beta1
else
  echo "no address but loopback here: a ScaledObject's HPA cannot reach KEDA's metrics API server (it stays at one replica)"
fi

cd "$root"
mkdir -p e2e/cluster/results
out="e2e/cluster/results/$([ "$quick" = true ] && echo quick || echo full)-$(date -u +%Y%m%dT%H%M%SZ).md"
"$bin/sim" --kubeconfig "$KUBECONFIG" --kubectl "$bin/kubectl" --helm "$helm" --jar "$jar" --dir "$work/scenarios" \
  --proxy "127.0.0.1:$proxy_port" --out "$out" "${sim_args[@]}"
echo "figures: $out"
}

main "$@"
exit
