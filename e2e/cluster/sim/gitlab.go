package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A GitLab stand-in on loopback that answers both sides as GitLab does:
//   - the adapter's reads (PRIVATE-TOKEN): GET /api/v4/projects/:id, /projects/:id/jobs (newest first, X-Page
//     headers), /groups/:id/projects;
//   - the runners (a runner authentication token in the body): POST /api/v4/jobs/request hands the oldest pending
//     job the runner may take (its tags a subset of the runner's, untagged only if it runs untagged) or answers 204,
//     as GitLab's register_job does; PUT /api/v4/jobs/:id with state=success finishes it;
//   - job events: each change of a job's status is POSTed as a Job Hook to the adapter (events mode), a little later,
//     as GitLab's Sidekiq delivers them, without the job's tags (GitLab's job events carry none).

type project struct {
	id    int64
	path  string
	group string
}

type job struct {
	id       int64
	project  *project
	tags     []string
	status   string // pending, running, success, canceled
	queued   time.Time
	taken    time.Time
	finished time.Time
	duration time.Duration
	runner   int64
	pod      string
	ours     bool // a runner of the pool may take it
}

type runner struct {
	id          int64
	tags        []string
	runUntagged bool
}

type gitlab struct {
	mu        sync.Mutex
	projects  []*project
	jobs      map[int64]*job
	nextID    int64
	token     string             // the adapter's PRIVATE-TOKEN
	runners   map[string]*runner // by authentication token
	refuse    bool               // the adapter's reads answer 503 (a GitLab that cannot serve the API)
	hooks     *hookSender
	url       string
	server    *http.Server
	requests  int // job requests by runners
	listReads int // job lists read by the adapter
}

func newGitLab(token string) *gitlab {
	g := &gitlab{jobs: map[int64]*job{}, nextID: 5000, token: token, runners: map[string]*runner{}}
	g.projects = []*project{{id: 101, path: "platform/api", group: "platform"},
		{id: 102, path: "platform/web", group: "platform"}, {id: 103, path: "platform/docs", group: "platform"}}
	return g
}

func (g *gitlab) start() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	g.url = "http://" + l.Addr().String()
	g.server = &http.Server{Handler: http.HandlerFunc(g.serve), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = g.server.Serve(l) }()
	return nil
}

// addJob queues a job now, in a project chosen by the caller; it is pending at once (a pipeline's first stage).
func (g *gitlab) addJob(p *project, tags []string, d time.Duration, ours bool) *job {
	g.mu.Lock()
	g.nextID++
	j := &job{id: g.nextID, project: p, tags: tags, status: "pending", queued: time.Now(), duration: d, ours: ours}
	g.jobs[j.id] = j
	g.mu.Unlock()
	g.hooks.send(j, "pending")
	return j
}

// cancelWaiting cancels the jobs still pending (those no runner of ours may take, at a scenario's end).
func (g *gitlab) cancelWaiting() {
	g.mu.Lock()
	var canceled []*job
	for _, j := range g.jobs {
		if j.status == "pending" {
			j.status, j.finished = "canceled", time.Now()
			canceled = append(canceled, j)
		}
	}
	g.mu.Unlock()
	for _, j := range canceled {
		g.hooks.send(j, "canceled")
	}
}

func (g *gitlab) setRefuse(on bool) { g.mu.Lock(); g.refuse = on; g.mu.Unlock() }

func (g *gitlab) serve(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.EscapedPath(), "/api/v4/")
	switch {
	case r.Method == http.MethodPost && path == "jobs/request":
		g.request(w, r)
		return
	case r.Method == http.MethodPut && strings.HasPrefix(path, "jobs/"):
		g.update(w, r, strings.TrimPrefix(path, "jobs/"))
		return
	}
	if r.Header.Get("PRIVATE-TOKEN") != g.token {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "401 Unauthorized"}, nil)
		return
	}
	g.mu.Lock()
	refuse := g.refuse
	g.mu.Unlock()
	if refuse {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, "<html><body><h1>503 Service Unavailable</h1></body></html>")
		return
	}
	parts := strings.Split(path, "/")
	name := strings.ReplaceAll(strings.ReplaceAll(safePart(parts, 1), "%2F", "/"), "%2f", "/")
	switch {
	case len(parts) == 2 && parts[0] == "projects":
		if p := g.project(name); p != nil {
			writeJSON(w, http.StatusOK, map[string]any{"id": p.id, "path_with_namespace": p.path,
				"shared_runners_enabled": true, "group_runners_enabled": true}, nil)
			return
		}
	case len(parts) == 3 && parts[0] == "projects" && parts[2] == "jobs":
		if p := g.project(name); p != nil {
			g.list(w, r, p)
			return
		}
	case len(parts) == 3 && parts[0] == "groups" && parts[2] == "projects":
		if name == "platform" || name == "7" {
			out := []map[string]any{}
			for _, p := range g.projects {
				out = append(out, map[string]any{"id": p.id, "path_with_namespace": p.path,
					"name": p.path[strings.LastIndex(p.path, "/")+1:]})
			}
			writeJSON(w, http.StatusOK, out, pageHeaders(1, 100, false))
			return
		}
	}
	writeJSON(w, http.StatusNotFound, map[string]string{"message": "404 Not Found"}, nil)
}

