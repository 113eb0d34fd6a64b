package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"

	"sigs.k8s.io/yaml"
)

// The chart, rendered by `helm template` with the KEDA values, runs here as it would in a cluster: the adapter's
// container spec (its environment, the Secret and ConfigMap files it mounts) becomes a `java -jar` on loopback, and
// KEDA's objects (TriggerAuthentication, ScaledJob, ScaledObject, the Secret they read) go to the API server as they
// are. The operator reaches the adapter at the Service's cluster DNS name through a forward proxy that sends that
// name to the jar's port (HTTP_PROXY, which KEDA's HTTP client honours): the URL in the trigger stays the chart's.

type object = map[string]any

func readRender(path string) ([]object, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []object
	for _, doc := range regexp.MustCompile(`(?m)^---\s*$`).Split(string(b), -1) {
		if strings.TrimSpace(doc) == "" {
			continue
		}
		var o object
		if err := yaml.Unmarshal([]byte(doc), &o); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if o != nil {
			out = append(out, o)
		}
	}
	return out, nil
}

func str(o any, path ...string) string {
	for _, p := range path {
		m, ok := o.(map[string]any)
		if !ok {
			return ""
		}
		o = m[p]
	}
	s, _ := o.(string)
	return s
}

func list(o any, path ...string) []any {
	for _, p := range path {
		m, ok := o.(map[string]any)
		if !ok {
			return nil
		}
		o = m[p]
	}
	l, _ := o.([]any)
	return l
}

func find(objs []object, kind, name string) object {
	for _, o := range objs {
		if str(o, "kind") == kind && str(o, "metadata", "name") == name {
			return o
		}
	}
	return nil
}

// dataOf is a Secret's or ConfigMap's keys, decoded.
func dataOf(o object) map[string]string {
	out := map[string]string{}
	if o == nil {
		return out
	}
	if d, ok := o["data"].(map[string]any); ok {
		for k, v := range d {
			s, _ := v.(string)
			if str(o, "kind") == "Secret" {
				b, _ := base64.StdEncoding.DecodeString(s)
				s = string(b)
			}
			out[k] = s
		}
	}
	if d, ok := o["stringData"].(map[string]any); ok {
		for k, v := range d {
			out[k], _ = v.(string)
		}
	}
	return out
}

// adapterEnv is the environment of the rendered Deployment's first container, with its Secret and ConfigMap
// volumes written under dir and every mount path in a value pointed there, and $(VAR) expanded as the kubelet does.
func adapterEnv(objs []object, deployment, dir string) ([]string, error) {
	d := find(objs, "Deployment", deployment)
	if d == nil {
		return nil, fmt.Errorf("the render has no Deployment %s", deployment)
	}
	pod := d["spec"].(map[string]any)["template"].(map[string]any)["spec"]
	containers := list(pod, "containers")
	if len(containers) == 0 {
		return nil, fmt.Errorf("Deployment %s has no container", deployment)
	}
	c := containers[0]
	mounts := map[string]string{} // mount path -> local dir
	for _, v := range list(pod, "volumes") {
		name := str(v, "name")
		var src object
		if s := str(v, "secret", "secretName"); s != "" {
			src = find(objs, "Secret", s)
		} else if s := str(v, "configMap", "name"); s != "" {
			src = find(objs, "ConfigMap", s)
		} else {
			continue
		}
		local := filepath.Join(dir, "volumes", name)
		if err := os.MkdirAll(local, 0o700); err != nil {
			return nil, err
		}
		for k, val := range dataOf(src) {
			if err := os.WriteFile(filepath.Join(local, k), []byte(val), 0o600); err != nil {
				return nil, err
			}
		}
		for _, m := range list(c, "volumeMounts") {
			if str(m, "name") == name {
				mounts[str(m, "mountPath")] = local
			}
		}
	}
	vars := map[string]string{}
	var env []string
	for _, e := range list(c, "env") {
		name, value := str(e, "name"), str(e, "value")
		if ref := str(e, "valueFrom", "secretKeyRef", "name"); ref != "" {
			v, ok := dataOf(find(objs, "Secret", ref))[str(e, "valueFrom", "secretKeyRef", "key")]
			if !ok {
				continue // optional and absent
			}
			value = v
		}
		value = regexp.MustCompile(`\$\(([A-Za-z_][A-Za-z0-9_]*)\)`).ReplaceAllStringFunc(value, func(m string) string {
			if v, ok := vars[m[2:len(m)-1]]; ok {
				return v
			}
			return m
		})
		for path, local := range mounts {
			if strings.HasPrefix(value, path) {
				value = local + strings.TrimPrefix(value, path)
			}
		}
		vars[name] = value
		env = append(env, name+"="+value)
	}
	return env, nil
}

