package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

const (
	toolOasgen      = "oasgen"
	toolOapiCodegen = "oapi-codegen"
	toolOgen        = "ogen"
	toolRedocly     = "redocly"
)

// allTools is the canonical tool order (also the table order).
var allTools = []string{toolOasgen, toolOapiCodegen, toolOgen, toolRedocly}

// Default tool lists of the two modes: generators, or linters (-mode lint,
// where oasgen runs "oasgen validate" and Redocly CLI runs "redocly lint").
var (
	genTools  = []string{toolOasgen, toolOapiCodegen, toolOgen}
	lintTools = []string{toolOasgen, toolRedocly}
)

// redoclyVersion is the Redocly CLI installed from npm for -mode lint.
const redoclyVersion = "2.77.0"

// peerPkg describes a peer installed with `go install pkg@version`.
type peerPkg struct {
	Pkg     string // package to install
	Module  string // module path as reported by `go version -m`
	Version string
}

var peers = map[string]peerPkg{
	toolOapiCodegen: {
		Pkg:     "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen",
		Module:  "github.com/oapi-codegen/oapi-codegen/v2",
		Version: "v2.8.2",
	},
	toolOgen: {
		Pkg:     "github.com/ogen-go/ogen/cmd/ogen",
		Module:  "github.com/ogen-go/ogen",
		Version: "v1.24.0",
	},
}

// ogenOptions controls the ogen config file written for every ogen run.
type ogenOptions struct {
	// Full keeps ogen's default features (client + server + otel). By
	// default all optional features are disabled so ogen generates only
	// schemas (types, JSON codecs, validators), the scope closest to
	// `oapi-codegen -generate types` and `oasgen --generate models`.
	Full bool
	// Strict does not pass ignore_not_implemented: ["all"], so ogen fails
	// on the first spec feature it does not support instead of skipping it.
	Strict bool
}

// ogenConfig renders the ogen.yml used by the benchmark.
func ogenConfig(o ogenOptions) string {
	var b strings.Builder
	b.WriteString("# Written by genbench. See bench/README.md.\n")
	b.WriteString("parser:\n")
	b.WriteString("  # Follow relative file $refs (the Medusa specs are multi-file).\n")
	b.WriteString("  allow_remote: true\n")
	if o.Full && o.Strict {
		return b.String()
	}
	b.WriteString("generator:\n")
	if !o.Strict {
		b.WriteString("  # Skip unsupported spec features instead of aborting (ogen's own advice).\n")
		b.WriteString("  ignore_not_implemented: [\"all\"]\n")
	}
	if !o.Full {
		b.WriteString("  # Types only: no client, server, webhooks, otel or handler stubs.\n")
		b.WriteString("  features:\n")
		b.WriteString("    disable_all: true\n")
	}
	return b.String()
}

// Tool is a resolved, runnable generator.
type Tool struct {
	Name    string
	Lint    bool // run the tool as a linter (-mode lint)
	Peer    bool
	Bin     string // absolute path of the binary
	Version string
	// Unavailable is non-empty when the tool could not be installed/built.
	Unavailable string
}

// command returns the argument list for one run, and the files (relative to
// out) that must exist afterwards. work is a scratch directory (the child's
// working directory) where config files may be written.
func (t *Tool) command(spec, out, work string, ogen ogenOptions) (args, required []string, err error) {
	switch t.Name {
	case toolOasgen:
		if t.Lint {
			return []string{"validate", spec}, nil, nil
		}
		return []string{"generate", spec, "-o", out, "-p", "api", "--generate", "models"}, nil, nil
	case toolRedocly:
		return []string{"lint", spec, "--format=summary"}, nil, nil
	case toolOapiCodegen:
		return []string{"-generate", "types", "-package", "api", "-o", filepath.Join(out, "types.gen.go"), spec},
			[]string{"types.gen.go"}, nil
	case toolOgen:
		cfg := filepath.Join(work, "ogen.yml")
		if err := os.WriteFile(cfg, []byte(ogenConfig(ogen)), 0o644); err != nil {
			return nil, nil, err
		}
		return []string{"--config", cfg, "--target", out, "--package", "api", "--clean", spec}, nil, nil
	}
	return nil, nil, fmt.Errorf("unknown tool %q", t.Name)
}

// displayCommand renders the command line with placeholders, for the
// report header and README.
func (t *Tool) displayCommand(ogen ogenOptions) string {
	args, _, err := t.command("SPEC", "OUT", os.TempDir(), ogen)
	if err != nil {
		return err.Error()
	}
	if t.Name == toolOgen {
		args[1] = "WORK/ogen.yml"
	}
	return t.Name + " " + strings.Join(args, " ")
}

