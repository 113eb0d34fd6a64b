package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// One scenario: its own namespace (the chart rendered into it), GitLab stand-in, adapter and runners, so that
// scenarios can run side by side in one cluster.

type scenario struct {
	name     string // the namespace too
	label    string
	object   bool   // a ScaledObject over a runner Deployment, else a ScaledJob
	accurate bool   // ScaledJob: the accurate strategy on pending, else the default one on total
	desired  bool   // ScaledObject: the chart's default, desired of the pool (capacity-per-runner 4), targetValue 1
	floor    bool   // ScaledJob: desired of the pool as runners of one job each, 2 kept idle while the load lasts
	events   bool   // GitLab's job events to the adapter, besides its polls
	faults   bool   // the adapter restarted mid-burst, then GitLab refusing its reads until it answers 503
	waves    []wave // the load
}

func scenarios(quick bool) []scenario {
	if quick {
		return []scenario{{name: "quick", label: "ScaledJob on `total`, events: one burst from zero and back",
			events: true, waves: burst()}}
	}
	var out []scenario
	for _, events := range []bool{false, true} {
		mode, suffix := "polling only", "polling"
		if events {
			mode, suffix = "events first", "events"
		}
		out = append(out,
			scenario{name: "job-total-" + suffix, label: "ScaledJob, default strategy on `total`, " + mode,
				events: events, waves: ciDay()},
			scenario{name: "job-accurate-" + suffix, label: "ScaledJob, accurate strategy on `pending`, " + mode,
				accurate: true, events: events, waves: ciDay()},
			scenario{name: "object-" + suffix, label: "ScaledObject on `pending` over a runner Deployment, " + mode,
				object: true, events: events, waves: ciDay()},
			scenario{name: "faults-" + suffix, label: "ScaledJob on `total`, adapter restarted mid-burst, then " +
				"GitLab refusing its reads (503), " + mode, faults: true, events: events, waves: faultWaves()})
	}
	// the pool's capacity in GitLab's terms, with job events only (the mode the queue-length rows favour)
	return append(out,
		scenario{name: "object-desired-events", label: "ScaledObject on `desired` (capacity-per-runner 4) over a " +
			"runner Deployment, events first", object: true, desired: true, events: true, waves: ciDay()},
		scenario{name: "job-floor-events", label: "ScaledJob, default strategy on `desired` (capacity-per-runner 1, " +
			"idle-count 2 while the load lasts), events first", floor: true, events: true, waves: ciDay()})
}

// floorPolicy: a policy in force, in UTC, from the minute of now for the load and a minute more, that keeps idle
// runners of one job each waiting (idle-time 0: a ScaledJob's runner that finds no job exits by itself, so holding
// capacity longer would only start runners for nothing); the pool then has no policy, and goes back to zero.
func floorPolicy(now time.Time, load time.Duration, idle int) string {
	var periods []string
	for m := now.UTC().Truncate(time.Minute); !m.After(now.Add(load + time.Minute)); m = m.Add(time.Minute) {
		periods = append(periods, fmt.Sprintf("%q", fmt.Sprintf("%d %d * * *", m.Minute(), m.Hour())))
	}
	return fmt.Sprintf(`{"10-load":{"periods":[%s],"idleCount":%d,"idleTime":"0s"}}`, strings.Join(periods, ","), idle)
}

// faultWaves: a burst; the adapter restarts 25 s in; GitLab refuses its reads from 100 s to 300 s, so that it
// answers 503 from about 220 s (max-staleness 2m); a second burst arrives at 230 s, during the 503s.
func faultWaves() []wave {
	return []wave{
		{at: 0, jobs: 16, spread: 20 * time.Second, min: 60 * time.Second, max: 120 * time.Second},
		{at: 230 * time.Second, jobs: 10, spread: 10 * time.Second, min: 30 * time.Second, max: 60 * time.Second},
	}
}

type env struct {
	kube       kubernetes.Interface
	kubeconfig string
	kubectl    string
	helm       string
	chart      string
	values     string
	runnerYAML string
	jar        string
	dir        string
	routes     *routes
	startup    time.Duration
}

const (
	gitlabToken   = "glpat-fake-cluster-e2e-stand-in" // the stand-in's, not a real token
	runnerToken   = "glrt-cluster-e2e-docker"
	webhookSecret = "cluster-e2e-webhook-secret"
)

