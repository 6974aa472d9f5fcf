package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/oasgen/oasgen/generator"
)

// readConfig reads oasgen.yaml: the given path, or ./oasgen.yaml when it
// exists. It does not look in the folders above: generate writes files, and
// a config found somewhere up the tree would decide where and what; a
// directive or a CI step names another file with -c.
func readConfig(path string) (*generator.FileConfig, error) {
	if path == "" {
		if !exists(generator.DefaultConfigFile) {
			return &generator.FileConfig{}, nil
		}
		path = generator.DefaultConfigFile
	}
	return generator.ReadConfigFile(path)
}

// noSpecError says that neither SPEC nor oasgen.yaml named a spec. When no
// config was read and a folder above holds an oasgen.yaml, it names that
// file and the -c that reads it: the usual slip is a //go:generate directive
// in a package below the folder of oasgen.yaml.
func noSpecError(configFlag string) error {
	msg := "no spec given: pass SPEC or set spec in oasgen.yaml"
	if configFlag != "" || exists(generator.DefaultConfigFile) {
		return errors.New(msg)
	}
	if above := configAbove(); above != "" {
		return fmt.Errorf("no spec given and no %s in this folder; to use %s, pass -c %[2]s", generator.DefaultConfigFile, above)
	}
	return errors.New(msg)
}

// configAbove returns the relative path of the nearest oasgen.yaml in a
// folder above the current one, up to the module root (the first folder
// holding go.mod), or "".
func configAbove() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	rel := "."
	for !exists(filepath.Join(dir, "go.mod")) {
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir, rel = parent, filepath.Join(rel, "..")
		if exists(filepath.Join(dir, generator.DefaultConfigFile)) {
			return filepath.Join(rel, generator.DefaultConfigFile)
		}
	}
	return ""
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
