// Command genbench times code generation of oasgen against its peers
// (oapi-codegen, ogen) on the same specs and prints wall time, peak RSS,
// success/failure and peer/oasgen ratios side by side.
//
// Run it from the bench module: `cd bench && go run ./cmd/genbench`.
// See bench/README.md.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

type config struct {
	runs     int
	peerRuns int
	timeout  time.Duration
	tools    []string
	specs    string
	jsonOut  string
	compile  bool
	keep     bool
	lint     bool // -mode lint: oasgen validate vs Redocly CLI
	ogen     ogenOptions
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "genbench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("genbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&cfg.runs, "runs", 3, "runs per spec for oasgen")
	fs.IntVar(&cfg.peerRuns, "peer-runs", 1, "runs per spec for the peers (oapi-codegen, ogen), which are slow")
	fs.DurationVar(&cfg.timeout, "timeout", 5*time.Minute, "timeout per run; a timed-out tool is not run again on that spec")
	tools := fs.String("tools", "", "comma-separated tools to run (default: the mode's tools)")
	mode := fs.String("mode", "gen", "gen: time code generation (oasgen, oapi-codegen, ogen); lint: time spec linting (oasgen validate, redocly lint)")
	fs.StringVar(&cfg.specs, "specs", "", "only specs whose name or path contains one of these comma-separated substrings")
	fs.StringVar(&cfg.jsonOut, "json", "", "also write results as JSON to this file")
	fs.BoolVar(&cfg.compile, "compile", true, "check the first successful output of each tool with gofmt -l (GOFMT column)")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the per-run output directories (paths are logged)")
	fs.BoolVar(&cfg.ogen.Full, "ogen-full", false, "let ogen generate its default client+server instead of types only")
	fs.BoolVar(&cfg.ogen.Strict, "ogen-strict", false, "do not pass ignore_not_implemented: [all] to ogen")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: go run ./cmd/genbench [flags]  (from the bench directory)\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if cfg.runs < 1 || cfg.peerRuns < 1 {
		return cfg, fmt.Errorf("-runs and -peer-runs must be >= 1")
	}
	if cfg.timeout <= 0 {
		return cfg, fmt.Errorf("-timeout must be positive")
	}
	switch *mode {
	case "gen":
	case "lint":
		cfg.lint, cfg.compile = true, false
	default:
		return cfg, fmt.Errorf("-mode must be gen or lint")
	}
	if *tools == "" {
		*tools = strings.Join(genTools, ",")
		if cfg.lint {
			*tools = strings.Join(lintTools, ",")
		}
	}
	var err error
	if cfg.tools, err = parseTools(*tools); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// parseTools validates a comma-separated tool list and returns it in
// canonical order (oasgen first).
func parseTools(s string) ([]string, error) {
	want := map[string]bool{}
	for _, t := range strings.Split(s, ",") {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if !slices.Contains(allTools, t) {
			return nil, fmt.Errorf("unknown tool %q (known: %s)", t, strings.Join(allTools, ", "))
		}
		want[t] = true
	}
	var out []string
	for _, t := range allTools {
		if want[t] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("-tools selects no tool")
	}
	return out, nil
}

// report is the JSON document written with -json.
type report struct {
	Started    time.Time  `json:"started"`
	GoVersion  string     `json:"go_version"`
	GOOS       string     `json:"goos"`
	GOARCH     string     `json:"goarch"`
	NumCPU     int        `json:"num_cpu"`
	LoadStart  string     `json:"loadavg_start,omitempty"`
	LoadEnd    string     `json:"loadavg_end,omitempty"`
	Runs       int        `json:"runs"`
	PeerRuns   int        `json:"peer_runs"`
	TimeoutSec float64    `json:"timeout_s"`
	Tools      []toolInfo `json:"tools"`
	OgenConfig string     `json:"ogen_config,omitempty"`
	Specs      []Spec     `json:"specs"`
	Cells      []*Cell    `json:"results"`
	Summaries  []string   `json:"summaries"`
	Notes      []string   `json:"notes,omitempty"`
}

type toolInfo struct {
	Name        string `json:"name"`
	Version     string `json:"version,omitempty"`
	Bin         string `json:"bin"`
	Command     string `json:"command"`
	Unavailable string `json:"unavailable,omitempty"`
}

