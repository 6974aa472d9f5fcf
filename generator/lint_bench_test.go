package generator

import (
	"path/filepath"
	"testing"
)

// BenchmarkLint measures oasgen validate's work on each Medusa spec.
func BenchmarkLint(b *testing.B) {
	corpus := corpusDir(b)
	if corpus == "" {
		b.Skip("../shared/corpus is absent")
	}
	for _, s := range []string{"medusa-v1/store", "medusa-v1/admin", "medusa-v2/store", "medusa-v2/admin"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Lint(LintConfig{Spec: filepath.Join(corpus, s, "openapi.yaml")}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
