package keda

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	kedav1alpha1 "github.com/kedacore/keda/v2/apis/keda/v1alpha1"
	"github.com/kedacore/keda/v2/pkg/scalers/authentication"
	"github.com/kedacore/keda/v2/pkg/scaling"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
)

// KEDA's side, built as its operator builds it: the objects go into a (fake) Kubernetes API, and KEDA's own
// ScaleHandler.GetScalersCache resolves each trigger's TriggerAuthentication and Secrets
// (resolver.ResolveAuthRefAndPodIdentity), fills scalersconfig.ScalerConfig (TriggerMetadata, AuthParams,
// GlobalHTTPTimeout, TriggerIndex, ...) and calls scalers.NewMetricsAPIScaler, as pkg/scaling/scalers_builder.go
// does. The metric and the activity come from ScalersCache.GetMetricsAndActivityForScaler, which the operator's
// scale loop and metrics server call.

// kedaGlobalHTTPTimeout is the operator's default KEDA_HTTP_DEFAULT_TIMEOUT (3000 ms, cmd/operator/main.go).
const kedaGlobalHTTPTimeout = 3 * time.Second

var scheme = func() *runtime.Scheme {
	s := runtime.NewScheme()
	if err := clientgoscheme.AddToScheme(s); err != nil {
		panic(err)
	}
	if err := kedav1alpha1.AddToScheme(s); err != nil {
		panic(err)
	}
	return s
}()

// decode reads every YAML document of b into typed objects; kinds the scheme does not know (a Certificate, a
// ServiceMonitor) are left out. A Secret's stringData is moved into data, as the API server does.
func decode(b []byte) ([]client.Object, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(b)))
	// strict, as the API server's field validation: a field KEDA's CRDs do not have is an error for KEDA's kinds
	deserializer := serializer.NewCodecFactory(scheme, serializer.EnableStrict).UniversalDeserializer()
	var out []client.Object
	for {
		doc, err := reader.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(doc)) == 0 {
			continue
		}
		obj, gvk, err := deserializer.Decode(doc, nil, nil)
		if runtime.IsNotRegisteredError(err) {
			continue
		}
		if runtime.IsStrictDecodingError(err) && gvk != nil && gvk.Group != kedav1alpha1.SchemeGroupVersion.Group {
			err = nil // only KEDA's objects are the subject here
		}
		if err != nil {
			return nil, fmt.Errorf("%v in\n%s", err, doc)
		}
		if gvk.Kind == "" {
			continue
		}
		if s, ok := obj.(*corev1.Secret); ok {
			if s.Data == nil {
				s.Data = map[string][]byte{}
			}
			for k, v := range s.StringData {
				s.Data[k] = []byte(v)
			}
			s.StringData = nil
		}
		if o, ok := obj.(client.Object); ok {
			out = append(out, o)
		}
	}
}

func secret(namespace, name string, data map[string]string) *corev1.Secret {
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: namespace}, Data: map[string][]byte{}}
	for k, v := range data {
		s.Data[k] = []byte(v)
	}
	return s
}

// deployment is the runner Deployment a ScaledObject scales (the user's, not in the repo).
func deployment(namespace, name string) *appsv1.Deployment {
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: namespace},
		Spec: appsv1.DeploymentSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			Containers: []corev1.Container{{Name: "runner", Image: "gitlab/gitlab-runner:alpine"}}}}},
	}
}

// scalable are the ScaledObjects and ScaledJobs among objects.
func scalable(objects []client.Object) []kedav1alpha1.ScalableObject {
	var out []kedav1alpha1.ScalableObject
	for _, o := range objects {
		if s, ok := o.(kedav1alpha1.ScalableObject); ok {
			out = append(out, s)
		}
	}
	return out
}

// pointAt rewrites every trigger URL's host to the adapter's loopback port (https: localhost and the TLS port,
// the name in the adapter's certificate), keeping scheme, path and query.
func pointAt(objects []client.Object, a *adapter) error {
	for _, s := range scalable(objects) {
		w, err := kedav1alpha1.AsDuckWithTriggers(s)
		if err != nil {
			return err
		}
		for _, t := range w.Spec.Triggers {
			u, err := url.Parse(t.Metadata["url"])
			if err != nil {
				return err
			}
			if u.Scheme == "https" {
				u.Host = fmt.Sprintf("localhost:%d", a.sslPort)
			} else {
				u.Host = fmt.Sprintf("127.0.0.1:%d", a.port)
			}
			t.Metadata["url"] = u.String() // the map is shared with the object's own trigger
		}
	}
	return nil
}

