package generator

import (
	"path/filepath"
	"testing"
)

// BenchmarkGenerate measures load → build → emit in memory on each Medusa
// spec and on specs/store (run with go test -bench Generate ./generator).
func BenchmarkGenerate(b *testing.B) {
	specs := []string{filepath.Join(repoRoot(b), "specs", "store", "openapi.yaml")}
	if corpus := corpusDir(b); corpus != "" {
		for _, s := range []string{"medusa-v1/store", "medusa-v1/admin", "medusa-v2/store", "medusa-v2/admin"} {
			specs = append(specs, filepath.Join(corpus, s, "openapi.yaml"))
		}
	}
	for _, spec := range specs {
		name, _ := filepath.Rel(filepath.Join(repoRoot(b), ".."), spec)
		b.Run(filepath.ToSlash(filepath.Dir(name)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Generate(Config{Spec: spec, Package: "api"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
