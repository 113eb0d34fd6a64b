package keda

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// The packaged adapter, started from target/quarkus-app/quarkus-run.jar with its configuration in the environment.

const repoRoot = "../.."

// jarPath is the packaged adapter: target/quarkus-app/quarkus-run.jar, or ADAPTER_JAR.
var jarPath = func() string {
	if j := os.Getenv("ADAPTER_JAR"); j != "" {
		return j
	}
	return filepath.Join(repoRoot, "target", "quarkus-app", "quarkus-run.jar")
}()

type adapter struct {
	cmd     *exec.Cmd
	port    int // plain HTTP
	sslPort int // 0 without TLS
	log     string
	exited  chan error
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startAdapter starts the jar with env (plus the ports) and waits for /q/health/ready.
func startAdapter(dir, name string, env map[string]string, withTLS bool) (*adapter, error) {
	a := &adapter{port: freePort(), log: filepath.Join(dir, name+".log"), exited: make(chan error, 1)}
	if withTLS {
		a.sslPort = freePort()
	}
	logFile, err := os.Create(a.log)
	if err != nil {
		return nil, err
	}
	a.cmd = exec.Command("java", "-Xmx256m", "-jar", jarPath)
	a.cmd.Stdout, a.cmd.Stderr = logFile, logFile
	a.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	a.cmd.Env = os.Environ()
	for k, v := range env {
		a.cmd.Env = append(a.cmd.Env, k+"="+v)
	}
	a.cmd.Env = append(a.cmd.Env, fmt.Sprintf("QUARKUS_HTTP_PORT=%d", a.port), "QUARKUS_HTTP_HOST=127.0.0.1")
	if withTLS {
		a.cmd.Env = append(a.cmd.Env, fmt.Sprintf("QUARKUS_HTTP_SSL_PORT=%d", a.sslPort))
	}
	if err := a.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { a.exited <- a.cmd.Wait(); logFile.Close() }()
	deadline := time.Now().Add(120 * time.Second)
	client := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		select {
		case err := <-a.exited:
			return nil, fmt.Errorf("adapter %s exited before it was ready (%v); its log:\n%s", name, err, tail(a.log))
		default:
		}
		if r, err := client.Get(a.url("/q/health/ready")); err == nil {
			r.Body.Close()
			if r.StatusCode == http.StatusOK {
				return a, nil
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	a.stop()
	return nil, fmt.Errorf("adapter %s not ready within 120 s; its log:\n%s", name, tail(a.log))
}

func (a *adapter) url(path string) string { return fmt.Sprintf("http://127.0.0.1:%d%s", a.port, path) }

func (a *adapter) stop() {
	if a == nil || a.cmd == nil || a.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-a.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-a.exited:
	case <-time.After(15 * time.Second):
		_ = syscall.Kill(-a.cmd.Process.Pid, syscall.SIGKILL)
		<-a.exited
	}
}

func tail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 6000 {
		b = b[len(b)-6000:]
	}
	return string(b)
}

// pki: a CA, the adapter's server certificate (localhost, 127.0.0.1) and KEDA's client certificate, as PEM.
type pki struct {
	caPEM, serverCert, serverKey, clientCert, clientKey []byte
	foreignCert, foreignKey                             []byte // a client certificate from another CA
}

func newPKI() (*pki, error) {
	ca, caKey, caPEM, err := authority("keda-e2e-ca")
	if err != nil {
		return nil, err
	}
	p := &pki{caPEM: caPEM}
	if p.serverCert, p.serverKey, err = issue(ca, caKey, "localhost", x509.ExtKeyUsageServerAuth); err != nil {
		return nil, err
	}
	if p.clientCert, p.clientKey, err = issue(ca, caKey, "keda", x509.ExtKeyUsageClientAuth); err != nil {
		return nil, err
	}
	other, otherKey, _, err := authority("foreign-ca")
	if err != nil {
		return nil, err
	}
	if p.foreignCert, p.foreignKey, err = issue(other, otherKey, "keda", x509.ExtKeyUsageClientAuth); err != nil {
		return nil, err
	}
	return p, nil
}

var serial int64 = 1

func template(cn string) *x509.Certificate {
	serial++
	return &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
}

func authority(cn string) (*x509.Certificate, *rsa.PrivateKey, []byte, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, nil, nil, err
	}
	t := template(cn)
	t.IsCA, t.BasicConstraintsValid = true, true
	t.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, t, t, &key.PublicKey, key)
	if err != nil {
		return nil, nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return cert, key, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), err
}

func issue(ca *x509.Certificate, caKey *rsa.PrivateKey, cn string, usage x509.ExtKeyUsage) ([]byte, []byte, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, nil, err
	}
	t := template(cn)
	t.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
	t.ExtKeyUsage = []x509.ExtKeyUsage{usage}
	if usage == x509.ExtKeyUsageServerAuth {
		t.DNSNames = []string{"localhost"}
		t.IPAddresses = []net.IP{net.ParseIP("127.0.0.1")}
	}
	der, err := x509.CreateCertificate(rand.Reader, t, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, nil, err
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}), nil
}

// tlsClient reads the adapter as KEDA's client certificate does, for the expected numbers.
func (p *pki) tlsClient() *http.Client {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(p.caPEM)
	pair, err := tls.X509KeyPair(p.clientCert, p.clientKey)
	if err != nil {
		panic(err)
	}
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{pair}}}}
}

func writeFiles(dir string, files map[string][]byte) error {
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			return err
		}
	}
	return nil
}

func joinKeys(keys []string) string { return strings.Join(keys, ",") }

func listen(port int) (net.Listener, error) {
	return net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
}
