package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/oasgen/oasgen/generator"
)

func newInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented oasgen.yaml in the current folder",
		Example: `  oasgen init
  oasgen init --force   # replace an existing oasgen.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			f, err := os.OpenFile(generator.DefaultConfigFile, flags, 0o644)
			if errors.Is(err, os.ErrExist) {
				return &exitError{code: 2, err: fmt.Errorf("%s already exists; use --force to replace it", generator.DefaultConfigFile)}
			}
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			if _, err := f.WriteString(generator.ConfigTemplate); err != nil {
				f.Close()
				return &exitError{code: 2, err: err}
			}
			if err := f.Close(); err != nil {
				return &exitError{code: 2, err: err}
			}
			fmt.Fprintln(cmd.ErrOrStderr(), "wrote", generator.DefaultConfigFile)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing oasgen.yaml")
	return cmd
}
