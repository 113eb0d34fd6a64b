package keda

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	kedav1alpha1 "github.com/kedacore/keda/v2/apis/keda/v1alpha1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

func triggersOf(t *testing.T, o client.Object) []kedav1alpha1.ScaleTriggers {
	t.Helper()
	w, err := kedav1alpha1.AsDuckWithTriggers(o)
	if err != nil {
		t.Fatal(err)
	}
	return w.Spec.Triggers
}

func asScalable(o client.Object) kedav1alpha1.ScalableObject { return o.(kedav1alpha1.ScalableObject) }

// theUsersSide: what a cluster holds beside the repository's objects: each ScaledObject's runner Deployment and
// the runner token Secret the ScaledJobs' runner containers read.
func theUsersSide(objects []client.Object) []client.Object {
	out := append([]client.Object{}, objects...)
	seen := map[string]bool{}
	for _, s := range scalable(objects) {
		if so, ok := s.(*kedav1alpha1.ScaledObject); ok && !seen[so.Spec.ScaleTargetRef.Name] {
			seen[so.Spec.ScaleTargetRef.Name] = true
			out = append(out, deployment(so.Namespace, so.Spec.ScaleTargetRef.Name))
		}
	}
	return append(out, secret("ci", "gitlab-runner-token", map[string]string{"token": "glrt-e2e"}))
}

// readAll builds and reads every ScaledObject and ScaledJob of objects with KEDA, against the secured adapter.
func readAll(t *testing.T, objects []client.Object) int {
	t.Helper()
	eventLog = logf(t)
	if err := pointAt(objects, secured); err != nil {
		t.Fatal(err)
	}
	c := newCluster(theUsersSide(objects))
	n := 0
	takeEvents()
	for _, s := range scalable(objects) {
		n += checkAgainstAdapter(t, context.Background(), c, s.(client.Object))
	}
	for _, e := range unmatched(takeEvents()) {
		t.Errorf("KEDA does not read a key of this trigger: %s", e)
	}
	return n
}

// Every KEDA object in examples/, read from the files, with the API key the example TriggerAuthentication's Secret holds.
func TestEveryExampleKedaObject(t *testing.T) {
	needAdapter(t)
	files, _ := filepath.Glob(filepath.Join(repoRoot, "examples", "*.yaml"))
	var objects []client.Object
	kinds := map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "apiVersion: keda.sh/") {
			continue // helm values, Azure Container Apps: no KEDA object
		}
		objs, err := decode(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, o := range objs {
			kinds[fmt.Sprintf("%T", o)]++
		}
		objects = append(objects, objs...)
	}
	// the example TriggerAuthentication reads the chart's Secret; here it holds the adapter's key
	objects = append(objects, secret("ci", "gitlab-queue-adapter", map[string]string{"api-key": testKey}))
	n := readAll(t, objects)
	t.Logf("examples: %v, %d triggers read", kinds, n)
	if kinds["*v1alpha1.ScaledObject"] == 0 || kinds["*v1alpha1.ScaledJob"] == 0 || kinds["*v1alpha1.TriggerAuthentication"] == 0 || n < 3 {
		t.Errorf("expected a ScaledObject, a ScaledJob and a TriggerAuthentication with 3+ triggers, got %v, %d", kinds, n)
	}
}

// Every trigger the chart renders with its KEDA values, with the Secrets the chart renders (its API keys) and,
// for authMode tls, the client certificate Secret the values name.
func TestEveryChartTrigger(t *testing.T) {
	needAdapter(t)
	if len(renders) == 0 {
		t.Skip("no helm binary (HELM, .ci/.tools/helm/helm or helm on the PATH): the chart is not rendered")
	}
	names := make([]string, 0, len(renders))
	for name := range renders {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			objects, err := decode(renders[name])
			if err != nil {
				t.Fatal(err)
			}
			// helm install -n ci puts what the chart leaves without a namespace (its Secret) into ci
			for _, o := range objects {
				if o.GetNamespace() == "" {
					o.SetNamespace("ci")
				}
			}
			if strings.HasSuffix(name, "+tls") {
				objects = append(objects, secret("ci", "keda-client-cert", map[string]string{
					"tls.crt": string(certs.clientCert), "tls.key": string(certs.clientKey), "ca.crt": string(certs.caPEM)}))
			}
			if len(scalable(objects)) == 0 {
				t.Fatal("the render has no ScaledObject or ScaledJob")
			}
			n := readAll(t, objects)
			t.Logf("%s: %d triggers read", name, n)
			if strings.HasSuffix(name, "+tls") {
				for _, s := range scalable(objects) {
					for _, tr := range triggersOf(t, s.(client.Object)) {
						if tr.Metadata["authMode"] != "tls" || !strings.HasPrefix(tr.Metadata["url"], "https://") {
							t.Errorf("the tls render's trigger %v is not tls over https", tr.Metadata)
						}
					}
				}
			}
		})
	}
}

