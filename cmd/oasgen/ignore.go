package main

import (
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/oasgen/oasgen/generator"
)

// ignoreFileFlag declares --ignore-file.
func ignoreFileFlag(fl *pflag.FlagSet, dst *string) {
	fl.StringVar(dst, "ignore-file", "", "file of findings not to report (default: "+generator.DefaultIgnoreFile+" in the current folder and in the spec's, when they exist)")
}

// ignoreFiles reads each ignore file once, however many specs it applies to,
// so that its count of ignored findings covers them all.
type ignoreFiles struct {
	byPath map[string]*generator.IgnoreFile
	read   []*generator.IgnoreFile // in the order first read
}

// forSpec returns the ignore files that apply to spec (see
// generator.IgnoreFilePaths).
func (c *ignoreFiles) forSpec(flag, spec string) ([]*generator.IgnoreFile, error) {
	if c.byPath == nil {
		c.byPath = map[string]*generator.IgnoreFile{}
	}
	var out []*generator.IgnoreFile
	for _, path := range generator.IgnoreFilePaths(flag, spec) {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, err
		}
		f, ok := c.byPath[abs]
		if !ok {
			if f, err = generator.ReadIgnoreFile(path); err != nil {
				return nil, err
			}
			c.byPath[abs] = f
			c.read = append(c.read, f)
		}
		out = append(out, f)
	}
	return out, nil
}

// summary says how many findings the files left out, or "".
func (c *ignoreFiles) summary() string { return generator.IgnoredSummary(c.read) }
