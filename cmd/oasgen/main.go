// Command oasgen generates Go code from OpenAPI 3 specs split over many files.
//
// Usage:
//
//	oasgen generate [SPEC] [-o DIR] [-p PACKAGE] [--check] [--strict] [-v]
//	oasgen validate [SPEC...] [--format text|json|github] [--strict]
//	oasgen init [SPEC] [-o DIR] [-p PACKAGE]
//	oasgen version
//
// Exit codes: 0 success, 1 --check found drift or --strict found warnings,
// 2 the spec or the configuration could not be used.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// exitError carries the exit code a command chose.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func main() {
	tuneGC() // see gc.go; validate defers collection further
	root := newRootCmd()
	err := root.Execute()
	if err == nil {
		return
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintln(os.Stderr, "oasgen:", ee.err)
		}
		os.Exit(ee.code)
	}
	fmt.Fprintln(os.Stderr, "oasgen:", err)
	os.Exit(2)
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "oasgen",
		Short: "Generate Go code from OpenAPI 3 specs split over many files",
		Long: `oasgen loads an OpenAPI 3 spec (YAML or JSON, split over files linked by
relative $refs) and generates Go code from it: models, validators with a
checked decoder and encoder, and a net/http server. "oasgen validate" checks
spec files. For a spec you do not own, see --no-go-extensions and SECURITY.md.

In a Go module: "go get -tool github.com/oasgen/oasgen/cmd/oasgen", an
oasgen.yaml in the package folder ("oasgen init SPEC -o . -p NAME" there),
and "//go:generate go tool oasgen generate" in a Go file of the package.

Exit codes: 0 success, 1 --check found drift or --strict found warnings,
2 the spec or the configuration could not be used.`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("oasgen {{.Version}}\n")
	root.AddCommand(newGenerateCmd(), newValidateCmd(), newInitCmd(), newVersionCmd())
	return root
}
