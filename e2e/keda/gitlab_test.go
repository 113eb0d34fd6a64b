package keda

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// A GitLab stand-in on loopback: GET /api/v4/projects/:id/jobs and GET /api/v4/groups/:id/projects, answered as
// GitLab does (a JSON array, X-Page/X-Per-Page/X-Next-Page, everything on one page here), from fixed jobs, so
// that every queue has a known number.

type project struct {
	id   int
	path string
	jobs []job
}

type job struct {
	id      int
	status  string
	tags    []string
	runner  int // 0: none
	queued  float64
	created time.Time
}

var standIn = func() []*project {
	now := time.Now().UTC()
	ago := func(s int) time.Time { return now.Add(-time.Duration(s) * time.Second) }
	return []*project{
		{id: 101, path: "platform/api", jobs: []job{
			{id: 1001, status: "pending", tags: []string{"docker", "linux"}, queued: 40, created: ago(45)},
			{id: 1002, status: "pending", tags: []string{"docker"}, queued: 20, created: ago(25)},
			{id: 1003, status: "pending", tags: []string{}, queued: 10, created: ago(12)},
			{id: 1004, status: "pending", tags: []string{"windows"}, queued: 5, created: ago(6)},
			{id: 1005, status: "running", tags: []string{"docker", "linux"}, runner: 17, queued: 3, created: ago(300)},
			{id: 1006, status: "running", tags: []string{"docker"}, runner: 99, queued: 2, created: ago(200)},
		}},
		{id: 102, path: "platform/web", jobs: []job{
			{id: 2001, status: "pending", tags: []string{"docker", "linux"}, queued: 30, created: ago(31)},
			{id: 2002, status: "created", tags: []string{"docker"}, created: ago(31)},
		}},
		{id: 12270857, path: "other/tool", jobs: []job{
			{id: 3001, status: "pending", tags: []string{}, queued: 8, created: ago(9)},
			{id: 3002, status: "running", tags: []string{}, runner: 18, queued: 1, created: ago(60)},
		}},
		{id: 103, path: "platform/idle"},
	}
}()

// groups: the group platform holds platform/api, platform/web and platform/idle.
func groupMembers(group string) []*project {
	if group != "platform" && group != "7" {
		return nil
	}
	var out []*project
	for _, p := range standIn {
		if strings.HasPrefix(p.path, "platform/") {
			out = append(out, p)
		}
	}
	return out
}

func findProject(idOrPath string) *project {
	for _, p := range standIn {
		if p.path == idOrPath || jsonInt(p.id) == idOrPath {
			return p
		}
	}
	return nil
}

func jsonInt(i int) string { b, _ := json.Marshal(i); return string(b) }

func (j job) json(projectID int) map[string]any {
	m := map[string]any{
		"id": j.id, "status": j.status, "name": "job " + jsonInt(j.id), "stage": "test", "ref": "main",
		"tag": false, "allow_failure": false, "tag_list": j.tags,
		"created_at":      j.created.Format("2006-01-02T15:04:05.000Z"),
		"queued_duration": j.queued,
		"pipeline":        map[string]any{"id": 900 + projectID%100, "project_id": projectID, "ref": "main", "status": j.status},
		"runner":          nil,
	}
	if j.runner != 0 {
		m["runner"] = map[string]any{"id": j.runner, "description": "runner-" + jsonInt(j.runner), "active": true,
			"paused": false, "is_shared": false, "runner_type": "group_type", "online": true, "status": "online"}
	}
	return m
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	if status == http.StatusOK {
		w.Header().Set("X-Page", "1")
		w.Header().Set("X-Per-Page", "100")
		w.Header().Set("X-Next-Page", "")
		w.Header().Set("X-Prev-Page", "")
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// startGitLab serves the stand-in on a loopback port; the returned counter tells how many job lists were read.
func startGitLab(token string) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v4/", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("PRIVATE-TOKEN") != token && r.Header.Get("Authorization") != "Bearer "+token {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "401 Unauthorized"})
			return
		}
		// the path as sent: a project path is one segment, its slash encoded (%2F)
		parts := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/api/v4/"), "/")
		if len(parts) != 3 || r.Method != http.MethodGet {
			writeJSON(w, http.StatusNotFound, map[string]string{"message": "404 Not Found"})
			return
		}
		name := strings.ReplaceAll(strings.ReplaceAll(parts[1], "%2F", "/"), "%2f", "/")
		switch {
		case parts[0] == "projects" && parts[2] == "jobs":
			p := findProject(name)
			if p == nil {
				writeJSON(w, http.StatusNotFound, map[string]string{"message": "404 Project Not Found"})
				return
			}
			scopes := r.URL.Query()["scope[]"]
			out := []map[string]any{}
			for i := len(p.jobs) - 1; i >= 0; i-- { // newest first
				j := p.jobs[i]
				if len(scopes) == 0 || contains(scopes, j.status) {
					out = append(out, j.json(p.id))
				}
			}
			writeJSON(w, http.StatusOK, out)
		case parts[0] == "groups" && parts[2] == "projects":
			members := groupMembers(name)
			if members == nil {
				writeJSON(w, http.StatusNotFound, map[string]string{"message": "404 Group Not Found"})
				return
			}
			out := []map[string]any{}
			for _, p := range members {
				out = append(out, map[string]any{"id": p.id, "path_with_namespace": p.path,
					"name": p.path[strings.LastIndex(p.path, "/")+1:]})
			}
			writeJSON(w, http.StatusOK, out)
		default:
			writeJSON(w, http.StatusNotFound, map[string]string{"message": "404 Not Found"})
		}
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	s := httptest.NewUnstartedServer(mux)
	s.Listener.Close()
	s.Listener = l
	s.Start()
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