func (e *env) kubectlRun(ctx context.Context, args ...string) error {
	cmd := exec.CommandContext(ctx, e.kubectl, append([]string{"--kubeconfig", e.kubeconfig}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("kubectl %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

func (e *env) render(s scenario, gitlabURL, file string) error {
	args := []string{"template", "gitlab-queue-adapter", e.chart, "--namespace", s.name, "-f", e.values,
		"--set", "gitlab.url=" + gitlabURL, "--set", "secret.gitlabToken=" + gitlabToken}
	if s.events {
		args = append(args, "--set", "secret.webhookSecret="+webhookSecret)
	}
	if s.object {
		// KEDA's default cooldownPeriod is 300 s; 60 s keeps the run short
		args = append(args, "--set", "keda.scaledJobs=null", "--set", "keda.scaledObjects[0].cooldownPeriod=60")
		if !s.desired {
			// the queue length the runners' concurrent divides, not the chart's default (desired)
			args = append(args, "--set", "keda.scaledObjects[0].valueLocation=pending",
				"--set", "keda.scaledObjects[0].targetValue=4")
		}
	} else {
		args = append(args, "--set", "keda.scaledObjects=null")
		if s.accurate {
			args = append(args, "--set", "keda.scaledJobs[0].valueLocation=pending",
				"--set", "keda.scaledJobs[0].spec.scalingStrategy.strategy=accurate")
		}
		if s.floor {
			// runners of one job each: the chart's default for the ScaledJob is then desired
			args = append(args, "--set", "adapter.pools.docker.capacityPerRunner=1",
				"--set", "adapter.pools.docker.maxRunners=30",
				"--set-json", "adapter.pools.docker.policies="+floorPolicy(time.Now(), loadLength(s.waves), 2))
		}
	}
	out, err := exec.Command(e.helm, args...).Output()
	if err != nil {
		if x, ok := err.(*exec.ExitError); ok {
			return fmt.Errorf("helm template: %s", x.Stderr)
		}
		return err
	}
	return os.WriteFile(file, out, 0o600)
}

func (e *env) run(ctx context.Context, s scenario, log func(string, ...any)) (figures, error) {
	dir := filepath.Join(e.dir, s.name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return figures{}, err
	}
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: s.name}}
	if _, err := e.kube.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{}); err != nil {
		return figures{}, fmt.Errorf("namespace %s: %w", s.name, err)
	}
	defer e.kube.CoreV1().Namespaces().Delete(context.Background(), s.name, metav1.DeleteOptions{})
	token := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "gitlab-runner-token"},
		StringData: map[string]string{"token": runnerToken}}
	if _, err := e.kube.CoreV1().Secrets(s.name).Create(ctx, token, metav1.CreateOptions{}); err != nil {
		return figures{}, err
	}

	g := newGitLab(gitlabToken)
	g.runners[runnerToken] = &runner{id: 17, tags: []string{"docker", "linux"}}
	if err := g.start(); err != nil {
		return figures{}, err
	}
	defer g.server.Close()
	renderFile := filepath.Join(dir, "render.yaml")
	if err := e.render(s, g.url, renderFile); err != nil {
		return figures{}, err
	}
	objs, err := readRender(renderFile)
	if err != nil {
		return figures{}, err
	}
	adapterEnvironment, err := adapterEnv(objs, "gitlab-queue-adapter", dir)
	if err != nil {
		return figures{}, err
	}
	a := &adapterProc{jar: e.jar, env: adapterEnvironment, port: freePort(), logPath: filepath.Join(dir, "adapter.log")}
	if err := a.start(ctx); err != nil {
		return figures{}, err
	}
	defer a.stop()
	e.routes.set("gitlab-queue-adapter."+s.name+".svc.cluster.local", a.port)
	if s.events {
		g.hooks = newHookSender(fmt.Sprintf("http://127.0.0.1:%d/webhooks/gitlab", a.port), webhookSecret,
			time.Second)
	}
	sim := newRunnerSim(e.kube, s.name, g.url, runnerToken, e.startup)
	simCtx, stopSim := context.WithCancel(ctx)
	defer stopSim()
	sim.run(simCtx)

	yamlObjects, keda := clusterObjects(objs)
	kedaFile := filepath.Join(dir, "keda.yaml")
	if err := os.WriteFile(kedaFile, yamlObjects, 0o600); err != nil {
		return figures{}, err
	}
	if s.object {
		if err := e.kubectlRun(ctx, "apply", "-n", s.name, "-f", e.runnerYAML); err != nil {
			return figures{}, err
		}
	}
	if err := e.kubectlRun(ctx, "apply", "-n", s.name, "-f", kedaFile); err != nil {
		return figures{}, err
	}
	for _, o := range keda {
		if k := str(o, "kind"); k == "ScaledJob" || k == "ScaledObject" {
			if err := e.kubectlRun(ctx, "wait", "-n", s.name, "--for=condition=Ready", "--timeout=120s",
				strings.ToLower(k)+"/"+str(o, "metadata", "name")); err != nil {
				return figures{}, err
			}
		}
	}
	log("%s: KEDA's object is ready; the load starts (adapter log %s)", s.name, a.logPath)

	start := time.Now()
	if s.faults {
		go faults(ctx, s.name, a, g, start, log)
	}
	drive(ctx, g, s.waves, int64(len(s.name)), start)
	lastEnd, err := drain(ctx, g, 15*time.Minute)
	if err != nil {
		log("%s: %v", s.name, err)
	}
	g.cancelWaiting()
	zero := e.waitForZero(ctx, s.name, 6*time.Minute)
	left := e.runnersLeft(ctx, s.name)
	zeroAfter := time.Duration(-1)
	if !zero.IsZero() {
		zeroAfter = max(0, zero.Sub(lastEnd))
	}
	f := measure(s.name, g, sim.records(), left, zeroAfter)
	// KEDA's objects go first, so that nothing scales while the rest is removed
	for _, o := range keda {
		_ = e.kubectlRun(context.Background(), "delete", "-n", s.name, "--wait=false",
			strings.ToLower(str(o, "kind"))+"/"+str(o, "metadata", "name"))
	}
	return f, nil
}

