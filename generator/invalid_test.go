package generator

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/diag"
)

// TestInvalidInput runs every case under testdata/invalid. expect.txt holds
// a substring of the message, the expected position prefix (relative to the
// case folder, "-" for none) and, for defects generation works around,
// "warning". Errors must come back as positioned diagnostics, never a panic.
func TestInvalidInput(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "invalid", "*", "expect.txt"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no invalid cases: %v", err)
	}
	for _, expect := range cases {
		dir := filepath.Dir(expect)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want := readExpect(t, expect)
			res, err := Generate(Config{Spec: filepath.Join(dir, "openapi.yaml")})
			var dl *diag.ErrorList
			switch {
			case want.severity == diag.Warning && err != nil:
				t.Fatalf("want only warnings, got error: %v", err)
			case want.severity == diag.Error && !errors.As(err, &dl):
				t.Fatalf("want a positioned error, got %v", err)
			}
			got := diagText(t, dir, res.Diagnostics)
			for _, line := range strings.Split(got, "\n") {
				if strings.HasPrefix(line, want.pos) && strings.Contains(line, ": "+want.severity.String()+": ") &&
					strings.Contains(strings.ToLower(line), strings.ToLower(want.text)) {
					return
				}
			}
			t.Errorf("no %s at %q containing %q; got:\n%s", want.severity, want.pos, want.text, got)
		})
	}
}

type expectation struct {
	text, pos string
	severity  diag.Severity
}

func readExpect(t *testing.T, path string) expectation {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	e := expectation{text: strings.TrimSpace(lines[0]), severity: diag.Error}
	if len(lines) > 1 && strings.TrimSpace(lines[1]) != "-" {
		e.pos = strings.TrimSpace(lines[1])
	}
	if len(lines) > 2 && strings.TrimSpace(lines[2]) == "warning" {
		e.severity = diag.Warning
	}
	return e
}