// exampleScaledObject is examples/keda-scaledobject.yaml's ScaledObject with one trigger: its first, with metadata
// changed by set ("" deletes a key), reading path on a, its authenticationRef naming auth ("" for none).
func exampleScaledObject(t *testing.T, name string, a *adapter, path string, set map[string]string, auth string) *kedav1alpha1.ScaledObject {
	t.Helper()
	so := exampleObject(t, "keda-scaledobject.yaml").(*kedav1alpha1.ScaledObject).DeepCopy()
	so.Name = name
	tr := so.Spec.Triggers[0]
	meta := map[string]string{}
	for k, v := range tr.Metadata {
		meta[k] = v
	}
	u, _ := url.Parse(meta["url"])
	if strings.HasPrefix(path, "https:") {
		u, _ = url.Parse(strings.TrimPrefix(path, "https:"))
		u.Scheme, u.Host = "https", fmt.Sprintf("localhost:%d", a.sslPort)
	} else {
		u.Scheme, u.Host = "http", fmt.Sprintf("127.0.0.1:%d", a.port)
		if path != "" {
			p, _ := url.Parse(path)
			u.Path, u.RawPath, u.RawQuery = p.Path, p.RawPath, p.RawQuery
		}
	}
	meta["url"] = u.String()
	for k, v := range set {
		if v == "" {
			delete(meta, k)
		} else {
			meta[k] = v
		}
	}
	tr.Metadata = meta
	tr.AuthenticationRef = nil
	if auth != "" {
		tr.AuthenticationRef = &kedav1alpha1.AuthenticationRef{Name: auth}
	}
	so.Spec.Triggers = []kedav1alpha1.ScaleTriggers{tr}
	return so
}

// exampleObject is the one object of a file of examples/, as KEDA's types decode it.
func exampleObject(t *testing.T, file string) client.Object {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "examples", file))
	if err != nil {
		t.Fatal(err)
	}
	objs, err := decode(b)
	if err != nil || len(objs) != 1 {
		t.Fatalf("%s: %v %v", file, objs, err)
	}
	return objs[0]
}

// triggerAuth: a TriggerAuthentication whose parameters come from one Secret of the same name.
func triggerAuth(name string, params map[string]string) []client.Object {
	ta := &kedav1alpha1.TriggerAuthentication{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "ci"}}
	data := map[string]string{}
	for p, v := range params {
		ta.Spec.SecretTargetRef = append(ta.Spec.SecretTargetRef, kedav1alpha1.AuthSecretTargetRef{Parameter: p, Name: name, Key: p})
		data[p] = v
	}
	return []client.Object{ta, secret("ci", name, data)}
}

// readOne builds so with KEDA over extra objects and reads its one trigger.
func readOne(t *testing.T, so *kedav1alpha1.ScaledObject, extra ...client.Object) reading {
	t.Helper()
	eventLog = logf(t)
	objects := theUsersSide(append([]client.Object{so}, extra...))
	c := newCluster(objects)
	rs, err := c.read(context.Background(), so)
	if err != nil {
		t.Fatal(err)
	}
	return rs[0]
}

