package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/oasgen/oasgen/generator/build"
	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/load"
)

// LintConfig says which spec to check and how.
type LintConfig struct {
	Spec             string
	AllowRemote      bool
	AllowOutsideRoot bool
	// Rules re-levels or turns off rules by id: "off", "info", "warning", "error".
	Rules map[string]string
	// Ignore lists findings not to report (after Rules); each file counts
	// those it drops.
	Ignore []*IgnoreFile
}

// Lint loads a spec leniently and returns every finding: what loading,
// generation and the checks below find. The error is non-nil only when the
// spec could not be read at all (its diagnostics are in the list too).
func Lint(cfg LintConfig) (diag.List, error) {
	doc, diags, err := load.Load(cfg.Spec, load.Options{AllowRemote: cfg.AllowRemote, AllowOutsideRoot: cfg.AllowOutsideRoot, Lenient: true})
	if err != nil {
		var le *load.Error
		if errors.As(err, &le) {
			diags = append(diags, le.Diag)
		}
		return Ignore(applyRules(diags, cfg.Rules), cfg.Ignore), err
	}
	_, more := build.Build(doc, build.Options{Package: "api", Validation: true, DiagnosticsOnly: true})
	more = append(more, unusedComponents(doc)...)
	more = append(more, unreachableFiles(doc)...)
	doc.Locate(more)
	diags = append(diags, more...)
	return Ignore(applyRules(diags, cfg.Rules), cfg.Ignore), nil
}

// unusedComponents reports entries of the root file's components that no
// $ref points at (schemas are used by refs; security schemes by security).
func unusedComponents(doc *load.Document) diag.List {
	var out diag.List
	usedSchemes := map[string]bool{}
	for _, req := range doc.Security {
		for _, n := range req.Names {
			usedSchemes[n] = true
		}
	}
	for _, p := range doc.Paths {
		for _, op := range p.Operations {
			for _, req := range op.Security {
				for _, n := range req.Names {
					usedSchemes[n] = true
				}
			}
		}
	}
	for _, c := range doc.Components {
		switch {
		case strings.HasPrefix(c.Kind, "x-"), strings.HasPrefix(c.Name, "x-"):
		case c.Kind == "securitySchemes":
			if !usedSchemes[c.Name] {
				out.Warnf(c.Pos, "unused-component", "security scheme %q is not used by any security requirement", c.Name)
			}
		case !doc.RefTargets[doc.File+"#"+c.Pointer()]:
			out.Warnf(c.Pos, "unused-component", "components.%s.%s is not referenced", c.Kind, c.Name)
		}
	}
	return out
}

// unreachableFiles reports spec files under a components folder of the
// spec's tree that no $ref reaches (Medusa keeps one file per component).
func unreachableFiles(doc *load.Document) diag.List {
	var out diag.List
	root := filepath.Dir(doc.File)
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isSpecFile(path) {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if !slices.Contains(strings.Split(filepath.ToSlash(rel), "/"), "components") {
			return nil
		}
		if _, found := slices.BinarySearch(doc.Files, path); !found {
			out.Warnf(diag.Pos{File: path, Line: 1, Col: 1}, "unused-component", "this component file is not reachable from %s", diag.File(doc.File))
		}
		return nil
	})
	return out
}

func isSpecFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// applyRules re-levels or drops diagnostics as oasgen.yaml's rules say.
func applyRules(list diag.List, rules map[string]string) diag.List {
	if len(rules) == 0 {
		return list
	}
	var out diag.List
	for _, d := range list {
		level, ok := rules[d.Rule]
		if !ok {
			out = append(out, d)
			continue
		}
		if sev, keep := parseLevel(level); keep {
			d.Severity = sev
			out = append(out, d)
		}
	}
	return out
}

func parseLevel(level string) (diag.Severity, bool) {
	switch level {
	case "info":
		return diag.Info, true
	case "warning", "warn":
		return diag.Warning, true
	case "error":
		return diag.Error, true
	}
	return 0, false // "off"
}

// KnownRules are the rule ids of every diagnostic oasgen reports, which
// oasgen.yaml and --rules may re-level (docs/validate.md lists them).
var KnownRules = []string{
	"syntax", "missing-file", "read",
	"ref-missing-file", "ref-pointer", "ref-read", "ref-remote", "ref-outside-root", "ref-scheme",
	"ref-cycle", "alias-bomb", "not-openapi",
	"structure", "unknown-field", "duplicate-operation-id", "path-params", "undeclared-security-scheme",
	"security-scheme", "security-requirement",
	"default-type", "example-type", "default-invalid", "example-invalid", "enum-value",
	"required-unknown", "discriminator-property", "discriminator-mapping",
	"unknown-format", "pattern-unsupported", "allof-merge", "property-name", "name-collision",
	"unused-component", "server-route", "server-param", "server-body", "server-header",
	"go-extension", "path-characters", "ref-chain", "alias-cycle", "schema-depth", "combinator-cycle", "operation-ref", "items-list", "openapi-version", "unenforced-keyword",
	"version-field", "schema-dialect", "additional-operation", "querystring",
	"ignored-field",
	"webhook",
}

// CheckRules rejects unknown rule ids and levels in a rules map, so that a
// typo is not silently ignored.
func CheckRules(rules map[string]string) error {
	for _, rule := range slices.Sorted(maps.Keys(rules)) {
		if err := checkRule(rule, rules[rule]); err != nil {
			return err
		}
	}
	return nil
}

// checkRule rejects an unknown rule id, with the likely one, and an unknown level.
func checkRule(rule, level string) error {
	if !slices.Contains(KnownRules, rule) {
		return fmt.Errorf("unknown rule %q%s", rule, configHint(rule, KnownRules, "known"))
	}
	if _, keep := parseLevel(level); !keep && level != "off" {
		return fmt.Errorf("%s: level must be off, info, warning or error, not %q%s", rule, level, diag.DidYouMean(level, levels))
	}
	return nil
}

// levels are the levels a rule can be set to.
var levels = []string{"off", "info", "warning", "error"}
