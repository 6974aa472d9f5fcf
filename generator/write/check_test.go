package write

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	t.Run("reports stale, missing and extra", func(t *testing.T) {
		dir := t.TempDir()
		putFiles(t, dir, map[string][]byte{
			"stale.gen.go": gen("type A int\nconst old = 1\n"),
			"same.gen.go":  gen("type S int\n"),
			"extra.gen.go": gen("type E int\n"),
			"helpers.go":   handWritten,
			"notes.txt":    []byte(Header + "\n"),
		})
		before := snapshot(t, dir)
		files := []File{
			{"stale.gen.go", gen("type A int\nconst new = 2\n")},
			{"same.gen.go", gen("type S int\n")},
			{"missing.gen.go", gen("")},
		}
		drifts, err := Check(dir, files)
		if err != nil {
			t.Fatal(err)
		}
		wantDiff := "--- a/stale.gen.go\n+++ b/stale.gen.go\n" +
			"@@ -2,4 +2,4 @@\n" +
			" \n package api\n type A int\n-const old = 1\n+const new = 2\n"
		want := []Drift{
			{Name: "extra.gen.go", Kind: Extra},
			{Name: "missing.gen.go", Kind: Missing},
			{Name: "stale.gen.go", Kind: Stale, Diff: wantDiff},
		}
		if fmt.Sprint(drifts) != fmt.Sprint(want) {
			t.Errorf("Check =\n%v\nwant\n%v", drifts, want)
		}
		assertSameSnapshot(t, before, snapshot(t, dir))
	})

	t.Run("missing dir means every file is missing", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		drifts, err := Check(dir, []File{{"b.gen.go", gen("")}, {"a.gen.go", gen("")}})
		if err != nil {
			t.Fatal(err)
		}
		want := []Drift{{Name: "a.gen.go", Kind: Missing}, {Name: "b.gen.go", Kind: Missing}}
		if fmt.Sprint(drifts) != fmt.Sprint(want) {
			t.Errorf("Check = %v, want %v", drifts, want)
		}
		assertMissing(t, dir)
	})

	t.Run("in sync after Write", func(t *testing.T) {
		dir := t.TempDir()
		putFiles(t, dir, map[string][]byte{"old.gen.go": gen(""), "helpers.go": handWritten})
		files := []File{{"a.gen.go", gen("type A int\n")}, {"b.gen.go", gen("type B int\n")}}
		if _, err := Write(dir, files); err != nil {
			t.Fatal(err)
		}
		drifts, err := Check(dir, files)
		if err != nil {
			t.Fatal(err)
		}
		if len(drifts) != 0 {
			t.Errorf("Check after Write = %v, want no drift", drifts)
		}
	})

	t.Run("refuses hand-written target", func(t *testing.T) {
		dir := t.TempDir()
		putFiles(t, dir, map[string][]byte{"a.gen.go": handWritten})
		_, err := Check(dir, []File{{"a.gen.go", gen("")}})
		if err == nil || !strings.Contains(err.Error(), "a.gen.go") {
			t.Fatalf("Check error = %v, want a refusal naming a.gen.go", err)
		}
	})

	t.Run("long diff is truncated", func(t *testing.T) {
		dir := t.TempDir()
		var old, regen strings.Builder
		for i := range 100 {
			fmt.Fprintf(&old, "var v%d = %d\n", i, i)
			fmt.Fprintf(&regen, "var v%d = %d\n", i, -i)
		}
		putFiles(t, dir, map[string][]byte{"a.gen.go": gen(old.String())})
		drifts, err := Check(dir, []File{{"a.gen.go", gen(regen.String())}})
		if err != nil {
			t.Fatal(err)
		}
		if len(drifts) != 1 {
			t.Fatalf("Check = %v, want one drift", drifts)
		}
		full := UnifiedDiff("a/a.gen.go", "b/a.gen.go", gen(old.String()), gen(regen.String()))
		fullLines := strings.Count(full, "\n")
		lines := strings.SplitAfter(drifts[0].Diff, "\n")
		lines = lines[:len(lines)-1] // after the final "\n"
		if len(lines) != maxDiffLines+1 {
			t.Fatalf("diff has %d lines, want %d", len(lines), maxDiffLines+1)
		}
		if got, want := lines[maxDiffLines], fmt.Sprintf("... (%d more lines)\n", fullLines-maxDiffLines); got != want {
			t.Errorf("last line = %q, want %q", got, want)
		}
		if !strings.HasPrefix(full, strings.Join(lines[:maxDiffLines], "")) {
			t.Errorf("truncated diff is not a prefix of the full diff")
		}
	})
}

func TestDriftKindString(t *testing.T) {
	tests := []struct {
		kind DriftKind
		want string
	}{
		{Stale, "stale"},
		{Missing, "missing"},
		{Extra, "extra"},
		{Interrupted, "interrupted"},
		{DriftKind(7), "DriftKind(7)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.kind.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTruncateLines(t *testing.T) {
	tests := []struct {
		name, text string
		limit      int
		want       string
	}{
		{"empty", "", 2, ""},
		{"under the limit", "a\nb\n", 2, "a\nb\n"},
		{"one over is kept", "a\nb\nc\n", 2, "a\nb\nc\n"},
		{"cut", "a\nb\nc\nd\n", 2, "a\nb\n... (2 more lines)\n"},
		{"cut, no final newline", "a\nb\nc\nd", 2, "a\nb\n... (2 more lines)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncateLines(tt.text, tt.limit); got != tt.want {
				t.Errorf("truncateLines(%q, %d) = %q, want %q", tt.text, tt.limit, got, tt.want)
			}
		})
	}
}
