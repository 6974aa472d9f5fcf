package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseModVersion(t *testing.T) {
	out := "/x/.bin/ogen: go1.26.8\n" +
		"\tpath\tgithub.com/ogen-go/ogen/cmd/ogen\n" +
		"\tmod\tgithub.com/ogen-go/ogen\tv1.24.0\th1:abc=\n" +
		"\tdep\tgithub.com/fatih/color\tv1.19.0\th1:def=\n"
	if got := parseModVersion([]byte(out), "github.com/ogen-go/ogen"); got != "v1.24.0" {
		t.Errorf("got %q", got)
	}
	if got := parseModVersion([]byte(out), "github.com/fatih/color"); got != "" {
		t.Errorf("dep must not match: %q", got)
	}
}

func TestOgenConfig(t *testing.T) {
	def := ogenConfig(ogenOptions{})
	for _, want := range []string{"allow_remote: true", `ignore_not_implemented: ["all"]`, "disable_all: true"} {
		if !strings.Contains(def, want) {
			t.Errorf("default config lacks %q:\n%s", want, def)
		}
	}
	full := ogenConfig(ogenOptions{Full: true, Strict: true})
	if !strings.Contains(full, "allow_remote: true") || strings.Contains(full, "generator:") {
		t.Errorf("full strict config:\n%s", full)
	}
	if got := compactYAML(def); got != `parser: allow_remote: true generator: ignore_not_implemented: ["all"] features: disable_all: true` {
		t.Errorf("compactYAML = %q", got)
	}
}

func TestToolCommand(t *testing.T) {
	work := t.TempDir()
	for _, tc := range []struct {
		tool string
		want []string
		req  []string
	}{
		{toolOasgen, []string{"generate", "S", "-o", "O", "-p", "api", "--generate", "models"}, nil},
		{toolOapiCodegen, []string{"-generate", "types", "-package", "api", "-o", filepath.Join("O", "types.gen.go"), "S"}, []string{"types.gen.go"}},
		{toolOgen, []string{"--config", filepath.Join(work, "ogen.yml"), "--target", "O", "--package", "api", "--clean", "S"}, nil},
	} {
		tl := &Tool{Name: tc.tool}
		args, req, err := tl.command("S", "O", work, ogenOptions{})
		if err != nil || !reflect.DeepEqual(args, tc.want) || !reflect.DeepEqual(req, tc.req) {
			t.Errorf("%s: args %q req %q err %v", tc.tool, args, req, err)
		}
	}
	if _, err := os.Stat(filepath.Join(work, "ogen.yml")); err != nil {
		t.Errorf("ogen config not written: %v", err)
	}
}

func TestParseTools(t *testing.T) {
	got, err := parseTools("ogen, oasgen,,ogen")
	if err != nil || !reflect.DeepEqual(got, []string{"oasgen", "ogen"}) {
		t.Errorf("got %q, %v", got, err)
	}
	if _, err := parseTools("oasgen,swagger"); err == nil {
		t.Error("unknown tool accepted")
	}
	if _, err := parseTools(" , "); err == nil {
		t.Error("empty selection accepted")
	}
}

func TestParseFlagsDefaults(t *testing.T) {
	cfg, err := parseFlags(nil, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.runs != 3 || cfg.peerRuns != 1 || cfg.timeout.Minutes() != 5 || !cfg.compile || len(cfg.tools) != 3 {
		t.Errorf("defaults: %+v", cfg)
	}
	if _, err := parseFlags([]string{"-runs", "0"}, os.Stderr); err == nil {
		t.Error("-runs 0 accepted")
	}
}

func TestSpecs(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "main")
	mustWrite := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(filepath.Join(repo, "bench", "go.mod"), "module "+benchModule+"\n\ngo 1.26\n")
	mustWrite(filepath.Join(repo, "bench", "cmd", "genbench", "x"), "")

	// Found from a subdirectory of bench.
	got, err := findBenchDir(filepath.Join(repo, "bench", "cmd", "genbench"))
	if err != nil || got != filepath.Join(repo, "bench") {
		t.Errorf("findBenchDir = %q, %v", got, err)
	}

	// No specs/store, no ../shared.
	specs, notes := discoverSpecs(repo)
	if len(specs) != 0 || len(notes) != 2 {
		t.Errorf("specs %v notes %q", specs, notes)
	}

	mustWrite(filepath.Join(repo, "specs", "store", "openapi.yaml"), "openapi: 3.0.0\n")
	mustWrite(filepath.Join(root, "shared", "corpus", "medusa-v1", "store", "openapi.yaml"), "")
	mustWrite(filepath.Join(root, "shared", "corpus", "medusa-v2", "admin", "openapi.yaml"), "")
	specs, notes = discoverSpecs(repo)
	var names []string
	for _, s := range specs {
		names = append(names, s.Name)
	}
	if !reflect.DeepEqual(names, []string{"specs/store", "medusa-v1/store", "medusa-v2/admin"}) || len(notes) != 2 {
		t.Errorf("names %q notes %q", names, notes)
	}

	f := filterSpecs(specs, "v2,specs/")
	if len(f) != 2 || f[0].Name != "specs/store" || f[1].Name != "medusa-v2/admin" {
		t.Errorf("filter: %v", f)
	}
	if len(filterSpecs(specs, "")) != 3 || len(filterSpecs(specs, "nope")) != 0 {
		t.Error("filter edge cases")
	}
}

func TestModulePath(t *testing.T) {
	if got := modulePath([]byte("// c\nmodule \"example.com/x\"\n\ngo 1.26\n")); got != "example.com/x" {
		t.Errorf("got %q", got)
	}
}