func run(args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if err == flag.ErrHelp {
			return nil
		}
		return err
	}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) }

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	benchDir, err := findBenchDir(wd)
	if err != nil {
		return err
	}
	repoRoot := filepath.Dir(benchDir)
	binDir := filepath.Join(benchDir, ".bin")
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		return err
	}

	allSpecs, notes := discoverSpecs(repoRoot)
	specs := filterSpecs(allSpecs, cfg.specs)
	for _, n := range notes {
		logf("note: %s", n)
	}
	if len(specs) == 0 {
		return fmt.Errorf("no specs selected (filter %q)", cfg.specs)
	}

	tools := setup(ctx, cfg.tools, binDir, repoRoot, cfg.lint, logf)

	gofmt := ""
	if cfg.compile {
		if gofmt, err = findGofmt(ctx); err != nil {
			logf("note: %v; GOFMT column disabled", err)
			notes = append(notes, err.Error()+"; GOFMT column disabled")
			gofmt = ""
		}
	}

	rep := report{
		Started:    time.Now().UTC(),
		GoVersion:  runtime.Version(),
		GOOS:       runtime.GOOS,
		GOARCH:     runtime.GOARCH,
		NumCPU:     runtime.NumCPU(),
		LoadStart:  loadAvg(),
		Runs:       cfg.runs,
		PeerRuns:   cfg.peerRuns,
		TimeoutSec: cfg.timeout.Seconds(),
		Specs:      specs,
	}
	for _, t := range tools {
		rep.Tools = append(rep.Tools, toolInfo{
			Name: t.Name, Version: t.Version, Bin: t.Bin,
			Command: t.displayCommand(cfg.ogen), Unavailable: t.Unavailable,
		})
		if t.Name == toolOgen {
			rep.OgenConfig = ogenConfig(cfg.ogen)
		}
	}

	var bySpec [][]*Cell
	for _, spec := range specs {
		if ctx.Err() != nil {
			break
		}
		cells := benchSpec(ctx, cfg, spec, tools, gofmt, logf)
		for _, c := range cells {
			c.summarize(cfg.timeout)
		}
		computeRatios(cells)
		bySpec = append(bySpec, cells)
		rep.Cells = append(rep.Cells, cells...)
	}
	interrupted := ctx.Err() != nil
	rep.LoadEnd = loadAvg()
	for i, cells := range bySpec {
		rep.Summaries = append(rep.Summaries, specSummary(specs[i].Name, cells))
	}
	rep.Notes = append(notes, cellNotes(rep.Cells)...)
	if interrupted {
		rep.Notes = append(rep.Notes, "interrupted: results are partial")
	}

	if err := printReport(stdout, &rep); err != nil {
		return err
	}
	if cfg.jsonOut != "" {
		data, err := json.MarshalIndent(&rep, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(cfg.jsonOut, append(data, '\n'), 0o644); err != nil {
			return err
		}
		logf("wrote %s", cfg.jsonOut)
	}
	if interrupted {
		return fmt.Errorf("interrupted")
	}
	return nil
}

// benchSpec runs every tool on one spec. Runs are interleaved across tools
// (run 1 of each tool, then run 2, ...) so slow drift of machine state
// (thermal, page cache, noisy neighbours) affects all tools alike. After a
// failed or timed-out run the tool is not run again on this spec.
func benchSpec(ctx context.Context, cfg config, spec Spec, tools []*Tool, gofmt string, logf func(string, ...any)) []*Cell {
	cells := make([]*Cell, len(tools))
	stopped := make([]bool, len(tools))
	maxRuns := 0
	for i, t := range tools {
		c := &Cell{Spec: spec.Name, Tool: t.Name, Planned: cfg.runs, Reason: t.Unavailable}
		if t.Peer {
			c.Planned = cfg.peerRuns
		}
		maxRuns = max(maxRuns, c.Planned)
		cells[i] = c
		stopped[i] = t.Unavailable != ""
	}
	for run := 0; run < maxRuns; run++ {
		for i, t := range tools {
			c := cells[i]
			if stopped[i] || run >= c.Planned || ctx.Err() != nil {
				continue
			}
			fmtCheck := ""
			if c.Gofmt == "" {
				fmtCheck = gofmt // check only the first successful output
			}
			r, gf, gfDetail, err := runOnce(ctx, cfg, spec, t, fmtCheck, logf)
			if ctx.Err() != nil {
				// Interrupted by the user: this run does not count.
				continue
			}
			if err != nil {
				c.Reason = err.Error()
				stopped[i] = true
				continue
			}
			c.Runs = append(c.Runs, r)
			if gf != "" {
				c.Gofmt, c.GofmtDetail = gf, gfDetail
			}
			msg := fmt.Sprintf("%s %s %sMB", r.Status, fmtDur(r.Wall), fmtMB(r.MaxRSSKB))
			if r.Status != StatusOK {
				msg += ": " + truncate(r.ErrLine, 160)
				stopped[i] = true
			}
			logf("[%s] %-12s run %d/%d: %s", spec.Name, t.Name, run+1, c.Planned, msg)
		}
	}
	return cells
}

