// Command testbed serves the facebook.com and messenger.com imitations of
// package testbed over HTTPS, with a self-signed certificate for the real
// host names made afresh at each start. Point a browser at it with
//
//	--host-resolver-rules="MAP www.facebook.com 127.0.0.1:8443, MAP www.messenger.com 127.0.0.1:8443"
//	--ignore-certificate-errors
//
// Once it is ready it prints exactly one line to stdout:
// "testbed: listening on https://ADDR".
package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/boundaryhq/boundary/wasm/testbed"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8443", "address to listen on (\":0\" picks a free port)")
	delay := flag.Duration("ajax-delay", 0, "extra server-side latency for /ajax/ responses")
	logFile := flag.String("log", "", "append every request (method, host, URL, body) to this file as JSON Lines, for the egress tests")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("testbed: ")
	if err := run(*addr, *delay, *logFile); err != nil {
		log.Fatal(err)
	}
}

func run(addr string, delay time.Duration, logFile string) error {
	cert, err := selfSigned(testbed.Hosts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	handler := testbed.New(testbed.Options{AjaxDelay: delay})
	if logFile != "" {
		f, err := os.OpenFile(logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		handler = logRequests(handler, f)
	}
	srv := &http.Server{
		Handler:           handler,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(os.Stderr, "testbed: http: ", 0),
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	// ServeTLS adds HTTP/2 to the TLS config, as the real site speaks it.
	go func() { errc <- srv.ServeTLS(ln, "", "") }()
	fmt.Printf("testbed: listening on https://%s\n", displayAddr(ln.Addr()))

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayAddr names a reachable address: a wildcard listener is shown as
// loopback, so the printed URL can be used as it is.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
}

// selfSigned makes an ECDSA P-256 certificate valid for the given names and
// for the loopback addresses.
func selfSigned(hosts []string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: hosts[0], Organization: []string{"Boundary testbed"}},
		DNSNames:              hosts,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(30 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// logRequests records each request before serving it. The egress tests
// search this log for anything the extension must never send to the site.
func logRequests(next http.Handler, w io.Writer) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(body))
		line, _ := json.Marshal(map[string]string{
			"method":  r.Method,
			"host":    r.Host,
			"url":     r.URL.RequestURI(),
			"referer": r.Referer(),
			"cookie":  r.Header.Get("Cookie"),
			"body":    string(body),
		})
		mu.Lock()
		w.Write(append(line, '\n'))
		mu.Unlock()
		next.ServeHTTP(rw, r)
	})
}
