package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const benchModule = "github.com/oasgen/oasgen/bench"

// Spec is one input specification.
type Spec struct {
	Name string // short display name, e.g. "medusa-v1/store"
	Path string // absolute path of the root document
}

// medusaSpecs are the corpus specs under <repo>/../shared/corpus.
var medusaSpecs = []string{
	"medusa-v1/store",
	"medusa-v1/admin",
	"medusa-v2/store",
	"medusa-v2/admin",
}

// discoverSpecs returns the benchmark specs that exist, plus notes about
// the ones that were skipped.
func discoverSpecs(repoRoot string) (specs []Spec, notes []string) {
	own := filepath.Join(repoRoot, "specs", "store", "openapi.yaml")
	if fileExists(own) {
		specs = append(specs, Spec{Name: "specs/store", Path: own})
	} else {
		notes = append(notes, fmt.Sprintf("skipping specs/store: %s does not exist", own))
	}

	shared := filepath.Clean(filepath.Join(repoRoot, "..", "shared"))
	if st, err := os.Stat(shared); err != nil || !st.IsDir() {
		notes = append(notes, fmt.Sprintf("skipping Medusa specs: %s not found", shared))
		return specs, notes
	}
	for _, name := range medusaSpecs {
		p := filepath.Join(shared, "corpus", filepath.FromSlash(name), "openapi.yaml")
		if fileExists(p) {
			specs = append(specs, Spec{Name: name, Path: p})
		} else {
			notes = append(notes, fmt.Sprintf("skipping %s: %s does not exist", name, p))
		}
	}
	return specs, notes
}

// filterSpecs keeps specs whose name or path contains any of the
// comma-separated substrings in filter (all specs when filter is empty).
func filterSpecs(specs []Spec, filter string) []Spec {
	var subs []string
	for _, s := range strings.Split(filter, ",") {
		if s = strings.TrimSpace(s); s != "" {
			subs = append(subs, s)
		}
	}
	if len(subs) == 0 {
		return specs
	}
	var out []Spec
	for _, sp := range specs {
		for _, s := range subs {
			if strings.Contains(sp.Name, s) || strings.Contains(filepath.ToSlash(sp.Path), s) {
				out = append(out, sp)
				break
			}
		}
	}
	return out
}

// findBenchDir walks up from dir to the directory whose go.mod declares the
// bench module. The repository root is its parent.
func findBenchDir(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if data, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && modulePath(data) == benchModule {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod for module %s found in %s or its parents (run from the bench directory)", benchModule, dir)
		}
	}
}

// modulePath returns the module path declared in a go.mod file.
func modulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