func safePart(parts []string, i int) string {
	if i < len(parts) {
		return parts[i]
	}
	return ""
}

func (g *gitlab) project(name string) *project {
	for _, p := range g.projects {
		if p.path == name || strconv.FormatInt(p.id, 10) == name {
			return p
		}
	}
	return nil
}

// list answers GET /projects/:id/jobs: the jobs of the scopes asked, newest first, a page of per_page (offset
// pagination with X-Next-Page; keyset pagination's first page is the same list).
func (g *gitlab) list(w http.ResponseWriter, r *http.Request, p *project) {
	q := r.URL.Query()
	scopes := q["scope[]"]
	perPage, _ := strconv.Atoi(q.Get("per_page"))
	if perPage < 1 || perPage > 100 {
		perPage = 20
	}
	page, _ := strconv.Atoi(q.Get("page"))
	if page < 1 {
		page = 1
	}
	g.mu.Lock()
	g.listReads++
	var all []*job
	for _, j := range g.jobs {
		if j.project == p && (len(scopes) == 0 || contains(scopes, j.status)) {
			all = append(all, j)
		}
	}
	sort.Slice(all, func(a, b int) bool { return all[a].id > all[b].id })
	from := min(len(all), (page-1)*perPage)
	to := min(len(all), from+perPage)
	out := make([]map[string]any, 0, to-from)
	now := time.Now()
	for _, j := range all[from:to] {
		out = append(out, j.json(now))
	}
	g.mu.Unlock()
	writeJSON(w, http.StatusOK, out, pageHeaders(page, perPage, to < len(all)))
}

func (j *job) json(now time.Time) map[string]any {
	queued := now.Sub(j.queued).Seconds()
	if !j.taken.IsZero() {
		queued = j.taken.Sub(j.queued).Seconds()
	}
	m := map[string]any{"id": j.id, "status": j.status, "name": "build", "stage": "test", "ref": "main",
		"tag": false, "allow_failure": false, "tag_list": j.tags, "created_at": stamp(j.queued),
		"queued_duration": queued, "runner": nil,
		"pipeline": map[string]any{"id": 9000 + j.id, "project_id": j.project.id, "ref": "main", "status": j.status}}
	if j.runner != 0 {
		m["runner"] = map[string]any{"id": j.runner, "description": "runner-" + j.pod, "active": true,
			"paused": false, "is_shared": false, "runner_type": "group_type", "online": true, "status": "online"}
	}
	return m
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// request is POST /api/v4/jobs/request: GitLab's Ci::RegisterJobService hands the runner the oldest pending job it
// can run (for a group runner, ordered by job id), or answers 204 No Content.
func (g *gitlab) request(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Token string `json:"token"`
		Pod   string `json:"pod"` // the simulator's own field: which pod asked, for the figures
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&body); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "token is missing"}, nil)
		return
	}
	g.mu.Lock()
	g.requests++
	rn := g.runners[body.Token]
	if rn == nil {
		g.mu.Unlock()
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "403 Forbidden"}, nil)
		return
	}
	var pick *job
	for _, j := range g.jobs {
		if j.status == "pending" && rn.canRun(j) && (pick == nil || j.id < pick.id) {
			pick = j
		}
	}
	if pick == nil {
		g.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	pick.status, pick.taken, pick.runner, pick.pod = "running", time.Now(), rn.id, body.Pod
	resp := map[string]any{"id": pick.id, "token": fmt.Sprintf("job-token-%d", pick.id),
		"job_info": map[string]any{"id": pick.id, "name": "build", "stage": "test", "project_id": pick.project.id},
		"variables": []map[string]any{{"key": "SIM_DURATION_MS", "value": strconv.FormatInt(
			pick.duration.Milliseconds(), 10), "public": true}}}
	g.mu.Unlock()
	g.hooks.send(pick, "running")
	writeJSON(w, http.StatusCreated, resp, nil)
}

func (rn *runner) canRun(j *job) bool {
	if len(j.tags) == 0 {
		return rn.runUntagged
	}
	for _, t := range j.tags {
		if !contains(rn.tags, t) {
			return false
		}
	}
	return true
}