// setup makes every requested tool runnable: peers are `go install`ed into
// binDir when missing or at the wrong version; oasgen is always rebuilt
// from repoRoot so the benchmark measures the current tree.
func setup(ctx context.Context, names []string, binDir, repoRoot string, lint bool, log func(string, ...any)) []*Tool {
	var tools []*Tool
	for _, name := range names {
		t := &Tool{Name: name, Bin: filepath.Join(binDir, name), Lint: lint}
		tools = append(tools, t)
		start := time.Now()
		if name == toolRedocly {
			setupRedocly(ctx, t, filepath.Join(filepath.Dir(binDir), ".npm"), log)
			continue
		}
		if name == toolOasgen {
			log("building oasgen from %s ...", repoRoot)
			out, err := runGo(ctx, repoRoot, nil, "build", "-o", t.Bin, "./cmd/oasgen")
			if err != nil {
				t.Unavailable = "build failed: " + firstLine(skipBuildHeaders(out), err)
				log("  oasgen unavailable: %s", t.Unavailable)
				continue
			}
			t.Version = "devel (built from " + repoRoot + ")"
			log("  built in %s", fmtDur(time.Since(start)))
			continue
		}
		t.Peer = true
		p := peers[name]
		if v, err := moduleVersion(ctx, t.Bin, p.Module); err == nil && v == p.Version {
			t.Version = v
			continue
		}
		log("installing %s@%s into %s ...", p.Pkg, p.Version, binDir)
		env := []string{"GOBIN=" + binDir}
		out, err := runGo(ctx, binDir, env, "install", p.Pkg+"@"+p.Version)
		if err != nil {
			t.Unavailable = "go install failed: " + firstLine(out, err)
			log("  %s unavailable: %s", name, t.Unavailable)
			continue
		}
		v, err := moduleVersion(ctx, t.Bin, p.Module)
		if err != nil {
			t.Unavailable = "installed binary unusable: " + err.Error()
			continue
		}
		t.Version = v
		log("  installed %s %s in %s", name, v, fmtDur(time.Since(start)))
	}
	return tools
}

// runGo runs the go command in dir with extra environment.
func runGo(ctx context.Context, dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	return cmd.CombinedOutput()
}

// moduleVersion returns the version of module mod that bin was built from,
// using `go version -m`.
func moduleVersion(ctx context.Context, bin, mod string) (string, error) {
	if _, err := os.Stat(bin); err != nil {
		return "", err
	}
	out, err := exec.CommandContext(ctx, "go", "version", "-m", bin).Output()
	if err != nil {
		return "", err
	}
	if v := parseModVersion(out, mod); v != "" {
		return v, nil
	}
	return "", fmt.Errorf("%s: module %s not found in build info", bin, mod)
}

// parseModVersion extracts the version of the main module mod from
// `go version -m` output ("\tmod\t<path>\t<version>\t<sum>").
func parseModVersion(out []byte, mod string) string {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 3 && f[0] == "mod" && f[1] == mod {
			return f[2]
		}
	}
	return ""
}

// firstLine returns the first non-empty line of out, or err's text.
func firstLine(out []byte, err error) string {
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// skipBuildHeaders drops the "# package" header lines go build prints
// before compiler errors.
func skipBuildHeaders(out []byte) []byte {
	var keep []string
	for _, l := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(l, "# ") {
			keep = append(keep, l)
		}
	}
	return []byte(strings.Join(keep, "\n"))
}

// findGofmt locates gofmt on PATH or in $(go env GOROOT)/bin.
func findGofmt(ctx context.Context) (string, error) {
	if p, err := exec.LookPath("gofmt"); err == nil {
		return p, nil
	}
	out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("gofmt not found: %w", err)
	}
	p := filepath.Join(strings.TrimSpace(string(out)), "bin", "gofmt")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("gofmt not found: %w", err)
	}
	return p, nil
}

// setupRedocly installs Redocly CLI from npm into npmDir when missing.
func setupRedocly(ctx context.Context, t *Tool, npmDir string, log func(string, ...any)) {
	t.Peer, t.Version = true, redoclyVersion
	t.Bin = filepath.Join(npmDir, "node_modules", ".bin", "redocly")
	pkgJSON := filepath.Join(npmDir, "node_modules", "@redocly", "cli", "package.json")
	if data, err := os.ReadFile(pkgJSON); err == nil && bytes.Contains(data, []byte(`"version": "`+redoclyVersion+`"`)) {
		return
	}
	log("installing @redocly/cli@%s into %s ...", redoclyVersion, npmDir)
	if err := os.MkdirAll(npmDir, 0o755); err != nil {
		t.Unavailable = err.Error()
		return
	}
	cmd := exec.CommandContext(ctx, "npm", "install", "--prefix", npmDir, "--no-audit", "--no-fund", "@redocly/cli@"+redoclyVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Unavailable = "npm install failed: " + firstLine(out, err)
		log("  redocly unavailable: %s", t.Unavailable)
	}
}