// cluster holds the objects KEDA reads and KEDA's scale handler over them.
type cluster struct {
	client  client.Client
	handler scaling.ScaleHandler
}

func newCluster(objects []client.Object) *cluster {
	for _, o := range objects {
		if so, ok := o.(*kedav1alpha1.ScaledObject); ok && so.Status.ScaleTargetGVKR == nil {
			// what KEDA's ScaledObject reconciler records before it builds scalers
			so.Status.ScaleTargetGVKR = &kedav1alpha1.GroupVersionKindResource{
				Group: "apps", Version: "v1", Kind: "Deployment", Resource: "deployments"}
		}
	}
	c := fake.NewClientBuilder().WithScheme(scheme).WithObjects(objects...).
		WithStatusSubresource(&kedav1alpha1.ScaledObject{}, &kedav1alpha1.ScaledJob{}).Build()
	h := scaling.NewScaleHandler(c, nil, scheme, kedaGlobalHTTPTimeout, 5*time.Second, recorder{},
		&authentication.AuthClientSet{})
	return &cluster{client: c, handler: h}
}

// reading is what KEDA made of one trigger.
type reading struct {
	object  string
	index   int
	trigger kedav1alpha1.ScaleTriggers
	metric  string
	value   float64
	active  bool
	err     error
}

// read builds the object's scalers and asks each trigger for its metric and activity.
func (c *cluster) read(ctx context.Context, s kedav1alpha1.ScalableObject) ([]reading, error) {
	w, err := kedav1alpha1.AsDuckWithTriggers(s)
	if err != nil {
		return nil, err
	}
	cache, err := c.handler.GetScalersCache(ctx, s)
	if err != nil {
		return nil, fmt.Errorf("KEDA could not build the scalers of %s %s: %w", w.Kind, w.Name, err)
	}
	defer func() { _ = c.handler.ClearScalersCache(ctx, s) }()
	var out []reading
	for i, t := range w.Spec.Triggers {
		r := reading{object: w.Kind + "/" + w.Name, index: i, trigger: t}
		specs, err := cache.GetMetricSpecForScalingForScaler(ctx, i)
		if err != nil || len(specs) != 1 || specs[0].External == nil {
			return nil, fmt.Errorf("%s trigger %d: metric spec %v: %v", r.object, i, specs, err)
		}
		r.metric = specs[0].External.Metric.Name
		values, active, _, err := cache.GetMetricsAndActivityForScaler(ctx, i, r.metric)
		r.active, r.err = active, err
		if err == nil {
			if len(values) != 1 {
				return nil, fmt.Errorf("%s trigger %d: %d values", r.object, i, len(values))
			}
			r.value = values[0].Value.AsApproximateFloat64()
		}
		out = append(out, r)
	}
	return out, nil
}

// recorder takes the Kubernetes events KEDA's scale handler and scalers record (KEDAScalersStarted,
// KEDAScalerFailed, and with KEDA_CHECK_UNEXPECTED_SCALERS_PARAMS=enabled KEDAScalersInfo "Unmatched input
// property ...") into the test log and into events.
type recorder struct{}

var (
	eventLog func(string)
	eventsMu sync.Mutex
	events   []string
)

func (recorder) Eventf(regarding runtime.Object, related runtime.Object, eventtype, reason, action, note string, args ...interface{}) {
	e := fmt.Sprintf("%s %s: %s", eventtype, reason, fmt.Sprintf(note, args...))
	eventsMu.Lock()
	events = append(events, e)
	eventsMu.Unlock()
	if eventLog != nil {
		eventLog("event " + e)
	}
}

// takeEvents returns the events recorded since the last call.
func takeEvents() []string {
	eventsMu.Lock()
	defer eventsMu.Unlock()
	out := events
	events = nil
	return out
}

// unmatched are the "Unmatched input property" warnings among events: a trigger metadata key KEDA does not read.
func unmatched(events []string) []string {
	var out []string
	for _, e := range events {
		if strings.Contains(e, "Unmatched input property") {
			out = append(out, e)
		}
	}
	return out
}

func activation(t kedav1alpha1.ScaleTriggers) float64 {
	v, err := strconv.ParseFloat(t.Metadata["activationTargetValue"], 64)
	if err != nil {
		return 0 // KEDA's default
	}
	return v
}

func logf(t *testing.T) func(string) { return func(s string) { t.Helper(); t.Log(s) } }