// Every auth mode KEDA's metrics-api scaler has, presented to the adapter; the numbers are platform/api's pending.
func TestEveryAuthMode(t *testing.T) {
	needAdapter(t)
	const path = "/queues/projects/platform%2Fapi"
	want, _ := number(awaitStatus(t, secured.url(path), http.StatusOK), "pending")
	awaitStatus(t, open.url(path), http.StatusOK)
	cases := []struct {
		name    string
		a       *adapter
		https   bool
		meta    map[string]string
		params  map[string]string
		wantErr string
	}{
		{"none, adapter without credentials", open, false, map[string]string{"authMode": ""}, nil, ""},
		{"none, adapter with credentials: 401", secured, false, map[string]string{"authMode": ""}, nil, "api returned 401"},
		{"apiKey in the X-API-KEY header (default method)", secured, false, map[string]string{"authMode": "apiKey"},
			map[string]string{"apiKey": testKey}, ""},
		{"apiKey in a header named by keyParamName", secured, false, map[string]string{"authMode": "apiKey"},
			map[string]string{"apiKey": testKey, "keyParamName": "X-API-KEY"}, ""},
		{"apiKey in the query, method query (api_key)", secured, false, map[string]string{"authMode": "apiKey", "method": "query"},
			map[string]string{"apiKey": testKey}, ""},
		{"apiKey in the query, method and keyParamName from the TriggerAuthentication", secured, false, map[string]string{"authMode": "apiKey"},
			map[string]string{"apiKey": testKey, "method": "query", "keyParamName": "api_key"}, ""},
		{"apiKey, a wrong key: 401", secured, false, map[string]string{"authMode": "apiKey"},
			map[string]string{"apiKey": "not-the-key-0123456789"}, "api returned 401"},
		{"apiKey in a query parameter the adapter does not read: 401", secured, false, map[string]string{"authMode": "apiKey", "method": "query", "keyParamName": "key"},
			map[string]string{"apiKey": testKey}, "api returned 401"},
		{"bearer", secured, false, map[string]string{"authMode": "bearer"}, map[string]string{"bearerToken": testKey}, ""},
		{"basic", secured, false, map[string]string{"authMode": "basic"},
			map[string]string{"username": basicUser, "password": basicPassword}, ""},
		{"basic, a wrong password: 401", secured, false, map[string]string{"authMode": "basic"},
			map[string]string{"username": basicUser, "password": "wrong-password-0123456"}, "api returned 401"},
		{"tls with a client certificate", secured, true, map[string]string{"authMode": "tls"},
			map[string]string{"cert": string(certs.clientCert), "key": string(certs.clientKey), "ca": string(certs.caPEM)}, ""},
		{"tls with a certificate from another CA: refused", secured, true, map[string]string{"authMode": "tls"},
			map[string]string{"cert": string(certs.foreignCert), "key": string(certs.foreignKey), "ca": string(certs.caPEM)}, "error requesting metrics endpoint"},
		{"apiKey over https, the adapter's CA given as ca", secured, true, map[string]string{"authMode": "apiKey,tls"},
			map[string]string{"apiKey": testKey, "cert": string(certs.clientCert), "key": string(certs.clientKey), "ca": string(certs.caPEM)}, ""},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name := fmt.Sprintf("auth-%d", i)
			p := path
			if c.https {
				p = "https:" + path
			}
			auth := ""
			var extra []client.Object
			if c.params != nil {
				auth = name
				extra = triggerAuth(name, c.params)
			}
			r := readOne(t, exampleScaledObject(t, name, c.a, p, c.meta, auth), extra...)
			if c.wantErr != "" {
				if r.err == nil || !strings.Contains(r.err.Error(), c.wantErr) {
					t.Fatalf("KEDA read %v (err %v), want an error with %q", r.value, r.err, c.wantErr)
				}
				if r.active {
					t.Errorf("an error counts as active")
				}
				t.Logf("KEDA: %v", r.err)
				return
			}
			if r.err != nil {
				t.Fatalf("KEDA: %v", r.err)
			}
			if r.value != want || !r.active {
				t.Errorf("KEDA read %v active %v, the adapter says pending %v", r.value, r.active, want)
			}
			t.Logf("KEDA read %s = %v, active %v", r.metric, r.value, r.active)
		})
	}
}

