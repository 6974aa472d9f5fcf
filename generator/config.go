package generator

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/load"
)

// FileConfig is the content of oasgen.yaml. Paths in it are relative to the
// file's folder.
type FileConfig struct {
	Spec             string   `yaml:"spec"`
	Output           string   `yaml:"output"`
	Package          string   `yaml:"package"`
	Generate         []string `yaml:"generate"`
	Templates        string   `yaml:"templates"`
	Strict           bool     `yaml:"strict"`
	AllowRemote      bool     `yaml:"allow-remote"`
	AllowOutsideRoot bool     `yaml:"allow-outside-root"`
	// NoGoExtensions ignores x-go-type and x-go-type-import (see Config).
	NoGoExtensions bool `yaml:"no-go-extensions"`
	// ServerInterface is standard or strict (see Config.ServerInterface).
	ServerInterface string `yaml:"server-interface"`
	// Rules re-level or turn off diagnostics by rule id: off, info, warning, error.
	Rules map[string]string `yaml:"rules"`
}

// DefaultConfigFile is read from the current folder when no -c is given.
const DefaultConfigFile = "oasgen.yaml"

// ReadConfigFile reads an oasgen.yaml, rejecting unknown keys so a typo
// does not silently change what is generated. Errors name the file, line
// and column: "oasgen.yaml:2:1: unknown key "ouptut"; did you mean "output"?".
func ReadConfigFile(path string) (*FileConfig, error) {
	root, err := readYAMLFile(path)
	if err != nil {
		return nil, err
	}
	var fc FileConfig
	if err := decodeConfig(path, root, &fc); err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	for _, p := range []*string{&fc.Spec, &fc.Output, &fc.Templates} {
		if *p != "" && !filepath.IsAbs(*p) && !isURL(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return &fc, nil
}

// readYAMLFile reads and parses a YAML file of settings (oasgen.yaml, an
// ignore file): nil for an empty file, a syntax error with its position.
func readYAMLFile(path string) (*yaml.Node, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	root, err := load.Parse(path, data)
	var le *load.Error
	if errors.As(err, &le) {
		return nil, configError(le.Diag.Pos, "%s", le.Diag.Message)
	}
	return root, err
}

// configError is an error of oasgen.yaml at pos.
func configError(pos diag.Pos, format string, args ...any) error {
	return fmt.Errorf("%s: %s", pos, fmt.Sprintf(format, args...))
}

// decodeConfig fills fc from the root node of an oasgen.yaml, key by key,
// so that every problem names the key or value it is about.
func decodeConfig(path string, root *yaml.Node, fc *FileConfig) error {
	if root == nil || root.Tag == "!!null" {
		return nil // an empty file
	}
	pos := func(n *yaml.Node) diag.Pos { return diag.Pos{File: path, Line: n.Line, Col: n.Column} }
	if root.Kind != yaml.MappingNode {
		return configError(pos(root), "the file must be a mapping of settings (spec: openapi.yaml, ...)")
	}
	fields := configFields(fc)
	keys := slices.Sorted(maps.Keys(fields))
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		dst, known := fields[k.Value]
		switch {
		case !known:
			hint := configHint(k.Value, keys, "known keys")
			return configError(pos(k), "unknown key %q%s", k.Value, hint)
		case seen[k.Value]:
			return configError(pos(k), "the key %q is set twice", k.Value)
		}
		seen[k.Value] = true
		if k.Value == "rules" && v.Kind == yaml.MappingNode {
			if err := checkRuleNodes(path, v); err != nil {
				return err
			}
		}
		if err := v.Decode(dst.Addr().Interface()); err != nil {
			return configError(pos(v), "%s must be %s, not %s", k.Value, describeGo(dst.Type()), describeNode(v))
		}
	}
	return nil
}

// configHint ends a message about an unknown word: the likely key, or the
// list of known ones.
func configHint(word string, known []string, what string) string {
	if hint := diag.DidYouMean(word, known); hint != "" {
		return hint
	}
	return "; " + what + ": " + strings.Join(known, ", ")
}

// configFields maps the keys of oasgen.yaml to the fields of fc.
func configFields(fc *FileConfig) map[string]reflect.Value {
	v := reflect.ValueOf(fc).Elem()
	fields := map[string]reflect.Value{}
	for i := range v.NumField() {
		if tag, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ","); tag != "" {
			fields[tag] = v.Field(i)
		}
	}
	return fields
}

// checkRuleNodes checks the rules: mapping of oasgen.yaml, naming the rule
// or level that is wrong.
func checkRuleNodes(path string, rules *yaml.Node) error {
	for i := 0; i+1 < len(rules.Content); i += 2 {
		k, v := rules.Content[i], rules.Content[i+1]
		if err := checkRule(k.Value, v.Value); err != nil {
			n := k
			if slices.Contains(KnownRules, k.Value) {
				n = v
			}
			return configError(diag.Pos{File: path, Line: n.Line, Col: n.Column}, "rules: %v", err)
		}
	}
	return nil
}

// describeGo names what a field of FileConfig holds, for messages.
func describeGo(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	case reflect.Map:
		return "a mapping of rule ids to levels"
	}
	return "a string"
}

// describeNode names what a YAML value holds, for messages.
func describeNode(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

func isURL(s string) bool {
	return len(s) > 7 && (s[:7] == "http://" || len(s) > 8 && s[:8] == "https://")
}

// ConfigTemplate is what oasgen init writes.
const ConfigTemplate = `# oasgen.yaml: what "oasgen generate" does when run in this folder.
# Paths are relative to this file. Command-line flags override these values.

# The root file of the OpenAPI 3.0 spec (YAML or JSON). Relative $refs are
# followed from it and must stay inside its folder.
spec: openapi.yaml

# The folder the generated files go to. oasgen only ever writes, changes or
# removes files that start with "// Code generated by oasgen. DO NOT EDIT."
output: api

# The Go package name of the generated code.
package: api

# What to generate. Known parts: models (types), validate (validators,
# checked decoding and encoding), server (a net/http server) and client (an
# HTTP client); server and client bring models and validate. Leave it out to
# generate everything.
generate:
  - models
  - validate
  - server
  - client

# The server's interface: standard (methods write the response) or strict
# (typed requests and responses, on top of the standard one).
server-interface: standard

# A folder of templates that replace the built-in ones of the same file name
# (see templates/ in the oasgen repository). Empty uses the built-in ones.
templates: ""

# Treat warnings (spec defects oasgen can work around) as errors.
strict: false

# Follow $refs to http(s) URLs.
allow-remote: false

# Follow $refs to files outside the spec's folder.
allow-outside-root: false

# Ignore x-go-type and x-go-type-import, which make the generated package
# import the Go packages a spec names: turn this on for specs you don't trust.
no-go-extensions: false

# Re-level or turn off diagnostics by rule id (off, info, warning, error);
# "oasgen validate" prints the rule id of every finding in brackets.
rules:
  # unused-component: off
  # unknown-format: error
`
