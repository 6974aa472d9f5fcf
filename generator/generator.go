// Package generator is oasgen's library entry: Generate wires the pipeline
// load → build → emit and returns the files and diagnostics; the caller
// decides whether to write them, compare them (--check) or print problems.
package generator

import (
	"errors"
	"fmt"
	"go/token"
	"os"
	"slices"

	"github.com/oasgen/oasgen/generator/build"
	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/emit"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/write"
)

// Parts oasgen can generate.
const (
	PartModels   = "models"
	PartValidate = "validate"
	PartServer   = "server"
	PartClient   = "client"
)

// KnownParts lists what --generate accepts; all of them are the default.
var KnownParts = []string{PartModels, PartValidate, PartServer, PartClient}

// Config says what to generate from which spec.
type Config struct {
	Spec             string   // root spec file
	Package          string   // Go package name
	Generate         []string // parts, default all
	Templates        string   // folder of template overrides, "" for none
	AllowRemote      bool
	AllowOutsideRoot bool
	Rules            map[string]string // re-levelled or disabled rules, as in oasgen.yaml
	// ServerInterface picks the server's interface: "standard" (the
	// default: ServerInterface, whose methods write the response) or
	// "strict" (StrictServerInterface too, whose methods take a typed
	// request and return a typed response).
	ServerInterface string
	// NoGoExtensions ignores x-go-type and x-go-type-import (with a
	// warning): they let a spec make the generated package import any Go
	// package, whose init functions then run in every program that
	// imports it. Turn it on for specs you don't trust.
	NoGoExtensions bool
	// Ignore lists findings not to report (after Rules): ignored warnings
	// do not count under --strict. Each file counts those it drops.
	Ignore []*IgnoreFile
}

// Server interfaces Config.ServerInterface accepts.
const (
	ServerStandard = "standard"
	ServerStrict   = "strict"
)

// Result is what a generation produced.
type Result struct {
	Files       []write.File
	Diagnostics diag.List // warnings (and the error, if any) found on the way
}

// ErrDiagnostics is returned (wrapped in a *diag.ErrorList) when the spec has
// errors that make generation impossible.
var ErrDiagnostics = errors.New("the spec has errors")

// Generate loads the spec and prints the Go files in memory.
func Generate(cfg Config) (*Result, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	doc, warnings, err := load.Load(cfg.Spec, load.Options{AllowRemote: cfg.AllowRemote, AllowOutsideRoot: cfg.AllowOutsideRoot})
	warnings = Ignore(applyRules(warnings, cfg.Rules), cfg.Ignore)
	res := &Result{Diagnostics: warnings}
	if err != nil {
		var le *load.Error
		if errors.As(err, &le) {
			res.Diagnostics = append(res.Diagnostics, le.Diag)
			return res, &diag.ErrorList{List: res.Diagnostics}
		}
		return res, err
	}
	if warnings.HasErrors() { // the spec is invalid: what validate reports as errors
		return res, &diag.ErrorList{List: res.Diagnostics}
	}
	server := slices.Contains(cfg.Generate, PartServer)
	client := slices.Contains(cfg.Generate, PartClient)
	// The server and the client report problems with the validation
	// runtime's types and share its decoders, so they bring the validators
	// along.
	validation := server || client || slices.Contains(cfg.Generate, PartValidate)
	pkg, more := build.Build(doc, build.Options{Package: cfg.Package, Validation: validation, Server: server, Client: client,
		Strict: cfg.ServerInterface == ServerStrict, NoGoExtensions: cfg.NoGoExtensions})
	doc.Locate(more)
	more = Ignore(applyRules(more, cfg.Rules), cfg.Ignore)
	res.Diagnostics = append(res.Diagnostics, more...)
	if more.HasErrors() { // code cannot be generated as the spec asks (a refused x-go-type)
		return res, &diag.ErrorList{List: res.Diagnostics}
	}
	var overrides = emit.Options{}
	if cfg.Templates != "" {
		overrides.Templates = os.DirFS(cfg.Templates)
	}
	res.Files, err = emit.Emit(pkg, overrides)
	return res, err
}

func (cfg *Config) check() error {
	if cfg.Spec == "" {
		return errors.New("no spec given: pass SPEC or set spec in oasgen.yaml")
	}
	if cfg.Package == "" {
		cfg.Package = "api"
	}
	if !token.IsIdentifier(cfg.Package) || cfg.Package == "_" {
		return fmt.Errorf("package name %q is not a Go identifier (letters, digits and _, not starting with a digit, not a keyword)", cfg.Package)
	}
	if len(cfg.Generate) == 0 {
		cfg.Generate = KnownParts
	}
	for _, p := range cfg.Generate {
		if !slices.Contains(KnownParts, p) {
			return fmt.Errorf("unknown part %q in generate; known: %v", p, KnownParts)
		}
	}
	switch cfg.ServerInterface {
	case "", ServerStandard, ServerStrict:
	default:
		return fmt.Errorf("unknown server-interface %q; known: %s, %s", cfg.ServerInterface, ServerStandard, ServerStrict)
	}
	if cfg.Templates != "" {
		if st, err := os.Stat(cfg.Templates); err != nil || !st.IsDir() {
			return fmt.Errorf("templates folder %s: not a folder", cfg.Templates)
		}
	}
	return nil
}