type adapterProc struct {
	jar, logPath string
	env          []string
	port         int
	mu           sync.Mutex
	cmd          *exec.Cmd
	restarts     int
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func (a *adapterProc) start(ctx context.Context) error {
	logf, err := os.OpenFile(a.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command("java", "-jar", a.jar)
	cmd.Env = append(append(os.Environ(), a.env...), fmt.Sprintf("QUARKUS_HTTP_PORT=%d", a.port),
		"QUARKUS_HTTP_HOST=127.0.0.1", "QUARKUS_LOG_CONSOLE_JSON_ENABLED=false")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return err
	}
	a.mu.Lock()
	a.cmd = cmd
	a.mu.Unlock()
	go func() { _ = cmd.Wait(); logf.Close() }()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/q/health/ready", a.port))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(300 * time.Millisecond)
	}
	return fmt.Errorf("the adapter did not become ready within 90 s (log: %s)", a.logPath)
}

func (a *adapterProc) stop() {
	a.mu.Lock()
	cmd := a.cmd
	a.mu.Unlock()
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		for cmd.ProcessState == nil {
			time.Sleep(100 * time.Millisecond)
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

// routes is the forward proxy KEDA's operator reaches the chart's Services through: each scenario's Service name
// (gitlab-queue-adapter.<namespace>.svc.cluster.local) goes to its adapter's port on loopback.
type routes struct {
	mu    sync.Mutex
	ports map[string]int
}

func (r *routes) set(host string, port int) { r.mu.Lock(); r.ports[host] = port; r.mu.Unlock() }

func startProxy(listen string) (*routes, error) {
	rt := &routes{ports: map[string]int{}}
	l, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, err
	}
	rp := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		rt.mu.Lock()
		port := rt.ports[pr.In.URL.Hostname()]
		rt.mu.Unlock()
		pr.Out.URL.Scheme = "http"
		pr.Out.URL.Host = fmt.Sprintf("127.0.0.1:%d", port)
		pr.Out.Host = pr.In.Host
	}, ErrorHandler: func(w http.ResponseWriter, _ *http.Request, _ error) {
		// an adapter restarting (the faults scenarios) refuses connections: KEDA sees a 502, as from a Service
		// without ready endpoints
		w.WriteHeader(http.StatusBadGateway)
	}}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt.mu.Lock()
		_, ok := rt.ports[r.URL.Hostname()]
		rt.mu.Unlock()
		if !ok {
			http.Error(w, "no such service here: "+r.URL.Host, http.StatusBadGateway)
			return
		}
		rp.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(l) }()
	return rt, nil
}

// clusterObjects is the render's KEDA side and what it reads: the Secrets and the KEDA objects, as YAML.
func clusterObjects(objs []object) ([]byte, []object) {
	var out []string
	var keda []object
	for _, o := range objs {
		kind := str(o, "kind")
		if kind == "Secret" || strings.HasPrefix(str(o, "apiVersion"), "keda.sh/") {
			b, _ := json.Marshal(o)
			out = append(out, string(b))
			if kind != "Secret" {
				keda = append(keda, o)
			}
		}
	}
	return []byte(strings.Join(out, "\n---\n") + "\n"), keda
}
