package keda

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	kedav1alpha1 "github.com/kedacore/keda/v2/apis/keda/v1alpha1"
	"github.com/kedacore/keda/v2/pkg/scaling/executor"
	"github.com/kedacore/keda/v2/pkg/scaling/scaledjob"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// How many runner Jobs KEDA's ScaledJob makes from each field, by KEDA's own code: the trigger's metric as its scale
// loop reads it (ScalersCache.GetMetricsAndActivityForScaler, then scaledjob.CalculateQueueLengthAndMaxValue and
// IsScaledJobActive, as ScaleHandler.getScaledJobMetrics and getScaledJobState do), then KEDA's executor
// (RequestJobScale) over a cluster that already runs a Job per running CI job, counting the Jobs it creates. This is
// what docs/autoscalers.md says of each strategy: the default one subtracts every Job not finished, accurate only
// the Jobs whose pod has not started.

// runningJobs: n Jobs of the ScaledJob, each with a Running pod, as runners busy with a CI job each.
func runningJobs(sj *kedav1alpha1.ScaledJob, n int) []client.Object {
	var out []client.Object
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("%s-running-%d", sj.Name, i)
		out = append(out,
			&batchv1.Job{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: sj.Namespace,
				Labels: map[string]string{"scaledjob.keda.sh/name": sj.Name}}},
			&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name + "-pod", Namespace: sj.Namespace,
				Labels: map[string]string{"job-name": name}}, Status: corev1.PodStatus{Phase: corev1.PodRunning}})
	}
	return out
}

// exampleScaledJob is examples/keda-scaledjob.yaml's ScaledJob reading loc of pool on the secured adapter.
func exampleScaledJob(t *testing.T, name, pool, loc, strategy string) *kedav1alpha1.ScaledJob {
	t.Helper()
	sj := exampleObject(t, "keda-scaledjob.yaml").(*kedav1alpha1.ScaledJob).DeepCopy()
	sj.Name = name
	sj.Spec.ScalingStrategy.Strategy = strategy
	meta := map[string]string{}
	for k, v := range sj.Spec.Triggers[0].Metadata {
		meta[k] = v
	}
	meta["url"] = secured.url("/queues/pools/" + pool)
	meta["valueLocation"] = loc
	sj.Spec.Triggers[0].Metadata = meta
	return sj
}

// jobsMade: the Jobs KEDA's executor creates in one scale loop of sj, with running Jobs already there.
func jobsMade(t *testing.T, sj *kedav1alpha1.ScaledJob, running int) (metric float64, made int) {
	t.Helper()
	eventLog = logf(t)
	ctx := context.Background()
	objects := append([]client.Object{sj}, triggerAuth("gitlab-queue-adapter", map[string]string{"apiKey": testKey})...)
	objects = append(objects, runningJobs(sj, running)...)
	c := newCluster(theUsersSide(objects))
	cache, err := c.handler.GetScalersCache(ctx, sj)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = c.handler.ClearScalersCache(ctx, sj) }()
	specs, err := cache.GetMetricSpecForScalingForScaler(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	values, active, _, err := cache.GetMetricsAndActivityForScaler(ctx, 0, specs[0].External.Metric.Name)
	if err != nil {
		t.Fatal(err)
	}
	queue, maxValue, _ := scaledjob.CalculateQueueLengthAndMaxValue(values, specs, sj.MaxReplicaCount())
	isActive, scaleTo, maxScale, _ := scaledjob.IsScaledJobActive(
		[]scaledjob.ScalerMetrics{{QueueLength: queue, MaxValue: maxValue, IsActive: active}},
		sj.Spec.ScalingStrategy.MultipleScalersCalculation, sj.MinReplicaCount(), sj.MaxReplicaCount())
	before := &batchv1.JobList{}
	if err := c.client.List(ctx, before, client.InNamespace(sj.Namespace)); err != nil {
		t.Fatal(err)
	}
	result := executor.NewScaleExecutor(c.client, nil, scheme, 5*time.Second, recorder{}).
		RequestJobScale(ctx, sj, isActive, false, scaleTo, maxScale, executor.ScaleExecutorOptions{})
	if result.Error != nil {
		t.Fatal(result.Error)
	}
	after := &batchv1.JobList{}
	if err := c.client.List(ctx, after, client.InNamespace(sj.Namespace)); err != nil {
		t.Fatal(err)
	}
	return queue, len(after.Items) - len(before.Items)
}

// The stand-in's numbers for the pools docker and singles (group platform, tags docker and linux): 3 pending jobs
// they may take and 2 running; singles keeps 2 jobs of idle capacity (capacity-per-runner 1), so its desired is 7.
func TestScaledJobStrategiesMakeTheRunnersEachFieldAsksFor(t *testing.T) {
	needAdapter(t)
	const pending, running, idle = 3, 2, 2
	singles := awaitStatus(t, secured.url("/queues/pools/singles"), http.StatusOK)
	if d, _ := number(singles, "desired"); d != pending+running+idle {
		t.Fatalf("pool singles answers %v, want desired %d (pending %d + running %d + idle %d)", singles,
			pending+running+idle, pending, running, idle)
	}
	cases := []struct {
		name, pool, loc, strategy string
		made                      int
		why                       string
	}{
		{"default strategy on desired", "singles", "desired", "default", pending + idle,
			"desired - the Jobs running: one per pending job, and the idle capacity"},
		{"default strategy on total", "docker", "total", "default", pending,
			"total - the Jobs running: one per pending job"},
		{"accurate strategy on pending", "singles", "pending", "accurate", pending,
			"pending - the Jobs not started yet (none)"},
		{"accurate strategy on desired", "singles", "desired", "accurate", pending + running + idle,
			"desired - the Jobs not started yet (none): the running jobs count again"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sj := exampleScaledJob(t, fmt.Sprintf("strategy-%d", i), c.pool, c.loc, c.strategy)
			metric, made := jobsMade(t, sj, running)
			if made != c.made {
				t.Errorf("KEDA read %s = %v with %d Jobs running and made %d Jobs, want %d: %s", c.loc, metric,
					running, made, c.made, c.why)
			}
			t.Logf("%s: KEDA read %v, %d Jobs running: %d made (%s)", c.name, metric, running, made, c.why)
		})
	}
}
