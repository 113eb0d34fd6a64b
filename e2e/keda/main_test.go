package keda

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// One adapter with every credential KEDA can present (API keys, Basic, HTTPS with client certificates beside plain
// HTTP), one without any (KEDA's "no auth"), and one GitLab stand-in, for all tests of the package.

const (
	testKey       = "e2e-api-key-0123456789abcdef"
	basicUser     = "keda"
	basicPassword = "e2e-basic-password-0123"
	gitlabToken   = "glpat-e2e-stand-in-token"
)

var (
	secured, open *adapter
	certs         *pki
	renders       = map[string][]byte{} // name -> helm template output
	skipReason    string
)

// required: in CI (KEDA_E2E_REQUIRED=true) a missing jar or helm is a failure, not a skip.
var required = os.Getenv("KEDA_E2E_REQUIRED") == "true"

func TestMain(m *testing.M) {
	// KEDA reads KEDA_CHECK_UNEXPECTED_SCALERS_PARAMS when its package starts, before any test code runs: the tests
	// run again in a child process that has it, so that KEDA itself names any trigger metadata key it does not read
	if os.Getenv("KEDA_CHECK_UNEXPECTED_SCALERS_PARAMS") != "enabled" {
		child := exec.Command(os.Args[0], os.Args[1:]...)
		child.Env = append(os.Environ(), "KEDA_CHECK_UNEXPECTED_SCALERS_PARAMS=enabled")
		child.Stdin, child.Stdout, child.Stderr = os.Stdin, os.Stdout, os.Stderr
		if err := child.Run(); err != nil {
			if exit, ok := err.(*exec.ExitError); ok {
				os.Exit(exit.ExitCode())
			}
			fmt.Fprintln(os.Stderr, "FAIL:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if _, err := os.Stat(jarPath); err != nil {
		skipReason = "no " + jarPath + ": build it first with ./mvnw package -DskipTests (in the repository's root)"
		if required {
			fmt.Fprintln(os.Stderr, "FAIL:", skipReason)
			return 1
		}
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "keda-e2e-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	// the chart's renders come first: the adapter accepts the API keys the chart writes into its Secrets
	keys := []string{testKey}
	if helm := helmBinary(); helm != "" {
		for name, args := range chartRenders() {
			out, err := helmTemplate(helm, args)
			if err != nil {
				fmt.Fprintln(os.Stderr, "FAIL: helm template", name, err)
				return 1
			}
			renders[name] = out
			objects, err := decode(out)
			if err != nil {
				fmt.Fprintln(os.Stderr, "FAIL: reading the render", name, err)
				return 1
			}
			for _, o := range objects {
				if s, ok := o.(*corev1.Secret); ok && s.Name == "gitlab-queue-adapter" {
					for _, k := range []string{"api-key", "api-key-next"} {
						if v := string(s.Data[k]); v != "" {
							keys = append(keys, v)
						}
					}
				}
			}
		}
	} else if required {
		fmt.Fprintln(os.Stderr, "FAIL: no helm binary (HELM, .ci/.tools/helm/helm or helm on the PATH)")
		return 1
	}

	if certs, err = newPKI(); err != nil {
		panic(err)
	}
	if err := writeFiles(dir, map[string][]byte{"tls.crt": certs.serverCert, "tls.key": certs.serverKey,
		"ca.crt": certs.caPEM}); err != nil {
		panic(err)
	}
	// pools live in a properties file, as the chart mounts it: their names are part of the keys. docker is
	// examples/helm-values-keda.yaml's pool (its ScaledObject reads desired); singles, the same jobs for runners of
	// one job each with 2 kept idle, is what a ScaledJob reads desired of
	props := filepath.Join(dir, "application.properties")
	if err := os.WriteFile(props, []byte(strings.Join([]string{
		"adapter.pools.docker.groups=platform",
		"adapter.pools.docker.tags=docker,linux",
		"adapter.pools.docker.run-untagged=false",
		"adapter.pools.docker.capacity-per-runner=4",
		"adapter.pools.docker.max-runners=20",
		"adapter.pools.singles.groups=platform",
		"adapter.pools.singles.tags=docker,linux",
		"adapter.pools.singles.run-untagged=false",
		"adapter.pools.singles.capacity-per-runner=1",
		"adapter.pools.singles.policies.10-always.idle-count=2",
	}, "\n")+"\n"), 0o600); err != nil {
		panic(err)
	}

	gitlab := startGitLab(gitlabToken)
	defer gitlab.Close()
	common := map[string]string{
		"GITLAB_URL":                gitlab.URL,
		"GITLAB_TOKEN":              gitlabToken,
		"QUARKUS_CONFIG_LOCATIONS":  props,
		"ADAPTER_PROJECTS":          "platform/api,12270857,platform/gone,platform/idle",
		"ADAPTER_GROUPS":            "platform",
		"ADAPTER_POLL_INTERVAL":     "5s",
		"QUARKUS_LOG_CONSOLE_LEVEL": "INFO",
	}
	securedEnv := map[string]string{
		"ADAPTER_AUTH_API_KEYS":              joinKeys(keys),
		"ADAPTER_AUTH_BASIC_USERNAME":        basicUser,
		"ADAPTER_AUTH_BASIC_PASSWORD":        basicPassword,
		"QUARKUS_TLS_KEY_STORE_PEM__0__CERT": filepath.Join(dir, "tls.crt"),
		"QUARKUS_TLS_KEY_STORE_PEM__0__KEY":  filepath.Join(dir, "tls.key"),
		"QUARKUS_TLS_TRUST_STORE_PEM_CERTS":  filepath.Join(dir, "ca.crt"),
		"QUARKUS_HTTP_INSECURE_REQUESTS":     "enabled", // plain HTTP for the other modes, beside HTTPS
	}
	for k, v := range common {
		securedEnv[k] = v
	}
	// the two JVMs start side by side
	type started struct {
		a   *adapter
		err error
	}
	s1, s2 := make(chan started), make(chan started)
	go func() { a, err := startAdapter(dir, "secured", securedEnv, true); s1 <- started{a, err} }()
	go func() { a, err := startAdapter(dir, "open", common, false); s2 <- started{a, err} }()
	r1, r2 := <-s1, <-s2
	secured, open = r1.a, r2.a
	defer secured.stop()
	defer open.stop()
	for _, r := range []started{r1, r2} {
		if r.err != nil {
			fmt.Fprintln(os.Stderr, "FAIL:", r.err)
			return 1
		}
	}
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "the secured adapter's log (%s):\n%s\n", secured.log, tail(secured.log))
	}
	return code
}

func needAdapter(t *testing.T) {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
}

func helmBinary() string {
	if h := os.Getenv("HELM"); h != "" {
		return h
	}
	if h, err := filepath.Abs(filepath.Join(repoRoot, ".ci", ".tools", "helm", "helm")); err == nil {
		if _, err := os.Stat(h); err == nil {
			return h
		}
	}
	if h, err := exec.LookPath("helm"); err == nil {
		return h
	}
	return ""
}

// readmeInstall is the README's `helm install ...` line, read from the README (its continuation lines joined), as
// words; single-quoted words lose their quotes as a shell would.
func readmeInstall() ([]string, error) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		return nil, err
	}
	m := regexp.MustCompile(`(?m)^helm install (?:[^\n]*\\\n)*[^\n]*$`).Find(b)
	if m == nil {
		return nil, fmt.Errorf("no helm install line in README.md")
	}
	line := strings.ReplaceAll(string(m), "\\\n", " ")
	var words []string
	for _, w := range regexp.MustCompile(`'[^']*'|\S+`).FindAllString(line, -1) {
		words = append(words, strings.Trim(w, "'"))
	}
	return words[1:], nil // after "helm"
}

