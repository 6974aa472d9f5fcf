package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestErrorLine(t *testing.T) {
	stderr := "INFO\tconvenient\tConvenient errors are not available\t{\"reason\": \"x\"}\n" +
		"2024-01-02T03:04:05.000Z\tWARN\tsomething\n" +
		"\n" +
		"  - file:///specs/a/paths/x.yaml:37:7 -> unknown security scheme \"api_token\"\n" +
		"\t  154 |  context\n"
	got := errorLine([]byte(stderr), nil, []string{"/specs/a"})
	want := `paths/x.yaml:37:7 -> unknown security scheme "api_token"`
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := errorLine(nil, []byte("\nboom on stdout\n"), nil); got != "boom on stdout" {
		t.Errorf("stdout fallback: %q", got)
	}
	if got := errorLine([]byte("INFO\tonly logs\n"), nil, nil); got != "" {
		t.Errorf("only logs: %q", got)
	}
}

func TestCapWriter(t *testing.T) {
	w := &capWriter{max: 5}
	n, err := w.Write([]byte("abc"))
	if n != 3 || err != nil {
		t.Fatal(n, err)
	}
	if n, _ := w.Write([]byte("defgh")); n != 5 {
		t.Fatalf("short write %d", n)
	}
	w.Write([]byte("ijk"))
	if got := w.buf.String(); got != "abcde" {
		t.Errorf("buf = %q", got)
	}
}

func shInvocation(t *testing.T, script string, timeout time.Duration, required ...string) invocation {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	work := t.TempDir()
	out := filepath.Join(work, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	return invocation{Bin: sh, Args: []string{"-c", script}, Dir: work, OutDir: out, Timeout: timeout, Required: required, Shorten: []string{work}}
}

func TestExecute(t *testing.T) {
	ctx := context.Background()

	t.Run("ok", func(t *testing.T) {
		inv := shInvocation(t, `mkdir -p out/sub && echo 'package api' > out/types.gen.go && echo 'package sub' > out/sub/b.go`, time.Minute, "types.gen.go")
		r := execute(ctx, inv)
		if r.Status != StatusOK || r.OutFiles != 2 || r.OutBytes == 0 || r.Wall <= 0 {
			t.Errorf("got %+v", r)
		}
		if runtime.GOOS == "linux" && r.MaxRSSKB <= 0 {
			t.Errorf("no maxrss: %+v", r)
		}
	})
	t.Run("exit 1", func(t *testing.T) {
		inv := shInvocation(t, `echo 'package api' > out/x.go; echo "INFO noise" >&2; echo "error: $PWD/spec.yaml is bad" >&2; exit 3`, time.Minute)
		r := execute(ctx, inv)
		if r.Status != StatusFail || r.ExitCode != 3 || r.ErrLine != "error: spec.yaml is bad" {
			t.Errorf("got %+v", r)
		}
	})
	t.Run("exit 1 silent", func(t *testing.T) {
		r := execute(ctx, shInvocation(t, `exit 1`, time.Minute))
		if r.Status != StatusFail || r.ErrLine != "exit status 1" {
			t.Errorf("got %+v", r)
		}
	})
	t.Run("exit 0 without output", func(t *testing.T) {
		r := execute(ctx, shInvocation(t, `true`, time.Minute))
		if r.Status != StatusFail || !strings.Contains(r.ErrLine, "no .go files") {
			t.Errorf("got %+v", r)
		}
	})
	t.Run("exit 0 without required file", func(t *testing.T) {
		r := execute(ctx, shInvocation(t, `echo 'package api' > out/other.go`, time.Minute, "types.gen.go"))
		if r.Status != StatusFail || !strings.Contains(r.ErrLine, "types.gen.go was not written") {
			t.Errorf("got %+v", r)
		}
	})
	t.Run("timeout kills the process group", func(t *testing.T) {
		// The background sleep keeps stdout open; without killing the whole
		// group, Run would wait for it.
		inv := shInvocation(t, `sleep 30 & sleep 30; wait`, 300*time.Millisecond)
		start := time.Now()
		r := execute(ctx, inv)
		if r.Status != StatusTimeout {
			t.Errorf("got %+v", r)
		}
		if el := time.Since(start); el > 4*time.Second {
			t.Errorf("timeout took %v", el)
		}
	})
}

func TestGofmtCheck(t *testing.T) {
	gofmt, err := findGofmt(context.Background())
	if err != nil {
		t.Skip(err)
	}
	write := func(files map[string]string) string {
		dir := t.TempDir()
		for name, src := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	ctx := context.Background()
	if st, _ := gofmtCheck(ctx, gofmt, write(map[string]string{"a.go": "package api\n\ntype A int\n"}), time.Minute); st != "ok" {
		t.Errorf("formatted: %q", st)
	}
	st, detail := gofmtCheck(ctx, gofmt, write(map[string]string{"a.go": "package api\ntype   A int\n", "b.go": "package api\n"}), time.Minute)
	if st != "unformatted (1 file)" || !strings.Contains(detail, "a.go") {
		t.Errorf("unformatted: %q %q", st, detail)
	}
	st, detail = gofmtCheck(ctx, gofmt, write(map[string]string{"a.go": "package api\n\nCode int\n"}), time.Minute)
	if st != "unformattable" || !strings.Contains(detail, "a.go:3:1") {
		t.Errorf("unparseable: %q %q", st, detail)
	}
}
