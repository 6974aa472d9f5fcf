package main

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/diag"
)

type validateFlags struct {
	config, format, ignoreFile    string
	context                       int
	strict, generateIgnoreFile    bool
	allowRemote, allowOutsideRoot bool
	rules                         []string
}

func newValidateCmd() *cobra.Command {
	var f validateFlags
	cmd := &cobra.Command{
		Use:   "validate [SPEC...]",
		Short: "Check spec files and report every problem with its position",
		Long: `Validate loads each SPEC (or the spec named in oasgen.yaml) with every file
its relative $refs reach, and reports every finding, not only the first:
syntax errors, unresolved $refs, OpenAPI structure errors, duplicate
operationIds, path parameters, undeclared security schemes, defaults,
examples and enums that do not match their schema, required properties that
do not exist, discriminators, Go name collisions, unused components.

Each finding is printed as file:line:col: severity: message [rule-id] (text),
as a JSON array (json), as GitHub Actions workflow commands (github), or
as a SARIF 2.1.0 log for GitHub code scanning (sarif).
Rules can be turned off or re-levelled under rules: in oasgen.yaml, or with
--rules rule=level (off, info, warning or error), which wins. Single
findings are silenced by an ignore file (.oasgen-ignore.yaml in the current
folder or the spec's, or --ignore-file), which lists them by spec file, rule
id and JSON pointer; --generate-ignore-file writes one of every current
finding.

Exit codes: 0 no errors; 1 errors found (or warnings, with --strict);
2 a spec could not be read at all.`,
		Example: `  oasgen validate specs/store/openapi.yaml
  oasgen validate --context 2                 # show the lines around each finding
  oasgen validate --format github api/*.yaml  # annotations in GitHub Actions
  oasgen validate --format json > findings.json
  oasgen validate --format sarif > oasgen.sarif  # for GitHub code scanning
  oasgen validate --rules unused-component=off,name-collision=warning
  oasgen validate --generate-ignore-file      # accept today's findings; report new ones`,
		RunE: func(cmd *cobra.Command, args []string) error { return runValidate(cmd, f, args) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.config, "config", "c", "", "config file (default ./oasgen.yaml when it exists)")
	fl.StringVar(&f.format, "format", "text", "output format: text, json, github or sarif (SARIF 2.1.0, for GitHub code scanning)")
	fl.IntVar(&f.context, "context", 0, "lines of source to show around each finding (text format)")
	fl.BoolVar(&f.strict, "strict", false, "exit 1 on warnings too")
	fl.BoolVar(&f.allowRemote, "allow-remote", false, "follow $refs to http(s) URLs")
	fl.BoolVar(&f.allowOutsideRoot, "allow-outside-root", false, "follow $refs to files outside the spec's folder")
	rulesFlag(fl, &f.rules)
	ignoreFileFlag(fl, &f.ignoreFile)
	fl.BoolVar(&f.generateIgnoreFile, "generate-ignore-file", false, "write every finding to the ignore file (--ignore-file, else ./"+generator.DefaultIgnoreFile+") instead of reporting them")
	return cmd
}

// rulesFlag declares --rules, which re-levels or turns off rules by id.
func rulesFlag(fl *pflag.FlagSet, dst *[]string) {
	fl.StringSliceVar(dst, "rules", nil, "re-level or turn off rules, comma-separated rule=level (off, info, warning, error); wins over oasgen.yaml")
}

// mergeRules returns the rules of oasgen.yaml with those of --rules on top.
func mergeRules(file map[string]string, flags []string) (map[string]string, error) {
	if len(flags) == 0 {
		return file, nil
	}
	rules := maps.Clone(file)
	if rules == nil {
		rules = map[string]string{}
	}
	for _, r := range flags {
		id, level, ok := strings.Cut(r, "=")
		if !ok || id == "" {
			return nil, fmt.Errorf("--rules %q: want rule=level", r)
		}
		rules[strings.TrimSpace(id)] = strings.TrimSpace(level)
	}
	if err := generator.CheckRules(rules); err != nil {
		return nil, fmt.Errorf("--rules: %w", err)
	}
	return rules, nil
}

func runValidate(cmd *cobra.Command, f validateFlags, args []string) error {
	deferGC()
	format := diag.Format(f.format)
	if !slices.Contains([]diag.Format{diag.Text, diag.JSON, diag.GitHub, diag.SARIF}, format) {
		return &exitError{code: 2, err: fmt.Errorf("unknown format %q: use text, json, github or sarif", f.format)}
	}
	fc, err := readConfig(f.config)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	rules, err := mergeRules(fc.Rules, f.rules)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	specs := args
	if len(specs) == 0 && fc.Spec != "" {
		specs = []string{fc.Spec}
	}
	if len(specs) == 0 {
		return &exitError{code: 2, err: noSpecError(f.config)}
	}
	var all diag.List
	var ignores ignoreFiles
	unreadable := false
	for _, spec := range specs {
		var ignore []*generator.IgnoreFile
		if !f.generateIgnoreFile {
			if ignore, err = ignores.forSpec(f.ignoreFile, spec); err != nil {
				return &exitError{code: 2, err: err}
			}
		}
		list, err := generator.Lint(generator.LintConfig{
			Spec:             spec,
			AllowRemote:      f.allowRemote || fc.AllowRemote,
			AllowOutsideRoot: f.allowOutsideRoot || fc.AllowOutsideRoot,
			Rules:            rules,
			Ignore:           ignore,
		})
		all = append(all, list...)
		if err != nil {
			unreadable = true
			if len(list) == 0 {
				all.Errorf(diag.Pos{File: spec}, "read", "%v", err)
			}
		}
	}
	if f.generateIgnoreFile {
		return writeIgnoreFile(cmd, f.ignoreFile, all, unreadable)
	}
	wd, _ := os.Getwd()
	tool := diag.Tool{Name: "oasgen", Version: versionString(), InformationURI: "https://github.com/oasgen/oasgen", Rules: generator.RuleTable()}
	if err := diag.Print(cmd.OutOrStdout(), wd, all, diag.TextOptions{Format: format, Context: f.context, Tool: tool}); err != nil {
		return &exitError{code: 2, err: err}
	}
	if format == diag.Text {
		summary := diag.Summary(all, len(specs))
		if ignored := ignores.summary(); ignored != "" {
			summary += "; " + ignored
		}
		fmt.Fprintln(cmd.ErrOrStderr(), summary)
	}
	switch {
	case unreadable:
		return &exitError{code: 2, err: errors.New("")}
	case all.HasErrors(), f.strict && all.Count(diag.Warning) > 0:
		return &exitError{code: 1, err: errors.New("")}
	}
	return nil
}

// writeIgnoreFile writes every finding to the ignore file: path, else
// DefaultIgnoreFile in the current folder.
func writeIgnoreFile(cmd *cobra.Command, path string, all diag.List, unreadable bool) error {
	if path == "" {
		path = generator.DefaultIgnoreFile
	}
	n, err := generator.WriteIgnoreFile(path, all)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %d finding(s) to %s\n", n, path)
	if unreadable {
		return &exitError{code: 2, err: errors.New("")}
	}
	return nil
}
