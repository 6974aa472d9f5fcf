package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/diag"
)

// copyCase copies a case of testdata/invalid into a temporary folder and
// returns its spec.
func copyCase(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join(repoRoot(t), "testdata", "invalid", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		writeFile(t, filepath.Join(dst, rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dst, "openapi.yaml")
}

// TestIgnoreFile: an ignore file written from the findings silences each
// of them, and only them, in validate and in generate (where ignored
// warnings no longer count).
func TestIgnoreFile(t *testing.T) {
	spec := copyCase(t, "keyword-typos")
	dir := filepath.Dir(spec)
	all, err := Lint(LintConfig{Spec: spec})
	if err != nil || len(all) != 6 {
		t.Fatalf("%d findings, %v; want the case's 6", len(all), err)
	}
	path := filepath.Join(dir, DefaultIgnoreFile)
	n, err := WriteIgnoreFile(path, all)
	if err != nil || n != 6 {
		t.Fatalf("wrote %d entries, %v", n, err)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "openapi.yaml:\n  unknown-field:\n    - '#/components/schemas/Pet/additonalProperties'\n") {
		t.Errorf("ignore file:\n%s", data)
	}

	// Without the entry of "requried", that finding alone is reported.
	writeFile(t, path, strings.Replace(string(data), "    - '#/components/schemas/Pet/requried'\n", "", 1))
	ig, err := ReadIgnoreFile(path)
	if err != nil {
		t.Fatal(err)
	}
	list, err := Lint(LintConfig{Spec: spec, Ignore: []*IgnoreFile{ig}})
	if err != nil || len(list) != 1 || !strings.Contains(list[0].Message, `"requried"`) || ig.Ignored != 5 {
		t.Errorf("got %v (%v), %d ignored; want only requried, 5 ignored", list, err, ig.Ignored)
	}
	if got := IgnoredSummary([]*IgnoreFile{ig}); got != "5 findings ignored by "+path {
		t.Errorf("summary %q", got)
	}

	// generate: the ignored warnings are gone from the result.
	ig.Ignored = 0
	res, err := Generate(Config{Spec: spec, Ignore: []*IgnoreFile{ig}})
	if err != nil || res.Diagnostics.Count(diag.Warning) != 1 || ig.Ignored != 5 {
		t.Errorf("generate: %v, %d warnings, %d ignored", err, res.Diagnostics.Count(diag.Warning), ig.Ignored)
	}
}

func TestReadIgnoreFileErrors(t *testing.T) {
	tests := []struct{ content, want string }{
		{"openapi.yaml:\n  unknown-feild:\n    - '#/info'\n", `2:3: unknown rule "unknown-feild"; did you mean "unknown-field"?`},
		{"openapi.yaml:\n  unknown-field:\n    - /info\n", `3:7: a JSON pointer must start with # (#/paths/~1pets/get; # for the whole file), not "/info"`},
		{"openapi.yaml:\n  unknown-field: '#/info'\n", `2:18: openapi.yaml: unknown-field must be a list of JSON pointers`},
		{"openapi.yaml: [unknown-field]\n", `1:15: openapi.yaml must be a mapping`},
		{"- openapi.yaml\n", `1:1: the file must be a mapping`},
		{"a:\n  b: [\n", `invalid YAML`},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), DefaultIgnoreFile)
		writeFile(t, path, tt.content)
		_, err := ReadIgnoreFile(path)
		if err == nil || !strings.HasPrefix(err.Error(), path+":") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want %s", tt.content, err, tt.want)
		}
	}
	path := filepath.Join(t.TempDir(), DefaultIgnoreFile)
	writeFile(t, path, "# nothing ignored yet\n")
	if f, err := ReadIgnoreFile(path); err != nil || len(f.entries) != 0 {
		t.Errorf("a file of comments: %v, %v", f, err)
	}
}

// TestIgnoreFilePaths: --ignore-file wins; else the default file of the
// current folder and of the spec's folder, those that exist.
func TestIgnoreFilePaths(t *testing.T) {
	cwd, specDir := t.TempDir(), t.TempDir()
	t.Chdir(cwd)
	spec := filepath.Join(specDir, "openapi.yaml")
	if got := IgnoreFilePaths("", spec); len(got) != 0 {
		t.Errorf("none exist: %q", got)
	}
	writeFile(t, filepath.Join(specDir, DefaultIgnoreFile), "")
	if got := IgnoreFilePaths("", spec); len(got) != 1 || got[0] != filepath.Join(specDir, DefaultIgnoreFile) {
		t.Errorf("beside the spec: %q", got)
	}
	writeFile(t, DefaultIgnoreFile, "")
	if got := IgnoreFilePaths("", spec); len(got) != 2 || got[0] != DefaultIgnoreFile {
		t.Errorf("both: %q", got)
	}
	if got := IgnoreFilePaths("", DefaultIgnoreFile); len(got) != 1 {
		t.Errorf("spec in the current folder: %q, want the one file once", got)
	}
	if got := IgnoreFilePaths("other.yaml", spec); len(got) != 1 || got[0] != "other.yaml" {
		t.Errorf("--ignore-file: %q", got)
	}
}

// TestIgnoreCountsOnce: a finding reported twice (printed once) is counted
// once.
func TestIgnoreCountsOnce(t *testing.T) {
	var l diag.List
	pos := diag.Pos{File: filepath.FromSlash("/api/openapi.yaml"), Line: 3, Col: 5}
	l.Warnf(pos, "unknown-field", "unknown field %q", "x")
	l.Warnf(pos, "unknown-field", "unknown field %q", "x")
	l[0].Pointer, l[1].Pointer = "#/info/x", "#/info/x"
	l.Warnf(pos, "unknown-format", "unknown format")
	f := &IgnoreFile{Path: DefaultIgnoreFile, entries: map[ignoreKey]bool{{pos.File, "unknown-field", "#/info/x"}: true}}
	if got := Ignore(l, []*IgnoreFile{f}); len(got) != 1 || got[0].Rule != "unknown-format" || f.Ignored != 1 {
		t.Errorf("kept %v, %d ignored; want unknown-format kept, 1 ignored", got, f.Ignored)
	}
}
