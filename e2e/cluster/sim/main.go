// Command sim drives the cluster end-to-end run (e2e/cluster/run.sh starts the cluster, then this): for each
// scenario it renders the chart with the KEDA values into a namespace, runs the adapter jar as the chart's container
// would, applies KEDA's objects, plays a CI load on a GitLab stand-in, simulates gitlab-runner in every runner pod
// KEDA makes, and writes the figures.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

func main() {
	var e env
	var proxyListen, out, only string
	var quick bool
	var parallel int
	flag.StringVar(&e.kubeconfig, "kubeconfig", "", "the cluster's kubeconfig")
	flag.StringVar(&e.kubectl, "kubectl", "kubectl", "kubectl binary")
	flag.StringVar(&e.helm, "helm", "helm", "helm binary")
	flag.StringVar(&e.chart, "chart", "helm/gitlab-queue-adapter", "the chart")
	flag.StringVar(&e.values, "values", "examples/helm-values-keda.yaml", "the KEDA values")
	flag.StringVar(&e.runnerYAML, "runner-deployment", "e2e/cluster/runner-deployment.yaml",
		"the runner Deployment a ScaledObject scales")
	flag.StringVar(&e.jar, "jar", "target/quarkus-app/quarkus-run.jar", "the adapter's jar")
	flag.StringVar(&e.dir, "dir", "", "a folder for renders and logs")
	flag.DurationVar(&e.startup, "runner-startup", 5*time.Second,
		"a runner's start-up time, from its pod Running to its first job request")
	flag.StringVar(&proxyListen, "proxy", "127.0.0.1:18590", "the forward proxy KEDA's operator is given")
	flag.StringVar(&out, "out", "", "where the table goes (Markdown); the JSON figures go beside it")
	flag.StringVar(&only, "scenarios", "", "comma-separated names to run (default: all)")
	flag.BoolVar(&quick, "quick", false, "the miniature: one short burst, from zero and back")
	flag.IntVar(&parallel, "parallel", 10, "scenarios run at once (all ten by default: the table comes from one run)")
	flag.Parse()

	cfg, err := clientcmd.BuildConfigFromFlags("", e.kubeconfig)
	if err != nil {
		fail("kubeconfig: %v", err)
	}
	cfg.QPS, cfg.Burst = 50, 100
	if e.kube, err = kubernetes.NewForConfig(cfg); err != nil {
		fail("client: %v", err)
	}
	if e.routes, err = startProxy(proxyListen); err != nil {
		fail("proxy: %v", err)
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()

	var chosen []scenario
	for _, s := range scenarios(quick) {
		if only == "" || contains(strings.Split(only, ","), s.name) {
			chosen = append(chosen, s)
		}
	}
	logf := func(format string, args ...any) {
		fmt.Printf("%s %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
	}
	results := make([]figures, len(chosen))
	errs := make([]error, len(chosen))
	slots := make(chan struct{}, max(1, parallel))
	var wg sync.WaitGroup
	for i, s := range chosen {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			logf("%s: starts", s.name)
			results[i], errs[i] = e.run(ctx, s, logf)
			if errs[i] != nil {
				logf("%s: FAILED: %v", s.name, errs[i])
				return
			}
			b, _ := json.Marshal(results[i])
			logf("%s: %s", s.name, b)
		}()
	}
	wg.Wait()

	table := tableHead
	failed := false
	for i, s := range chosen {
		if errs[i] != nil {
			table += fmt.Sprintf("| %s | did not run: %v |\n", s.label, errs[i])
			failed = true
			continue
		}
		table += results[i].row(s.label)
		if p := results[i].problems(); len(p) > 0 {
			logf("%s: %s", s.name, joinProblems(p))
			failed = failed || quick // the miniature must end clean; the full run reports what it saw
		}
	}
	fmt.Print("\n" + table)
	if out != "" {
		_ = os.WriteFile(out, []byte(table), 0o644)
		b, _ := json.MarshalIndent(results, "", "  ")
		_ = os.WriteFile(strings.TrimSuffix(out, ".md")+".json", b, 0o644)
	}
	if failed {
		os.Exit(1)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
	os.Exit(1)
}
