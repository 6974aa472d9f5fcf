package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/write"
)

// generateFlags are the command-line settings; set ones override oasgen.yaml.
type generateFlags struct {
	config, output, pkg, templates string
	ignoreFile                     string
	serverInterface                string
	parts, rules                   []string
	check, strict, verbose         bool
	allowRemote, allowOutsideRoot  bool
	noGoExtensions                 bool
}

func newGenerateCmd() *cobra.Command {
	var f generateFlags
	cmd := &cobra.Command{
		Use:   "generate [SPEC]",
		Short: "Generate Go code from a spec",
		Long: `Generate loads SPEC (or the spec named in oasgen.yaml) with every file its
relative $refs reach, and writes the generated Go files to the output folder.

On success it prints nothing but warnings (spec defects oasgen works
around); -v also lists the files written and removed. Warnings and errors
print to stderr as file:line:col: severity: message [rule]. With --check
nothing is written: the command exits 1 and lists every stale, missing or
extra generated file when the files on disk differ from what would be
generated.

Without -c, oasgen.yaml is read from the current folder only (not from the
folders above it); paths in it are relative to the file. Under go generate
the current folder is the folder of the file holding the directive.`,
		Example: `  oasgen generate specs/store/openapi.yaml -o internal/api -p api
  oasgen generate                       # settings from ./oasgen.yaml
  oasgen generate --check               # in CI: fail when generated code is stale
  oasgen generate -c build/oasgen.yaml --strict
  oasgen generate -v                    # list the files written and removed`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGenerate(cmd, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.config, "config", "c", "", "config file (default ./oasgen.yaml when it exists)")
	fl.StringVarP(&f.output, "output", "o", "", "output folder (default: the spec's settings, else ./api)")
	fl.StringVarP(&f.pkg, "package", "p", "", "Go package name (default api)")
	fl.StringSliceVar(&f.parts, "generate", nil, "parts to generate, comma-separated: models, validate, server, client (default all)")
	fl.StringVar(&f.serverInterface, "server-interface", "", "the server's interface: standard (methods write the response) or strict (typed requests and responses, plus the standard one)")
	fl.StringVar(&f.templates, "templates", "", "folder of templates overriding the built-in ones by file name")
	fl.BoolVar(&f.check, "check", false, "write nothing; exit 1 if the generated files on disk are stale, missing or extra")
	fl.BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "list the files written and removed, and a summary")
	fl.BoolVar(&f.allowRemote, "allow-remote", false, "follow $refs to http(s) URLs")
	fl.BoolVar(&f.allowOutsideRoot, "allow-outside-root", false, "follow $refs to files outside the spec's folder")
	fl.BoolVar(&f.noGoExtensions, "no-go-extensions", false, "ignore x-go-type and x-go-type-import, which make the generated code import the Go packages a spec names (for specs you don't trust)")
	rulesFlag(fl, &f.rules)
	ignoreFileFlag(fl, &f.ignoreFile)
	return cmd
}

// settings merges oasgen.yaml and the flags; flags win.
func settings(cmd *cobra.Command, f generateFlags, args []string) (generator.Config, string, bool, error) {
	fc, err := readConfig(f.config)
	if err != nil {
		return generator.Config{}, "", false, err
	}
	changed := cmd.Flags().Changed
	if len(args) == 1 {
		fc.Spec = args[0]
	}
	override(&fc.Output, f.output)
	override(&fc.Package, f.pkg)
	override(&fc.Templates, f.templates)
	override(&fc.ServerInterface, f.serverInterface)
	if changed("generate") {
		fc.Generate = f.parts
	}
	fc.Strict = fc.Strict || f.strict
	fc.AllowRemote = fc.AllowRemote || f.allowRemote
	fc.AllowOutsideRoot = fc.AllowOutsideRoot || f.allowOutsideRoot
	fc.NoGoExtensions = fc.NoGoExtensions || f.noGoExtensions
	if fc.Output == "" {
		fc.Output = "api"
	}
	if fc.Rules, err = mergeRules(fc.Rules, f.rules); err != nil {
		return generator.Config{}, "", false, err
	}
	var ignores ignoreFiles
	ignore, err := ignores.forSpec(f.ignoreFile, fc.Spec)
	if err != nil {
		return generator.Config{}, "", false, err
	}
	cfg := generator.Config{
		Spec:             fc.Spec,
		Package:          fc.Package,
		Generate:         fc.Generate,
		Templates:        fc.Templates,
		AllowRemote:      fc.AllowRemote,
		AllowOutsideRoot: fc.AllowOutsideRoot,
		Rules:            fc.Rules,
		ServerInterface:  fc.ServerInterface,
		NoGoExtensions:   fc.NoGoExtensions,
		Ignore:           ignore,
	}
	return cfg, fc.Output, fc.Strict, nil
}

func override(dst *string, flag string) {
	if flag != "" {
		*dst = flag
	}
}

func runGenerate(cmd *cobra.Command, f generateFlags, args []string) error {
	cfg, out, strict, err := settings(cmd, f, args)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if cfg.Spec == "" {
		return &exitError{code: 2, err: noSpecError(f.config)}
	}
	res, err := generator.Generate(cfg)
	stderr := cmd.ErrOrStderr()
	if res != nil {
		printDiagnostics(stderr, res.Diagnostics)
	}
	if ignored := generator.IgnoredSummary(cfg.Ignore); ignored != "" {
		fmt.Fprintln(stderr, "oasgen:", ignored)
	}
	var dl *diag.ErrorList
	switch {
	case errors.As(err, &dl):
		return &exitError{code: 2, err: errors.New("")}
	case err != nil:
		return &exitError{code: 2, err: err}
	}
	if n := res.Diagnostics.Count(diag.Warning); strict && n > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%d warning(s) and --strict is set; nothing written", n)}
	}
	if f.check {
		err := runCheck(cmd.OutOrStdout(), out, res.Files)
		if err == nil && f.verbose {
			fmt.Fprintf(stderr, "oasgen: %s: %d file(s) up to date\n", out, len(res.Files))
		}
		return err
	}
	result, err := write.Write(out, res.Files)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if f.verbose {
		printWriteResult(stderr, out, result)
	}
	return nil
}

// printWriteResult is what -v shows: each file written or removed, then a
// summary. Without -v a successful run prints only warnings, so that go
// generate stays quiet.
func printWriteResult(w io.Writer, out string, r write.Result) {
	for _, name := range r.Written {
		fmt.Fprintf(w, "oasgen: wrote %s\n", filepath.Join(out, name))
	}
	for _, name := range r.Removed {
		fmt.Fprintf(w, "oasgen: removed %s\n", filepath.Join(out, name))
	}
	fmt.Fprintf(w, "oasgen: %s: %d written, %d unchanged, %d removed\n", out, len(r.Written), len(r.Unchanged), len(r.Removed))
}

func printDiagnostics(w io.Writer, list diag.List) {
	wd, _ := os.Getwd()
	_ = diag.PrintText(w, wd, list)
}

// runCheck lists drift and chooses the exit code: what CI runs.
func runCheck(w io.Writer, out string, files []write.File) error {
	drifts, err := write.Check(out, files)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	for _, d := range drifts {
		fmt.Fprintf(w, "%s: %s\n", d.Kind, filepath.Join(out, d.Name))
		if d.Diff != "" {
			fmt.Fprint(w, d.Diff)
		}
	}
	if len(drifts) > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%d generated file(s) out of date in %s; run oasgen generate", len(drifts), out)}
	}
	return nil
}