// chartRenders: the README's install with the KEDA values of examples/, the chart's every-option values, and the
// README's install with the KEDA values and TLS with a client certificate for KEDA (authMode tls).
func chartRenders() map[string][]string {
	install, err := readmeInstall()
	if err != nil {
		panic(err)
	}
	withKeda := append(append([]string{"template"}, install[1:]...), "-f", "examples/helm-values-keda.yaml")
	tls := append(append([]string{}, withKeda...),
		"--set", "tls.enabled=true", "--set", "tls.certManager.enabled=true",
		"--set", "tls.certManager.issuerRef.name=cluster-ca",
		"--set", "keda.authentication.clientCertificateSecret=keda-client-cert")
	return map[string][]string{
		"readme+helm-values-keda":     withKeda,
		"ci/full-values":              {"template", "gitlab-queue-adapter", "./helm/gitlab-queue-adapter", "-n", "ci", "-f", "helm/gitlab-queue-adapter/ci/full-values.yaml"},
		"readme+helm-values-keda+tls": tls,
	}
}

func helmTemplate(helm string, args []string) ([]byte, error) {
	cmd := exec.Command(helm, args...)
	cmd.Dir = repoRoot
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, stderr.String())
	}
	return out, nil
}

// adapterJSON is what the adapter answers at u, read with the test's own credential (a client certificate over HTTPS).
func adapterJSON(u string) (map[string]any, int, error) {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	c := &http.Client{Timeout: 5 * time.Second}
	if strings.HasPrefix(u, "https:") {
		c = certs.tlsClient()
	} else {
		req.Header.Set("X-API-KEY", testKey)
	}
	r, err := c.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, r.StatusCode, fmt.Errorf("%v: %s", err, b)
	}
	return m, r.StatusCode, nil
}