// update is PUT /api/v4/jobs/:id {token, state}: the runner reports the job's end.
func (g *gitlab) update(w http.ResponseWriter, r *http.Request, idText string) {
	id, _ := strconv.ParseInt(idText, 10, 64)
	var body struct {
		Token string `json:"token"`
		State string `json:"state"`
	}
	_ = json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&body)
	g.mu.Lock()
	j := g.jobs[id]
	if j == nil || body.Token != fmt.Sprintf("job-token-%d", id) || j.status != "running" {
		g.mu.Unlock()
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "403 Forbidden"}, nil)
		return
	}
	j.status, j.finished = body.State, time.Now()
	g.mu.Unlock()
	g.hooks.send(j, body.State)
	w.WriteHeader(http.StatusOK)
}

func pageHeaders(page, perPage int, more bool) map[string]string {
	next := ""
	if more {
		next = strconv.Itoa(page + 1)
	}
	return map[string]string{"X-Page": strconv.Itoa(page), "X-Per-Page": strconv.Itoa(perPage), "X-Next-Page": next,
		"X-Prev-Page": ""}
}

func writeJSON(w http.ResponseWriter, status int, body any, headers map[string]string) {
	w.Header().Set("Content-Type", "application/json")
	for k, v := range headers {
		w.Header().Set(k, v)
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// hookSender POSTs Job Hooks to the adapter's webhook, in order, each after the delay GitLab's queue adds.
type hookSender struct {
	url, secret  string
	delay        time.Duration
	queue        chan hook
	client       *http.Client
	mu           sync.Mutex
	sent, failed int
}

type hook struct {
	due  time.Time
	body []byte
}

func newHookSender(url, secret string, delay time.Duration) *hookSender {
	h := &hookSender{url: url, secret: secret, delay: delay, queue: make(chan hook, 10000),
		client: &http.Client{Timeout: 10 * time.Second}}
	if url != "" {
		go h.run()
	}
	return h
}

func (h *hookSender) send(j *job, status string) {
	if h == nil || h.url == "" {
		return
	}
	body := map[string]any{"object_kind": "build", "ref": "main", "tag": false, "before_sha": "0000",
		"sha": "2293ada6", "build_id": j.id, "build_name": "build", "build_stage": "test", "build_status": status,
		"build_created_at": stamp(j.queued), "build_started_at": nil, "build_finished_at": nil,
		"build_duration": nil, "build_queued_duration": nil, "build_allow_failure": false,
		"build_failure_reason": "unknown_failure", "retries_count": 0, "pipeline_id": 9000 + j.id,
		"project_id": j.project.id, "project_name": "Platform / " + j.project.path,
		"user":       map[string]any{"id": 3, "name": "User", "email": "user@example.com"},
		"commit":     map[string]any{"id": 9000 + j.id, "sha": "2293ada6", "message": "ci\n", "status": status},
		"repository": map[string]any{"name": j.project.path, "homepage": "http://gitlab.example.com/" + j.project.path},
		"project": map[string]any{"id": j.project.id, "name": j.project.path,
			"path_with_namespace": j.project.path, "default_branch": "main"},
		"runner": nil, "environment": nil}
	if status != "pending" && !j.taken.IsZero() {
		body["build_queued_duration"] = j.taken.Sub(j.queued).Seconds()
		body["build_started_at"] = stamp(j.taken)
	}
	if j.runner != 0 && status != "pending" {
		body["runner"] = map[string]any{"id": j.runner, "description": "runner-" + j.pod, "active": true,
			"runner_type": "group_type", "is_shared": false, "tags": []string{"docker", "linux"}}
	}
	b, _ := json.Marshal(body)
	select {
	case h.queue <- hook{due: time.Now().Add(h.delay), body: b}:
	default: // a full queue drops the event, as a GitLab whose hooks fail would
		h.mu.Lock()
		h.failed++
		h.mu.Unlock()
	}
}

func (h *hookSender) run() {
	for e := range h.queue {
		time.Sleep(time.Until(e.due))
		b := e.body
		req, _ := http.NewRequest(http.MethodPost, h.url, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Gitlab-Event", "Job Hook")
		req.Header.Set("X-Gitlab-Token", h.secret)
		req.Header.Set("X-Gitlab-Event-UUID", fmt.Sprintf("%x-%d", time.Now().UnixNano(), len(b)))
		resp, err := h.client.Do(req)
		h.mu.Lock()
		if err != nil || resp.StatusCode >= 300 {
			h.failed++
		} else {
			h.sent++
		}
		h.mu.Unlock()
		if resp != nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
}
