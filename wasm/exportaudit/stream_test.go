package exportaudit_test

import (
	"archive/zip"
	"bufio"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/boundaryhq/boundary/wasm/exportaudit"
)

// writeThread writes one message_1.json of at least size bytes: a long
// conversation with José in which every 1000th message of his is clinical.
// It returns how many clinical messages it wrote.
func writeThread(w io.Writer, size int64) (clinical int, err error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	n := int64(0)
	put := func(s string) {
		if err == nil {
			var k int
			k, err = bw.WriteString(s)
			n += int64(k)
		}
	}
	put(`{"participants":[{"name":` + moji("José Núñez") + `},{"name":` + moji(owner) + `}],"messages":[`)
	ts := int64(1700000000000)
	for i := 0; n < size && err == nil; i++ {
		if i > 0 {
			put(",")
		}
		ts -= 1000
		switch {
		case i%2 == 1:
			put(msg(owner, "Haha, sounds good. Shall we meet at the café at "+strconv.Itoa(i%12+1)+"? 😂", ts))
		case i%2000 == 0:
			clinical++
			put(msg("José Núñez", "Hi Dr Taylor, my blood test results came back, should I be worried?", ts))
		default:
			put(msg("José Núñez", "Did you see the match last night? Unbelievable finish, número "+strconv.Itoa(i)+" 🎉", ts))
		}
	}
	put(`],"title":` + moji("José Núñez") + `,"is_still_participant":true,"thread_path":"inbox/josenunez_1","magic_words":[]}`)
	if err == nil {
		err = bw.Flush()
	}
	return clinical, err
}

// genFS is an export whose one big thread is generated while it is read,
// through an io.Pipe, so the test itself holds nothing in memory.
type genFS struct {
	size     int64
	clinical *atomic.Int64
	// done is closed once the writer has stored its count: the reader can
	// finish on the last bytes before the writer goroutine gets to run.
	done chan struct{}
}

const bigThread = "messages/inbox/josenunez_1/message_1.json"

func (g genFS) Open(name string) (fs.File, error) {
	switch name {
	case ".", "messages", "messages/inbox", "messages/inbox/josenunez_1":
		return dirFile{name}, nil
	case bigThread:
		pr, pw := io.Pipe()
		go func() {
			c, err := writeThread(pw, g.size)
			g.clinical.Store(int64(c))
			close(g.done)
			pw.CloseWithError(err)
		}()
		return pipeFile{pr}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (g genFS) ReadDir(name string) ([]fs.DirEntry, error) {
	next := map[string]string{".": "messages", "messages": "inbox", "messages/inbox": "josenunez_1", "messages/inbox/josenunez_1": "message_1.json"}
	child, ok := next[name]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return []fs.DirEntry{fs.FileInfoToDirEntry(info{child, child != "message_1.json"})}, nil
}

type info struct {
	name string
	dir  bool
}

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return 0 }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }

type dirFile struct{ name string }

func (d dirFile) Stat() (fs.FileInfo, error) { return info{filepath.Base(d.name), true}, nil }
func (d dirFile) Read([]byte) (int, error)   { return 0, io.EOF }
func (d dirFile) Close() error               { return nil }

type pipeFile struct{ *io.PipeReader }

func (p pipeFile) Stat() (fs.FileInfo, error) { return info{"message_1.json", false}, nil }

// peakHeap samples the live heap while f runs and returns the largest
// growth over the heap before it started.
func peakHeap(f func()) (peak uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var max atomic.Uint64
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-t.C:
				runtime.ReadMemStats(&m)
				if m.HeapAlloc > max.Load() {
					max.Store(m.HeapAlloc)
				}
			}
		}
	}()
	f()
	close(done)
	if p := max.Load(); p > base {
		return p - base
	}
	return 0
}

const maxHeapGrowth = 32 << 20

// TestLargeExportStreams feeds a 200 MB thread through a pipe and a 100 MB
// one through a zip entry, and checks that the live heap stays flat.
func TestLargeExportStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 300 MB of export; skipped with -short")
	}
	t.Run("pipe 200MB", func(t *testing.T) {
		var clinical atomic.Int64
		written := make(chan struct{})
		var r *exportaudit.Report
		var err error
		start := time.Now()
		peak := peakHeap(func() {
			r, err = exportaudit.AuditFS(genFS{size: 200 << 20, clinical: &clinical, done: written}, "generated", exportaudit.Options{Patients: list})
		})
		el := time.Since(start)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("200 MB, %d messages in %v (%.0f MB/s), peak heap growth %.1f MB", r.Counts.Messages, el.Round(time.Millisecond), 200/el.Seconds(), float64(peak)/(1<<20))
		if peak > maxHeapGrowth {
			t.Errorf("heap grew by %d MB; streaming should keep it under %d MB", peak>>20, maxHeapGrowth>>20)
		}
		<-written
		if len(r.Findings) != 1 || r.Findings[0].Kind != exportaudit.KindPatientThread || int64(r.Findings[0].Count) != clinical.Load() {
			t.Errorf("findings %+v, want one patient thread with %d clinical messages", r.Findings, clinical.Load())
		}
	})
	t.Run("zip 100MB", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "export.zip")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		zw := zip.NewWriter(f)
		w, _ := zw.Create("facebook-samtaylor/your_facebook_activity/messages/inbox/josenunez_1/message_1.json")
		clinical, err := writeThread(w, 100<<20)
		if err != nil {
			t.Fatal(err)
		}
		zw.Close()
		f.Close()
		st, _ := os.Stat(p)
		var r *exportaudit.Report
		start := time.Now()
		peak := peakHeap(func() { r, err = exportaudit.Audit(p, exportaudit.Options{Patients: list}) })
		el := time.Since(start)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("100 MB entry (%.1f MB zipped), %d messages in %v, peak heap growth %.1f MB", float64(st.Size())/(1<<20), r.Counts.Messages, el.Round(time.Millisecond), float64(peak)/(1<<20))
		if peak > maxHeapGrowth {
			t.Errorf("heap grew by %d MB; zip entries should stream", peak>>20)
		}
		if len(r.Findings) != 1 || r.Findings[0].Count != clinical {
			t.Errorf("findings %+v, want one thread with %d clinical messages", r.Findings, clinical)
		}
	})
}