// runOnce runs tool t on spec in a fresh temporary directory and, when
// gofmt (the gofmt binary) is non-empty and the run succeeded, runs
// `gofmt -l` on the output.
func runOnce(ctx context.Context, cfg config, spec Spec, t *Tool, gofmt string, logf func(string, ...any)) (r RunResult, gf, gfDetail string, err error) {
	work, err := os.MkdirTemp("", "genbench-"+t.Name+"-")
	if err != nil {
		return r, "", "", err
	}
	if cfg.keep {
		logf("keeping %s", work)
	} else {
		defer os.RemoveAll(work)
	}
	out := filepath.Join(work, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		return r, "", "", err
	}
	args, required, err := t.command(spec.Path, out, work, cfg.ogen)
	if err != nil {
		return r, "", "", err
	}
	r = execute(ctx, invocation{
		Bin:      t.Bin,
		Args:     args,
		Dir:      work,
		OutDir:   out,
		Timeout:  cfg.timeout,
		Required: required,
		Shorten:  []string{filepath.Dir(spec.Path), out, work},
		Lint:     cfg.lint,
	})
	if r.Status == StatusOK && gofmt != "" {
		gf, gfDetail = gofmtCheck(ctx, gofmt, out, cfg.timeout)
	}
	return r, gf, gfDetail, nil
}

// printReport writes the human-readable report.
func printReport(w io.Writer, rep *report) error {
	fmt.Fprintf(w, "genbench %s  %s %s/%s, %d CPUs\n", rep.Started.Format(time.RFC3339), rep.GoVersion, rep.GOOS, rep.GOARCH, rep.NumCPU)
	if rep.LoadStart != "" {
		fmt.Fprintf(w, "load average (1/5/15 min): %s at start, %s at end  (high load inflates wall times; CPU = user+sys is more robust)\n", rep.LoadStart, rep.LoadEnd)
	}
	fmt.Fprintf(w, "runs: oasgen %d, peers %d; timeout %s per run\n", rep.Runs, rep.PeerRuns, time.Duration(rep.TimeoutSec*float64(time.Second)))
	for _, t := range rep.Tools {
		v := t.Version
		if t.Unavailable != "" {
			v = "unavailable"
		}
		fmt.Fprintf(w, "  %-12s %-11s $ %s\n", t.Name, v, t.Command)
	}
	if rep.OgenConfig != "" {
		fmt.Fprintf(w, "  ogen config (WORK/ogen.yml): %s\n", compactYAML(rep.OgenConfig))
	}
	fmt.Fprintln(w)
	if err := writeTable(w, rep.Cells); err != nil {
		return err
	}
	if len(rep.Summaries) > 0 {
		fmt.Fprintln(w)
		for _, s := range rep.Summaries {
			fmt.Fprintln(w, s)
		}
	}
	if len(rep.Notes) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "notes:")
		for _, n := range rep.Notes {
			fmt.Fprintln(w, "  - "+n)
		}
	}
	return nil
}

// loadAvg returns the 1/5/15-minute load averages on Linux, "" elsewhere.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// compactYAML renders the (tiny, comment-annotated) ogen config on one line
// without comments, for the report header.
func compactYAML(y string) string {
	var parts []string
	for _, l := range strings.Split(y, "\n") {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, " ")
}
