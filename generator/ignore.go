package generator

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// DefaultIgnoreFile is the ignore file oasgen reads from the current folder
// and from the spec's folder.
const DefaultIgnoreFile = ".oasgen-ignore.yaml"

// IgnoreFile lists findings not to report, as Redocly's
// .redocly.lint-ignore.yaml does: by spec file (relative to the ignore
// file's folder), rule id and the finding's JSON pointer in that file.
//
//	openapi.yaml:
//	  operation-ref:
//	    - '#/paths/~1pets/get'
type IgnoreFile struct {
	Path    string
	entries map[ignoreKey]bool
	// Ignored counts the findings Ignore dropped because of this file.
	Ignored int
}

// ignoreKey is one finding of an ignore file: an absolute file path, a
// rule id and a pointer ("#" for the whole file).
type ignoreKey struct{ file, rule, pointer string }

// keyOf is the ignore key of a finding, relative to nothing: files are
// absolute in diagnostics.
func keyOf(d diag.Diagnostic) ignoreKey {
	ptr := d.Pointer
	if ptr == "" {
		ptr = "#"
	}
	return ignoreKey{d.Pos.File, d.Rule, ptr}
}

// ReadIgnoreFile reads an ignore file. Its errors name the file, line and
// column, as those of oasgen.yaml do.
func ReadIgnoreFile(path string) (*IgnoreFile, error) {
	root, err := readYAMLFile(path)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	f := &IgnoreFile{Path: path, entries: map[ignoreKey]bool{}}
	if root == nil || root.Tag == "!!null" {
		return f, nil
	}
	dir := filepath.Dir(abs)
	pos := func(n *yaml.Node) diag.Pos { return diag.Pos{File: path, Line: n.Line, Col: n.Column} }
	shape := "a mapping of spec files to rule ids to lists of JSON pointers"
	if root.Kind != yaml.MappingNode {
		return nil, configError(pos(root), "the file must be %s", shape)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		fileKey, rules := root.Content[i], root.Content[i+1]
		file := filepath.Join(dir, filepath.FromSlash(fileKey.Value))
		if rules.Kind != yaml.MappingNode {
			return nil, configError(pos(rules), "%s must be a mapping of rule ids to lists of JSON pointers", fileKey.Value)
		}
		for j := 0; j+1 < len(rules.Content); j += 2 {
			rule, pointers := rules.Content[j], rules.Content[j+1]
			if !slices.Contains(KnownRules, rule.Value) {
				return nil, configError(pos(rule), "unknown rule %q%s", rule.Value, configHint(rule.Value, KnownRules, "known"))
			}
			if pointers.Kind != yaml.SequenceNode {
				return nil, configError(pos(pointers), "%s: %s must be a list of JSON pointers", fileKey.Value, rule.Value)
			}
			for _, p := range pointers.Content {
				if p.Kind != yaml.ScalarNode || !strings.HasPrefix(p.Value, "#") {
					return nil, configError(pos(p), "a JSON pointer must start with # (#/paths/~1pets/get; # for the whole file), not %s", describeNode(p))
				}
				f.entries[ignoreKey{file, rule.Value, p.Value}] = true
			}
		}
	}
	return f, nil
}

// Ignore returns the findings of list that none of files lists, and adds
// those it drops to the files' Ignored counts. With files, the list comes
// back sorted and without duplicates, as it is printed, so that the counts
// are of the findings a user would have seen.
func Ignore(list diag.List, files []*IgnoreFile) diag.List {
	if len(files) == 0 {
		return list
	}
	var out diag.List
	for _, d := range list.Sorted() {
		if i := slices.IndexFunc(files, func(f *IgnoreFile) bool { return f.entries[keyOf(d)] }); i >= 0 {
			files[i].Ignored++
			continue
		}
		out = append(out, d)
	}
	return out
}

// IgnoredSummary says how many findings the files made oasgen leave out,
// such as "3 findings ignored by .oasgen-ignore.yaml", or "" for none.
func IgnoredSummary(files []*IgnoreFile) string {
	var parts []string
	for _, f := range files {
		switch f.Ignored {
		case 0:
		case 1:
			parts = append(parts, "1 finding ignored by "+f.Path)
		default:
			parts = append(parts, fmt.Sprintf("%d findings ignored by %s", f.Ignored, f.Path))
		}
	}
	return strings.Join(parts, "; ")
}

// IgnoreFilePaths returns the ignore files that apply to spec: path when
// given, else the DefaultIgnoreFile of the current folder and that of the
// spec's folder, those that exist.
func IgnoreFilePaths(path, spec string) []string {
	if path != "" {
		return []string{path}
	}
	var out []string
	candidates := []string{DefaultIgnoreFile}
	if spec != "" && !isURL(spec) {
		candidates = append(candidates, filepath.Join(filepath.Dir(spec), DefaultIgnoreFile))
	}
	seen := map[string]bool{}
	for _, c := range candidates {
		abs, err := filepath.Abs(c)
		if err != nil || seen[abs] {
			continue
		}
		seen[abs] = true
		if _, err := os.Stat(c); err == nil {
			out = append(out, c)
		}
	}
	return out
}

// WriteIgnoreFile writes an ignore file at path that lists every finding
// of list with a file, so that they are no longer reported; it returns
// how many entries it wrote.
func WriteIgnoreFile(path string, list diag.List) (int, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, err
	}
	dir := filepath.Dir(abs)
	// file -> rule -> pointers, each sorted when written.
	byFile := map[string]map[string][]string{}
	n := 0
	for _, d := range list {
		if d.Pos.File == "" || d.Rule == "" {
			continue
		}
		k := keyOf(d)
		rel, err := filepath.Rel(dir, k.file)
		if err != nil {
			rel = k.file
		}
		rel = filepath.ToSlash(rel)
		if byFile[rel] == nil {
			byFile[rel] = map[string][]string{}
		}
		if !slices.Contains(byFile[rel][k.rule], k.pointer) {
			byFile[rel][k.rule] = append(byFile[rel][k.rule], k.pointer)
			n++
		}
	}
	doc := &yaml.Node{Kind: yaml.MappingNode}
	for _, file := range slices.Sorted(maps.Keys(byFile)) {
		rules := &yaml.Node{Kind: yaml.MappingNode}
		for _, rule := range slices.Sorted(maps.Keys(byFile[file])) {
			ptrs := &yaml.Node{Kind: yaml.SequenceNode}
			for _, p := range slices.Sorted(slices.Values(byFile[file][rule])) {
				ptrs.Content = append(ptrs.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: p, Style: yaml.SingleQuotedStyle})
			}
			rules.Content = append(rules.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: rule}, ptrs)
		}
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: file}, rules)
	}
	var b bytes.Buffer
	b.WriteString(ignoreFileHeader)
	if len(doc.Content) > 0 {
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(doc); err != nil {
			return 0, err
		}
		if err := enc.Close(); err != nil {
			return 0, err
		}
	}
	return n, os.WriteFile(path, b.Bytes(), 0o644)
}

const ignoreFileHeader = `# Findings oasgen validate and oasgen generate do not report: spec files
# (relative to this file), rule ids, and the JSON pointers of the findings
# in the file ("#" for the whole file). Written by
# "oasgen validate --generate-ignore-file"; see docs/validate.md.
`