func faults(ctx context.Context, name string, a *adapterProc, g *gitlab, start time.Time, log func(string, ...any)) {
	if !sleep(ctx, time.Until(start.Add(25*time.Second))) {
		return
	}
	log("%s: the adapter restarts", name)
	a.stop()
	if err := a.start(ctx); err != nil {
		log("%s: the adapter did not come back: %v", name, err)
	}
	if !sleep(ctx, time.Until(start.Add(100*time.Second))) {
		return
	}
	log("%s: GitLab refuses the adapter's reads (503) for 200 s", name)
	g.setRefuse(true)
	if !sleep(ctx, time.Until(start.Add(300*time.Second))) {
		return
	}
	g.setRefuse(false)
	log("%s: GitLab answers the adapter again", name)
}

// drain waits until every job of the pool has run, and returns when the last ended.
func drain(ctx context.Context, g *gitlab, limit time.Duration) (time.Time, error) {
	deadline := time.Now().Add(limit)
	for {
		g.mu.Lock()
		open, last := 0, time.Time{}
		for _, j := range g.jobs {
			if !j.ours {
				continue
			}
			if j.finished.IsZero() {
				open++
			} else if j.finished.After(last) {
				last = j.finished
			}
		}
		g.mu.Unlock()
		if open == 0 {
			return last, nil
		}
		if time.Now().After(deadline) || !sleep(ctx, time.Second) {
			return time.Now(), fmt.Errorf("%d jobs of the pool still open after %s", open, limit)
		}
	}
}

// waitForZero waits until no runner pod is Pending or Running; the zero time, or zero if not within limit.
func (e *env) waitForZero(ctx context.Context, ns string, limit time.Duration) time.Time {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if e.runnersLeft(ctx, ns) == 0 {
			return time.Now()
		}
		if !sleep(ctx, time.Second) {
			break
		}
	}
	return time.Time{}
}

func (e *env) runnersLeft(ctx context.Context, ns string) int {
	pods, err := e.kube.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{})
	if err != nil {
		return -1
	}
	n := 0
	for _, p := range pods.Items {
		if _, _, _, ok := runnerArgs(&p); ok && p.DeletionTimestamp == nil &&
			p.Status.Phase != corev1.PodSucceeded && p.Status.Phase != corev1.PodFailed {
			n++
		}
	}
	return n
}