// awaitStatus waits until the adapter answers u with status (its first polls and group listings take a moment).
func awaitStatus(t *testing.T, u string, status int) map[string]any {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		m, code, err := adapterJSON(u)
		if err == nil && code == status {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: wanted %d, last %d %v %v", u, status, code, m, err)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

func number(m map[string]any, field string) (float64, bool) {
	v, ok := m[field].(float64)
	return v, ok
}

// checkAgainstAdapter: KEDA read the trigger without error, its value is the adapter's number for valueLocation
// (read before and after KEDA, so a number that moves in between, oldestPendingSeconds, lies between both), and its
// activity is value > activationTargetValue.
func checkAgainstAdapter(t *testing.T, ctx context.Context, c *cluster, s client.Object) int {
	t.Helper()
	so := s.(interface{ GetName() string })
	var before []map[string]any
	w := triggersOf(t, s)
	for _, tr := range w {
		before = append(before, awaitStatus(t, tr.Metadata["url"], http.StatusOK))
	}
	readings, err := c.read(ctx, asScalable(s))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range readings {
		loc := r.trigger.Metadata["valueLocation"]
		after := awaitStatus(t, r.trigger.Metadata["url"], http.StatusOK)
		if r.err != nil {
			t.Errorf("%s trigger %d (%s, %s): KEDA got an error: %v", r.object, i, r.trigger.Metadata["url"], loc, r.err)
			continue
		}
		lo, ok1 := number(before[i], loc)
		hi, ok2 := number(after, loc)
		if !ok1 || !ok2 {
			t.Errorf("%s trigger %d: the adapter's JSON has no number %q: %v", r.object, i, loc, after)
			continue
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		if r.value < lo-0.001 || r.value > hi+0.001 {
			t.Errorf("%s trigger %d (%s): KEDA read %v, the adapter says %v then %v", r.object, i, loc, r.value, lo, hi)
		}
		if want := r.value > activation(r.trigger); r.active != want {
			t.Errorf("%s trigger %d: KEDA's activity %v, want %v (value %v, activationTargetValue %v)",
				r.object, i, r.active, want, r.value, activation(r.trigger))
		}
		t.Logf("%s trigger %d: %s -> metric %s = %v, active %v (adapter: %s %v..%v; authMode %q)", so.GetName(), i,
			r.trigger.Metadata["url"], r.metric, r.value, r.active, loc, lo, hi, r.trigger.Metadata["authMode"])
	}
	return len(readings)
}