// Each number of the adapter's JSON as valueLocation (the README's pending and total, the example's forecastPending,
// and running, oldestPendingSeconds, the pool's projects, desired of a pool with capacity); a value that is no number
// is KEDA's error, and so is desired where no capacity is configured (the field is absent).
func TestValueLocations(t *testing.T) {
	needAdapter(t)
	for _, path := range []string{"/queues/projects/platform%2Fapi", "/queues/pools/docker", "/queues/groups/platform"} {
		locations := []string{"pending", "total", "forecastPending", "running", "oldestPendingSeconds"}
		if !strings.Contains(path, "projects") {
			locations = append(locations, "projects")
		}
		if strings.Contains(path, "pools") {
			locations = append(locations, "desired")
		}
		for _, loc := range locations {
			t.Run(path+" "+loc, func(t *testing.T) {
				so := exampleScaledObject(t, "loc", secured, path, map[string]string{"valueLocation": loc}, "")
				objects := append([]client.Object{so}, triggerAuth("gitlab-queue-adapter", map[string]string{"apiKey": testKey})...)
				so.Spec.Triggers[0].AuthenticationRef = &kedav1alpha1.AuthenticationRef{Name: "gitlab-queue-adapter"}
				eventLog = logf(t)
				c := newCluster(theUsersSide(objects))
				checkAgainstAdapter(t, context.Background(), c, so)
			})
		}
	}
	for loc, want := range map[string]string{"stale": "must point to a numeric value", "project": "not parseable as a Quantity",
		"waitSeconds": "must point to a numeric value", "noSuchField": "must point to a numeric value",
		"desired": "must point to a numeric value"} {
		t.Run("not a number: "+loc, func(t *testing.T) {
			so := exampleScaledObject(t, "loc", secured, "", map[string]string{"valueLocation": loc}, "ta")
			r := readOne(t, so, triggerAuth("ta", map[string]string{"apiKey": testKey})...)
			if r.err == nil || !strings.Contains(r.err.Error(), want) {
				t.Fatalf("KEDA read %v (err %v), want an error with %q", r.value, r.err, want)
			}
			t.Logf("KEDA: %v", r.err)
		})
	}
}

// Activity: an empty queue is inactive; a queue at or below activationTargetValue is inactive with its value.
func TestActivity(t *testing.T) {
	needAdapter(t)
	awaitStatus(t, secured.url("/queues/projects/platform%2Fidle"), http.StatusOK)
	ta := triggerAuth("ta", map[string]string{"apiKey": testKey})
	r := readOne(t, exampleScaledObject(t, "idle", secured, "/queues/projects/platform%2Fidle", nil, "ta"), ta...)
	if r.err != nil || r.value != 0 || r.active {
		t.Errorf("an empty queue: KEDA read %v active %v err %v, want 0, inactive", r.value, r.active, r.err)
	}
	pending, _ := number(awaitStatus(t, secured.url("/queues/projects/platform%2Fapi"), http.StatusOK), "pending")
	for _, c := range []struct {
		activation string
		active     bool
	}{{fmt.Sprint(pending), false}, {fmt.Sprint(pending - 1), true}} {
		r = readOne(t, exampleScaledObject(t, "act", secured, "", map[string]string{"activationTargetValue": c.activation}, "ta"), ta...)
		if r.err != nil || r.value != pending || r.active != c.active {
			t.Errorf("pending %v, activationTargetValue %s: KEDA read %v active %v err %v, want active %v",
				pending, c.activation, r.value, r.active, r.err, c.active)
		}
	}
}

// Our 503 (GitLab answers 404 for the project) is KEDA's error; an error is never active.
func TestA503IsAnError(t *testing.T) {
	needAdapter(t)
	const path = "/queues/projects/platform%2Fgone"
	body := awaitStatus(t, secured.url(path), http.StatusServiceUnavailable)
	r := readOne(t, exampleScaledObject(t, "gone", secured, path, nil, "ta"), triggerAuth("ta", map[string]string{"apiKey": testKey})...)
	if r.err == nil || !strings.Contains(r.err.Error(), "api returned 503") || r.active {
		t.Fatalf("KEDA read %v active %v err %v, want an error with 'api returned 503'", r.value, r.active, r.err)
	}
	t.Logf("adapter: %v; KEDA: %v", body["message"], r.err)
}

