package prismcheck

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// operation is what the check needs of one operation of the spec.
type operation struct {
	id     string // the operationId, or METHOD path when there is none
	method string
	path   string
	// params are the parameter objects, path-level ones merged in, $refs
	// resolved.
	params []map[string]any
	// body is the schema of the JSON request body; nil when the operation
	// takes none or takes another media type (bodyMedia).
	body      map[string]any
	bodyMedia string
	// codes are the declared statuses, in order (ranges and default left out).
	codes []int
}

// spec is a one-file OpenAPI document (every $ref local, as `redocly
// bundle` writes it).
type spec struct {
	doc map[string]any
	ops []*operation
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// loadSpec reads a bundled OpenAPI document in JSON.
func loadSpec(file string) (*spec, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	s := &spec{}
	if err := json.Unmarshal(data, &s.doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	paths, _ := s.doc["paths"].(map[string]any)
	for _, p := range sortedKeys(paths) {
		item := s.resolve(obj(paths[p]))
		shared := s.paramList(item["parameters"])
		for _, m := range methods {
			raw, ok := item[m].(map[string]any)
			if !ok {
				continue
			}
			op := &operation{method: strings.ToUpper(m), path: p}
			op.id, _ = raw["operationId"].(string)
			if op.id == "" {
				op.id = op.method + " " + p
			}
			op.params = mergeParams(shared, s.paramList(raw["parameters"]))
			if rb := s.resolve(obj(raw["requestBody"])); rb != nil {
				content := obj(rb["content"])
				for _, media := range sortedKeys(content) {
					if isJSON(media) {
						op.body = s.resolve(obj(obj(content[media])["schema"]))
						if op.body == nil {
							op.body = map[string]any{}
						}
						op.bodyMedia = media
						break
					}
					if op.bodyMedia == "" {
						op.bodyMedia = media
					}
				}
			}
			for code := range obj(raw["responses"]) {
				if n, err := strconv.Atoi(code); err == nil {
					op.codes = append(op.codes, n)
				}
			}
			slices.Sort(op.codes)
			s.ops = append(s.ops, op)
		}
	}
	return s, nil
}

// resolve follows local $refs ("#/components/...").
func (s *spec) resolve(node map[string]any) map[string]any {
	for range 64 {
		ref, ok := node["$ref"].(string)
		if !ok {
			return node
		}
		node = s.pointer(ref)
	}
	return node
}

func (s *spec) pointer(ref string) map[string]any {
	if !strings.HasPrefix(ref, "#/") {
		return nil
	}
	var cur any = s.doc
	for _, tok := range strings.Split(ref[2:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		cur = obj(cur)[tok]
	}
	return obj(cur)
}

func (s *spec) paramList(v any) []map[string]any {
	list, _ := v.([]any)
	var out []map[string]any
	for _, p := range list {
		if r := s.resolve(obj(p)); r != nil {
			out = append(out, r)
		}
	}
	return out
}

// mergeParams gives the operation's parameters, which replace the path
// item's of the same name and location.
func mergeParams(shared, own []map[string]any) []map[string]any {
	out := slices.Clone(own)
	for _, p := range shared {
		if !slices.ContainsFunc(own, func(o map[string]any) bool { return o["name"] == p["name"] && o["in"] == p["in"] }) {
			out = append(out, p)
		}
	}
	return out
}

func isJSON(media string) bool {
	media, _, _ = strings.Cut(media, ";")
	media = strings.TrimSpace(strings.ToLower(media))
	return media == "application/json" || strings.HasSuffix(media, "+json")
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

// normalize gives the form a Go name and the spec name it comes from share:
// lower case, letters and digits only ("x-publishable-api-key" and
// XPublishableAPIKey, "PostActor_typeAuth_provider" and
// PostActorTypeAuthProvider).
func normalize(name string) string { return nonAlnum.ReplaceAllString(strings.ToLower(name), "") }
