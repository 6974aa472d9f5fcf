package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBenchSpecFakeTools runs benchSpec end to end with shell scripts
// standing in for the generators.
func TestBenchSpecFakeTools(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	bin := t.TempDir()
	script := func(name, body string) string {
		p := filepath.Join(bin, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// oasgen generate SPEC -o OUT ...: $4 is OUT.
	oasgen := script("oasgen", `printf 'package api\n\ntype A int\n' > "$4/models.go"`)
	// oapi-codegen -generate types -package api -o OUT/types.gen.go SPEC: $6 is the file.
	oapi := script("oapi-codegen", `sleep 0.2; printf 'package api\ntype   A int\n' > "$6"`)
	// ogen always fails; it must be run only once although 2 runs are planned.
	count := filepath.Join(bin, "ogen-count")
	ogen := script("ogen", `echo x >> `+count+`; echo "INFO	noise" >&2; echo "generation failed: boom" >&2; exit 1`)

	tools := []*Tool{
		{Name: toolOasgen, Bin: oasgen},
		{Name: toolOapiCodegen, Bin: oapi, Peer: true},
		{Name: toolOgen, Bin: ogen, Peer: true},
	}
	spec := Spec{Name: "fake", Path: filepath.Join(bin, "openapi.yaml")}
	cfg := config{runs: 3, peerRuns: 2, timeout: time.Minute}
	gofmt, err := findGofmt(context.Background())
	if err != nil {
		gofmt = ""
	}
	cells := benchSpec(context.Background(), cfg, spec, tools, gofmt, func(string, ...any) {})
	for _, c := range cells {
		c.summarize(cfg.timeout)
	}
	computeRatios(cells)

	base, oapiC, ogenC := cells[0], cells[1], cells[2]
	if base.Summary.Status != StatusOK || len(base.Runs) != 3 {
		t.Errorf("oasgen: %+v", base.Summary)
	}
	if oapiC.Summary.Status != StatusOK || len(oapiC.Runs) != 2 || oapiC.Summary.TimeRatio <= 1 {
		t.Errorf("oapi-codegen: %+v (%d runs)", oapiC.Summary, len(oapiC.Runs))
	}
	if ogenC.Summary.Status != StatusFail || ogenC.Summary.Err != "generation failed: boom" || len(ogenC.Runs) != 1 {
		t.Errorf("ogen: %+v", ogenC.Summary)
	}
	if data, _ := os.ReadFile(count); strings.Count(string(data), "x") != 1 {
		t.Errorf("ogen ran %d times after failing", strings.Count(string(data), "x"))
	}
	if gofmt != "" {
		if base.Gofmt != "ok" || oapiC.Gofmt != "unformatted (1 file)" {
			t.Errorf("gofmt: oasgen %q, oapi-codegen %q", base.Gofmt, oapiC.Gofmt)
		}
	}
	sum := specSummary(spec.Name, cells)
	if !strings.HasPrefix(sum, "fake: oasgen is ") || !strings.Contains(sum, "faster than oapi-codegen") || !strings.HasSuffix(sum, "; ogen failed") {
		t.Errorf("summary: %q", sum)
	}
}