// An answer slower than the trigger's timeout is KEDA's error; the same answer within KEDA's global timeout (3 s,
// KEDA_HTTP_DEFAULT_TIMEOUT) when the trigger sets none is a number. A proxy in front of the adapter delays it.
func TestASlowAnswer(t *testing.T) {
	needAdapter(t)
	target, _ := url.Parse(secured.url(""))
	proxy := httputil.NewSingleHostReverseProxy(target)
	const delay = 1200 * time.Millisecond
	slow := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(delay)
		proxy.ServeHTTP(w, r)
	})}
	port := freePort()
	slowAdapter := &adapter{port: port}
	l, err := listen(port)
	if err != nil {
		t.Fatal(err)
	}
	go slow.Serve(l)
	defer slow.Close()
	pending, _ := number(awaitStatus(t, secured.url("/queues/projects/platform%2Fapi"), http.StatusOK), "pending")
	ta := triggerAuth("ta", map[string]string{"apiKey": testKey})

	start := time.Now()
	r := readOne(t, exampleScaledObject(t, "slow", slowAdapter, "", map[string]string{"timeout": "400"}, "ta"), ta...)
	took := time.Since(start)
	if r.err == nil || r.active {
		t.Fatalf("timeout 400 ms, answer after %v: KEDA read %v active %v, want an error", delay, r.value, r.active)
	}
	t.Logf("timeout 400 ms, answer after %v: KEDA: %v (%v for building and reading, a retry included)", delay, r.err, took.Round(time.Millisecond))

	r = readOne(t, exampleScaledObject(t, "slow", slowAdapter, "", map[string]string{"timeout": ""}, "ta"), ta...)
	if r.err != nil || r.value != pending {
		t.Fatalf("no timeout (global 3 s), answer after %v: KEDA read %v err %v, want %v", delay, r.value, r.err, pending)
	}
}

// KEDA itself names a trigger metadata key its metrics-api scaler does not read (a misspelt activationTargetValue
// is silently ignored otherwise), and a field KEDA's CRD does not have is refused as the API server would.
func TestKedaNamesWhatItDoesNotRead(t *testing.T) {
	needAdapter(t)
	takeEvents()
	so := exampleScaledObject(t, "typo", secured, "", map[string]string{"activationTargetvalue": "9"}, "ta")
	r := readOne(t, so, triggerAuth("ta", map[string]string{"apiKey": testKey})...)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if got := unmatched(takeEvents()); len(got) != 1 || !strings.Contains(got[0], "activationTargetvalue") {
		t.Errorf("KEDA's warnings %v, want one naming activationTargetvalue", got)
	}
	b, err := os.ReadFile(filepath.Join(repoRoot, "examples", "keda-scaledobject.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(b), "  minReplicaCount:", "  minReplicas:", 1)
	if _, err := decode([]byte(bad)); err == nil || !strings.Contains(err.Error(), "minReplicas") {
		t.Errorf("an unknown ScaledObject field was not refused: %v", err)
	}
}

// What the Horizontal Pod Autoscaler gets from KEDA's metrics server (ScaleHandler.GetScaledObjectMetrics) for the
// example ScaledObject while the adapter answers 503: an error for failureThreshold (3) reads, then the example's
// fallback, 2 replicas, as a metric of 2 x targetValue (4).
func TestA503MakesTheExampleScaledObjectFallBack(t *testing.T) {
	needAdapter(t)
	const path = "/queues/projects/platform%2Fgone"
	awaitStatus(t, secured.url(path), http.StatusServiceUnavailable)
	so := exampleScaledObject(t, "gone", secured, path, nil, "ta")
	if so.Spec.Fallback == nil {
		t.Fatal("examples/keda-scaledobject.yaml has no fallback")
	}
	eventLog = logf(t)
	c := newCluster(theUsersSide(append([]client.Object{so}, triggerAuth("ta", map[string]string{"apiKey": testKey})...)))
	ctx := context.Background()
	cache, err := c.handler.GetScalersCache(ctx, so)
	if err != nil {
		t.Fatal(err)
	}
	specs, err := cache.GetMetricSpecForScalingForScaler(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	metric := specs[0].External.Metric.Name
	target, _ := strconv.ParseFloat(so.Spec.Triggers[0].Metadata["targetValue"], 64)
	want := float64(so.Spec.Fallback.Replicas) * target
	threshold := int(so.Spec.Fallback.FailureThreshold)
	for read := 1; read <= threshold+2; read++ {
		list, err := c.handler.GetScaledObjectMetrics(ctx, so.Name, so.Namespace, metric)
		switch {
		case read <= threshold:
			if err == nil {
				t.Fatalf("read %d of %d (failureThreshold %d): KEDA served %v, want an error", read, threshold+2, threshold, list.Items)
			}
			t.Logf("read %d: error %v", read, err)
		default:
			if err != nil || len(list.Items) != 1 || list.Items[0].Value.AsApproximateFloat64() != want {
				t.Fatalf("read %d: KEDA served %v (err %v), want the fallback %v", read, list, err, want)
			}
			t.Logf("read %d: fallback %s = %v (%d replicas x targetValue %v)", read, metric,
				list.Items[0].Value.AsApproximateFloat64(), so.Spec.Fallback.Replicas, target)
		}
	}
}
