package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
)

// The runner simulator: every pod of the namespace whose container runs gitlab-runner becomes a runner once kwok
// reports it Running. It waits the runner's start-up time, then asks the stand-in for a job every check interval
// (gitlab-runner's check_interval, 3 s), as POST /api/v4/jobs/request. `run-single` takes at most --max-builds jobs
// and exits (the pod Succeeds) after its last job, or after --wait-timeout seconds without one; `run` (a Deployment's
// runner) runs `concurrent` jobs at once (its config.toml), one after another, until the pod is deleted, then ends
// its current jobs within the pod's terminationGracePeriodSeconds or loses them; once they ended the pod is removed,
// as the kubelet does when its container exits (kwok alone would remove it at a random time within the grace period).

type podRecord struct {
	name     string
	created  time.Time
	running  time.Time
	ended    time.Time
	jobs     []int64
	deleted  bool
	killed   int // jobs lost when the pod was deleted mid-job
	deployed bool
}

type runnerSim struct {
	client        kubernetes.Interface
	namespace     string
	gitlabURL     string
	token         string
	startup       time.Duration
	checkInterval time.Duration
	http          *http.Client

	mu   sync.Mutex
	pods map[string]*podRecord // by pod UID
	stop map[string]context.CancelFunc
}

func newRunnerSim(client kubernetes.Interface, ns, gitlabURL, token string, startup time.Duration) *runnerSim {
	return &runnerSim{client: client, namespace: ns, gitlabURL: gitlabURL, token: token, startup: startup,
		checkInterval: 3 * time.Second, http: &http.Client{Timeout: 10 * time.Second},
		pods: map[string]*podRecord{}, stop: map[string]context.CancelFunc{}}
}

func (s *runnerSim) run(ctx context.Context) {
	factory := informers.NewSharedInformerFactoryWithOptions(s.client, 0, informers.WithNamespace(s.namespace))
	pods := factory.Core().V1().Pods().Informer()
	_, _ = pods.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(o any) { s.seen(ctx, o.(*corev1.Pod)) },
		UpdateFunc: func(_, o any) { s.seen(ctx, o.(*corev1.Pod)) },
		DeleteFunc: func(o any) {
			if p, ok := o.(*corev1.Pod); ok {
				s.gone(p)
			} else if d, ok := o.(cache.DeletedFinalStateUnknown); ok {
				if p, ok := d.Obj.(*corev1.Pod); ok {
					s.gone(p)
				}
			}
		},
	})
	factory.Start(ctx.Done())
}

func runnerArgs(p *corev1.Pod) (single bool, maxBuilds int, waitTimeout time.Duration, ok bool) {
	if len(p.Spec.Containers) == 0 {
		return
	}
	c := p.Spec.Containers[0]
	words := append(append([]string{}, c.Command...), c.Args...)
	if len(words) == 0 || !strings.HasSuffix(words[0], "gitlab-runner") {
		return
	}
	ok, maxBuilds, waitTimeout = true, 0, 0
	for i, w := range words {
		switch w {
		case "run-single":
			single = true
		case "--max-builds":
			if i+1 < len(words) {
				maxBuilds, _ = strconv.Atoi(words[i+1])
			}
		case "--wait-timeout":
			if i+1 < len(words) {
				n, _ := strconv.Atoi(words[i+1])
				waitTimeout = time.Duration(n) * time.Second
			}
		}
	}
	return
}

func (s *runnerSim) seen(ctx context.Context, p *corev1.Pod) {
	single, maxBuilds, wait, ok := runnerArgs(p)
	if !ok {
		return
	}
	uid := string(p.UID)
	s.mu.Lock()
	rec := s.pods[uid]
	if rec == nil {
		rec = &podRecord{name: p.Name, created: p.CreationTimestamp.Time, deployed: !single}
		s.pods[uid] = rec
	}
	if p.DeletionTimestamp != nil && !rec.deleted {
		rec.deleted = true
		if cancel := s.stop[uid]; cancel != nil {
			cancel()
		}
	}
	start := p.Status.Phase == corev1.PodRunning && p.DeletionTimestamp == nil && rec.running.IsZero()
	if start {
		rec.running = time.Now()
	}
	s.mu.Unlock()
	if start {
		grace := 30 * time.Second
		if p.Spec.TerminationGracePeriodSeconds != nil {
			grace = time.Duration(*p.Spec.TerminationGracePeriodSeconds) * time.Second
		}
		podCtx, cancel := context.WithCancel(ctx)
		s.mu.Lock()
		s.stop[uid] = cancel
		s.mu.Unlock()
		workers := 1
		if !single {
			workers = s.concurrent(ctx, p)
		}
		var all sync.WaitGroup
		for i := 0; i < workers; i++ {
			all.Add(1)
			go func() {
				defer all.Done()
				s.runner(ctx, podCtx, p.DeepCopy(), rec, single, maxBuilds, wait, grace)
			}()
		}
		go func() {
			all.Wait()
			s.mu.Lock()
			deleted := rec.deleted
			s.mu.Unlock()
			if deleted { // its jobs ended: the container exits, and the kubelet removes the pod at once
				zero := int64(0)
				_ = s.client.CoreV1().Pods(p.Namespace).Delete(ctx, p.Name,
					metav1.DeleteOptions{GracePeriodSeconds: &zero})
			}
		}()
	}
}

var concurrentLine = regexp.MustCompile(`(?m)^\s*concurrent\s*=\s*(\d+)`)

