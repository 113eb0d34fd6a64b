package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// The figures of one scenario, from the stand-in's jobs (queued, taken, by which pod) and the simulator's pods
// (created by KEDA's Job or the Deployment, Running, ended).
type figures struct {
	Scenario      string  `json:"scenario"`
	Jobs          int     `json:"jobs"`    // the pool's jobs queued
	JobsRun       int     `json:"jobsRun"` // of those, taken by a runner
	WaitP50       float64 `json:"waitP50"` // seconds from queued to taken
	WaitP95       float64 `json:"waitP95"`
	WaitMax       float64 `json:"waitMax"`
	Pods          int     `json:"pods"` // runner pods started
	PodsPerJob    float64 `json:"podsPerJob"`
	EmptyPods     int     `json:"emptyPods"` // pods that took no job
	KilledJobs    int     `json:"killedJobs"`
	CreateP50     float64 `json:"createP50"` // seconds from a job queued to the creation of the pod that took it
	CreateP95     float64 `json:"createP95"`
	RunnersLeft   int     `json:"runnersLeft"` // runner pods still there at the end
	ZeroAfter     float64 `json:"zeroAfter"`   // seconds from the last job's end to no runner pod, -1: not reached
	ForeignQueued int     `json:"foreignQueued"`
	ForeignTaken  int     `json:"foreignTaken"` // must stay 0: no runner of the pool may take them
}

func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := append([]float64{}, v...)
	sort.Float64s(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

func measure(name string, g *gitlab, pods []podRecord, left int, zeroAfter time.Duration) figures {
	f := figures{Scenario: name, RunnersLeft: left, ZeroAfter: zeroAfter.Seconds()}
	if zeroAfter < 0 {
		f.ZeroAfter = -1
	}
	created := map[string]time.Time{}
	for _, p := range pods {
		created[p.name] = p.created
		f.Pods++
		if len(p.jobs) == 0 {
			f.EmptyPods++
		}
		f.KilledJobs += p.killed
	}
	g.mu.Lock()
	var waits, creates []float64
	for _, j := range g.jobs {
		if !j.ours {
			f.ForeignQueued++
			if !j.taken.IsZero() {
				f.ForeignTaken++
			}
			continue
		}
		f.Jobs++
		if j.taken.IsZero() {
			continue
		}
		f.JobsRun++
		waits = append(waits, j.taken.Sub(j.queued).Seconds())
		if c, ok := created[j.pod]; ok {
			creates = append(creates, math.Max(0, c.Sub(j.queued).Seconds()))
		}
	}
	g.mu.Unlock()
	f.WaitP50, f.WaitP95, f.WaitMax = percentile(waits, 50), percentile(waits, 95), percentile(waits, 100)
	f.CreateP50, f.CreateP95 = percentile(creates, 50), percentile(creates, 95)
	if f.JobsRun > 0 {
		f.PodsPerJob = float64(f.Pods) / float64(f.JobsRun)
	}
	return f
}

const tableHead = "| scenario | jobs run | wait p50 / p95 (s) | runner pods per job | pods with no job | " +
	"queued → its runner created p50 / p95 (s) | runners left | back to zero after (s) |\n" +
	"|---|---|---|---|---|---|---|---|\n"

func (f figures) row(label string) string {
	zero := "not within the wait"
	if f.ZeroAfter >= 0 {
		zero = fmt.Sprintf("%.0f", f.ZeroAfter)
	}
	return fmt.Sprintf("| %s | %d of %d | %.0f / %.0f | %.2f | %d | %.0f / %.0f | %d | %s |\n", label, f.JobsRun,
		f.Jobs, f.WaitP50, f.WaitP95, f.PodsPerJob, f.EmptyPods, f.CreateP50, f.CreateP95, f.RunnersLeft, zero)
}

func (f figures) problems() []string {
	var out []string
	if f.ForeignTaken > 0 {
		out = append(out, fmt.Sprintf("%d jobs the pool's runners may not take were taken", f.ForeignTaken))
	}
	if f.JobsRun < f.Jobs {
		out = append(out, fmt.Sprintf("%d of the pool's %d jobs never ran", f.Jobs-f.JobsRun, f.Jobs))
	}
	if f.RunnersLeft > 0 {
		out = append(out, fmt.Sprintf("%d runner pods left at the end", f.RunnersLeft))
	}
	return out
}

func joinProblems(p []string) string { return strings.Join(p, "; ") }
