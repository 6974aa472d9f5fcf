package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator"
)

// initFlags are the values init fills into the commented template.
type initFlags struct {
	output, pkg string
	force       bool
}

func newInitCmd() *cobra.Command {
	var f initFlags
	cmd := &cobra.Command{
		Use:   "init [SPEC]",
		Short: "Write a commented oasgen.yaml in the current folder",
		Long: `Init writes a commented oasgen.yaml in the current folder, listing every
setting. SPEC, a path relative to the current folder, becomes its spec: and
must be an existing file; without SPEC it is openapi.yaml. -o and -p set
output: and package:.

"oasgen generate" with no arguments then reads the file; for go generate,
run init in the folder of the file that holds the //go:generate directive.`,
		Example: `  oasgen init specs/openapi.yaml
  oasgen init ../../openapi.yaml -o . -p api   # in the package folder, for go generate
  oasgen init --force                          # replace an existing oasgen.yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInit(cmd, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "", "output folder to put in oasgen.yaml (default api)")
	fl.StringVarP(&f.pkg, "package", "p", "", "Go package name to put in oasgen.yaml (default api)")
	fl.BoolVar(&f.force, "force", false, "replace an existing oasgen.yaml")
	return cmd
}

func runInit(cmd *cobra.Command, f initFlags, args []string) error {
	values := map[string]string{"spec": "openapi.yaml", "output": f.output, "package": f.pkg}
	if len(args) == 1 {
		spec, err := initSpec(args[0])
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		values["spec"] = spec
	}
	text, err := configText(values)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if f.force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	file, err := os.OpenFile(generator.DefaultConfigFile, flags, 0o644)
	if errors.Is(err, os.ErrExist) {
		return &exitError{code: 2, err: fmt.Errorf("%s already exists; use --force to replace it", generator.DefaultConfigFile)}
	}
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if _, err := file.WriteString(text); err != nil {
		file.Close()
		return &exitError{code: 2, err: err}
	}
	if err := file.Close(); err != nil {
		return &exitError{code: 2, err: err}
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "wrote", generator.DefaultConfigFile)
	return nil
}

// initSpec checks that SPEC is a file (a URL is taken as it is) and returns
// it as oasgen.yaml writes it: relative to the current folder, which is the
// config file's, with forward slashes.
func initSpec(spec string) (string, error) {
	if strings.HasPrefix(spec, "http://") || strings.HasPrefix(spec, "https://") {
		return spec, nil
	}
	info, err := os.Stat(spec)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("spec %s does not exist", spec)
	case err != nil:
		return "", err
	case !info.Mode().IsRegular():
		return "", fmt.Errorf("spec %s: not a file", spec)
	}
	return filepath.ToSlash(filepath.Clean(spec)), nil
}

// configText fills values into generator.ConfigTemplate: each non-empty one
// replaces the template's line "key: default". The value is written as a
// YAML scalar, quoted when it needs to be.
func configText(values map[string]string) (string, error) {
	text := generator.ConfigTemplate
	for key, value := range values {
		if value == "" {
			continue
		}
		start := strings.Index(text, "\n"+key+": ")
		if start < 0 {
			return "", fmt.Errorf("internal error: the oasgen.yaml template has no %s: line", key)
		}
		start++
		end := start + strings.IndexByte(text[start:], '\n')
		scalar, err := yaml.Marshal(value)
		if err != nil {
			return "", err
		}
		text = text[:start] + key + ": " + strings.TrimSuffix(string(scalar), "\n") + text[end:]
	}
	return text, nil
}
