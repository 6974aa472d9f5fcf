package load

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// yamlV3Root parses data with yaml.v3 as parseYAML does without the fast path.
func yamlV3Root(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("empty")
	}
	return doc.Content[0], nil
}

// sameNodes reports the first difference between two trees, comments aside.
func sameNodes(want, got *yaml.Node, path string) error {
	if want.Kind != got.Kind || want.Style != got.Style || want.Tag != got.Tag || want.Value != got.Value ||
		want.Anchor != got.Anchor || want.Line != got.Line || want.Column != got.Column ||
		len(want.Content) != len(got.Content) || (want.Alias == nil) != (got.Alias == nil) {
		return fmt.Errorf("%s: yaml.v3 has %+v\nfast path has %+v", path, *want, *got)
	}
	for i := range want.Content {
		if err := sameNodes(want.Content[i], got.Content[i], fmt.Sprintf("%s/%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// checkFast fails when the fast path accepts data but disagrees with
// yaml.v3; it reports whether the fast path accepted it.
func checkFast(t testing.TB, name string, data []byte) bool {
	t.Helper()
	got, ok := parseFast(data)
	if !ok {
		return false
	}
	want, err := yamlV3Root(data)
	if err != nil {
		t.Fatalf("%s: the fast path accepts what yaml.v3 refuses (%v):\n%s", name, err, data)
	}
	if err := sameNodes(want, got, name); err != nil {
		t.Fatalf("%v\ninput:\n%s", err, data)
	}
	return true
}

var fastCases = []struct {
	src    string
	accept bool // whether the fast path should take it
}{
	{"a: 1\nb: true\nc: null\nd: ~\ne: 1.5\nf: 0x1F\ng: 2001-12-14\nh: yes\ni: -3\nj: .inf\nk: '1'\nl: \"x\"\n", true},
	{"a:\n  b: c\n  d:\n    - 1\n    - two\n    -   three # c\ne: f\n", true},
	{"a:\n- x\n- y: 1\n  z: 2\nb: 3\n", true},
	{"- not a mapping\n", false},
	{"a: b: c\n", false},
	{"a:\nb:\n  c:\n", true},
	{"a:\n  -\n  - b\n  -\n", true},
	{"a: |\n  line 1\n   more\n\n  line 3\n\n\nb: >-\n  folded\n  text\n\n  para\n   indented\n  back\nc: |+\n  keep\n\n", true},
	{"a: >\n\n  after blank\n  x\n", true},
	{"a: |-\n  x\n", true},
	{"a: |\n", true},
	{"a: |", true},
	{"a: >-\n    deep\n  shallow\n", false},
	{"a: |2\n   x\n", false},
	{"a: plain\n  continued\n\n  para\nb: x\n", true},
	{"a: plain # comment\n  # not a continuation\nb: x #y\nc: x#y\n", true},
	{"a: 'it''s'\nb: \"esc \\\" \\\\ \\n \\t \\u00e9 \\x41 \\U0001F600\"\nc: ''\nd: \"\"\n", true},
	{"a: \"bad \\/\"\n", false},
	{"a: 'multi\n  line'\n", false},
	{"a: []\nb: {}\nc: [1]\n", false},
	{"a: []\nb: {}\n", true},
	{"'q': 1\n\"d\": 2\n200: ok\n/path/{id}: x\n$ref: y\n", true},
	{"a: &x 1\nb: *x\n", false},
	{"a: !!str 1\n", false},
	{"---\na: 1\n", false},
	{"a: 1\n---\nb: 2\n", false},
	{"a:\tb\n", false},
	{"a: b\r\n", false},
	{"a: é\nb: ünïcode: x\n", false},
	{"ü: é\nb: café\n  crème\nc: |\n  naïve\n", true},
	{"# only a comment\n", false},
	{"", false},
	{"a: 1\n  b: 2\n", false},
	{"a:\n  b: 1\n c: 2\n", false},
	{"a: - b\n", false},
	{"a:\n  - - b\n", false},
	{"a:\n  ? b\n", false},
	{"a: b\n- c\n", false},
	{"a: -1\nb: -x\nc: ?x\nd: :x\ne: x:y\nf: http://x\n", true},
	{"a: @x\n", false},
	{"a: `x\n", false},
	{"a:\n  |\n   x\n", true},
	{"a:\n  text on\n  two lines\nb: 1\n", true},
	{"a:\n  'q'\n", true},
	{"key :\n", false},
	{"a: [] # c\nb: 'x' # c\nc: |- # c\n  x\n", true},
	{"a: 'x'#c\n", false},
	{"<<: x\n", true},
	{"a: 1\n\n\n   \nb: 2\n   # c\n", true},
	{"  a: 1\n  b: 2\n", true},
	{"a: >\n  x\n\n\n", true},
	{"a: >+\n  x\n\n\n", true},
	{"a:\n- |\n  x\n- >-\n  y\n", true},
	{"a: x\n - y\n", true},
	{"a: \"x\\\n  y\"\n", false},
	{"a:\n  - b\n   c\n", true},
	{"a: b\n...\n", false},
}

func TestFastYAMLCases(t *testing.T) {
	for _, c := range fastCases {
		if got := checkFast(t, fmt.Sprintf("%q", c.src), []byte(c.src)); got != c.accept {
			t.Errorf("%q: fast path accepted = %v, want %v", c.src, got, c.accept)
		}
	}
}

// TestFastYAMLFiles compares the fast path with yaml.v3 on every YAML file
// of the repository's specs and of the shared corpus when it is present.
func TestFastYAMLFiles(t *testing.T) {
	var total, fast int
	for _, dir := range []string{"../../specs", "../../testdata", "../../../shared/corpus"} {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") && !strings.HasSuffix(path, ".yml") {
				return nil
			}
			if testing.Short() && strings.HasSuffix(path, ".full.yaml") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			total++
			if checkFast(t, path, data) {
				fast++
			} else if os.Getenv("FASTYAML_VERBOSE") != "" {
				t.Logf("not on the fast path: %s", path)
			}
			return nil
		})
	}
	t.Logf("%d of %d files on the fast path", fast, total)
}

func FuzzFastYAML(f *testing.F) {
	for _, c := range fastCases {
		f.Add(c.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkFast(t, "fuzz", []byte(src))
	})
}