// concurrent is `concurrent` of the config.toml the pod mounts from a ConfigMap (gitlab-runner's
// /etc/gitlab-runner/config.toml): how many jobs `gitlab-runner run` runs at once; 1 without one.
func (s *runnerSim) concurrent(ctx context.Context, p *corev1.Pod) int {
	for _, v := range p.Spec.Volumes {
		if v.ConfigMap == nil {
			continue
		}
		cm, err := s.client.CoreV1().ConfigMaps(p.Namespace).Get(ctx, v.ConfigMap.Name, metav1.GetOptions{})
		if err != nil {
			continue
		}
		if m := concurrentLine.FindStringSubmatch(cm.Data["config.toml"]); m != nil {
			if n, _ := strconv.Atoi(m[1]); n > 0 {
				return n
			}
		}
	}
	return 1
}

func (s *runnerSim) gone(p *corev1.Pod) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if rec := s.pods[string(p.UID)]; rec != nil {
		rec.deleted = true
		if rec.ended.IsZero() {
			rec.ended = time.Now()
		}
	}
	if cancel := s.stop[string(p.UID)]; cancel != nil {
		cancel()
	}
}

// runner is one gitlab-runner process in one pod.
func (s *runnerSim) runner(ctx, pod context.Context, p *corev1.Pod, rec *podRecord, single bool, maxBuilds int,
	wait, grace time.Duration) {
	if !sleep(pod, s.startup) {
		return
	}
	lastJob := time.Now()
	for builds := 0; !single || maxBuilds == 0 || builds < maxBuilds; {
		id, d, token := s.ask(pod, p.Name)
		if id == 0 {
			if single && wait > 0 && time.Since(lastJob) >= wait {
				break
			}
			if !sleep(pod, s.checkInterval) {
				return
			}
			continue
		}
		builds++
		s.mu.Lock()
		rec.jobs = append(rec.jobs, id)
		s.mu.Unlock()
		if !s.work(ctx, pod, d, grace) {
			s.mu.Lock()
			rec.killed++
			s.mu.Unlock()
			s.finish(id, token, "failed")
			return
		}
		s.finish(id, token, "success")
		lastJob = time.Now()
		if pod.Err() != nil { // deleted while the job ran: the job ended within the grace period
			return
		}
	}
	s.complete(ctx, p, rec)
}

// work runs a job for d; a pod deleted meanwhile keeps running it for its grace period, then loses it.
func (s *runnerSim) work(ctx, pod context.Context, d, grace time.Duration) bool {
	done := time.NewTimer(d)
	defer done.Stop()
	select {
	case <-done.C:
		return true
	case <-ctx.Done():
		return false
	case <-pod.Done():
		left := time.NewTimer(grace)
		defer left.Stop()
		select {
		case <-done.C:
			return true
		case <-left.C:
			return false
		case <-ctx.Done():
			return false
		}
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *runnerSim) ask(ctx context.Context, pod string) (int64, time.Duration, string) {
	body, _ := json.Marshal(map[string]any{"token": s.token, "pod": pod,
		"info": map[string]any{"name": "gitlab-runner", "version": "18.6.0", "executor": "kubernetes"}})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.gitlabURL+"/api/v4/jobs/request",
		bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.http.Do(req)
	if err != nil {
		return 0, 0, ""
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		_, _ = io.Copy(io.Discard, resp.Body)
		return 0, 0, ""
	}
	var j struct {
		ID        int64  `json:"id"`
		Token     string `json:"token"`
		Variables []struct {
			Key, Value string
		} `json:"variables"`
	}
	if json.NewDecoder(resp.Body).Decode(&j) != nil {
		return 0, 0, ""
	}
	var d time.Duration
	for _, v := range j.Variables {
		if v.Key == "SIM_DURATION_MS" {
			ms, _ := strconv.ParseInt(v.Value, 10, 64)
			d = time.Duration(ms) * time.Millisecond
		}
	}
	return j.ID, d, j.Token
}

func (s *runnerSim) finish(id int64, token, state string) {
	body, _ := json.Marshal(map[string]string{"token": token, "state": state})
	req, _ := http.NewRequest(http.MethodPut, fmt.Sprintf("%s/api/v4/jobs/%d", s.gitlabURL, id),
		bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if resp, err := s.http.Do(req); err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// complete ends the pod as its container would: exit code 0, phase Succeeded (the Job controller then completes
// its Job, which KEDA stops counting).
func (s *runnerSim) complete(ctx context.Context, p *corev1.Pod, rec *podRecord) {
	now := metav1.Now()
	for attempt := 0; attempt < 5; attempt++ {
		cur, err := s.client.CoreV1().Pods(p.Namespace).Get(ctx, p.Name, metav1.GetOptions{})
		if err != nil {
			break
		}
		cur.Status.Phase = corev1.PodSucceeded
		for i := range cur.Status.Conditions {
			if cur.Status.Conditions[i].Type == corev1.PodReady || cur.Status.Conditions[i].Type ==
				corev1.ContainersReady {
				cur.Status.Conditions[i].Status = corev1.ConditionFalse
				cur.Status.Conditions[i].Reason = "PodCompleted"
			}
		}
		for i := range cur.Status.ContainerStatuses {
			started := now
			if r := cur.Status.ContainerStatuses[i].State.Running; r != nil {
				started = r.StartedAt
			}
			cur.Status.ContainerStatuses[i].Ready = false
			cur.Status.ContainerStatuses[i].State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
				ExitCode: 0, Reason: "Completed", StartedAt: started, FinishedAt: now}}
		}
		if _, err = s.client.CoreV1().Pods(p.Namespace).UpdateStatus(ctx, cur, metav1.UpdateOptions{}); err == nil {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.mu.Lock()
	rec.ended = time.Now()
	s.mu.Unlock()
}

func (s *runnerSim) records() []podRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]podRecord, 0, len(s.pods))
	for _, r := range s.pods {
		c := *r
		c.jobs = append([]int64{}, r.jobs...)
		out = append(out, c)
	}
	return out
}
