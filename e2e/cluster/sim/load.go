package main

import (
	"context"
	"math/rand"
	"time"
)

// The CI load: waves of jobs in the group's projects. Most are the pool's (tags docker, or docker and linux, which
// its runners carry); one in five is not (windows, or untagged while the pool's runners run no untagged jobs), and no
// runner of ours may take it: a count that included them would start runners for nothing.

type wave struct {
	at       time.Duration // from the scenario's start
	jobs     int
	spread   time.Duration // the jobs arrive evenly over this
	min, max time.Duration // a job runs this long
}

// ciDay is a working day compressed into about 8 minutes: a morning burst of pipelines, a steady trickle, a quiet
// hour, an afternoon burst and an evening trickle.
func ciDay() []wave {
	return []wave{
		{at: 0, jobs: 18, spread: 30 * time.Second, min: 40 * time.Second, max: 120 * time.Second},
		{at: 45 * time.Second, jobs: 9, spread: 150 * time.Second, min: 30 * time.Second, max: 90 * time.Second},
		// quiet: 3:15 to 5:00
		{at: 5 * time.Minute, jobs: 24, spread: 60 * time.Second, min: 30 * time.Second, max: 90 * time.Second},
		{at: 6*time.Minute + 30*time.Second, jobs: 5, spread: 90 * time.Second, min: 20 * time.Second,
			max: 60 * time.Second},
	}
}

// burst is the miniature: one short burst from zero, then back to zero.
func burst() []wave {
	return []wave{{at: 0, jobs: 6, spread: 5 * time.Second, min: 20 * time.Second, max: 40 * time.Second}}
}

func loadLength(waves []wave) time.Duration {
	var end time.Duration
	for _, w := range waves {
		end = max(end, w.at+w.spread)
	}
	return end
}

// drive queues the waves' jobs at their times; it returns when the last is queued.
func drive(ctx context.Context, g *gitlab, waves []wave, seed int64, start time.Time) {
	rng := rand.New(rand.NewSource(seed))
	type arrival struct {
		at  time.Duration
		dur time.Duration
	}
	var all []arrival
	for _, w := range waves {
		for i := 0; i < w.jobs; i++ {
			at := w.at
			if w.jobs > 1 {
				at += w.spread * time.Duration(i) / time.Duration(w.jobs-1)
			}
			all = append(all, arrival{at, w.min + time.Duration(rng.Int63n(int64(w.max-w.min)+1))})
		}
	}
	for i, a := range all {
		if !sleep(ctx, time.Until(start.Add(a.at))) {
			return
		}
		p := g.projects[i%len(g.projects)]
		if i%5 == 4 { // not the pool's
			tags := []string{"windows"}
			if i%10 == 9 {
				tags = []string{}
			}
			g.addJob(p, tags, a.dur, false)
			continue
		}
		tags := []string{"docker"}
		if i%2 == 0 {
			tags = []string{"docker", "linux"}
		}
		g.addJob(p, tags, a.dur, true)
	}
}
