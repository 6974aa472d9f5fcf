package load

import (
	"net/url"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// resources indexes the JSON Schema 2020-12 identifiers of one file: the
// schemas that declare $id (each a resource with a URI of its own), the
// $anchor and $dynamicAnchor names, and the base URI in force at every
// mapping below an $id. A $ref is resolved against the base URI where it
// is written; when the result names a resource or anchor of the same file,
// that is where it points (document-local resolution, no fetching).
type resources struct {
	base    map[*yaml.Node]*url.URL // mappings under an $id; the others have the file's URI
	ids     map[string]string       // resource URI (no fragment) -> JSON pointer
	anchors map[string]string       // resource URI#name -> JSON pointer
	dynamic map[string]int          // $dynamicAnchor name -> how many the file declares
}

// fileURI is the base URI of a file without $id.
func fileURI(f *file) *url.URL {
	if isRemote(f.path) {
		if u, err := url.Parse(f.path); err == nil {
			return u
		}
	}
	return &url.URL{Scheme: "file", Path: f.path}
}

// resourcesOf indexes f once.
func (r *resolver) resourcesOf(f *file) *resources {
	if res, ok := r.res[f]; ok {
		return res
	}
	res := &resources{base: map[*yaml.Node]*url.URL{}, ids: map[string]string{}, anchors: map[string]string{}, dynamic: map[string]int{}}
	r.res[f] = res
	root := fileURI(f)
	res.ids[withoutFragment(root)] = ""
	res.walk(f.root, "", root, false, 0)
	return res
}

func withoutFragment(u *url.URL) string {
	c := *u
	c.Fragment, c.RawFragment = "", ""
	return c.String()
}

// dataKeys hold values, not schemas: what is below them declares nothing.
var dataKeys = map[string]bool{"enum": true, "const": true, "default": true, "example": true, "examples": true}

// walk records the identifiers at n (found at pointer, with base in force)
// and below. scoped tells that some $id above changed the base.
func (res *resources) walk(n *yaml.Node, pointer string, base *url.URL, scoped bool, depth int) {
	n = resolveAlias(n)
	if n == nil || depth > MaxRefNesting {
		return
	}
	switch n.Kind {
	case yaml.SequenceNode:
		for i, c := range n.Content {
			res.walk(c, pointer+"/"+strconv.Itoa(i), base, scoped, depth+1)
		}
	case yaml.MappingNode:
		if v, _ := get(n, "$id"); v != nil && v.Kind == yaml.ScalarNode {
			if u, err := base.Parse(v.Value); err == nil {
				base, scoped = u, true
				if _, dup := res.ids[withoutFragment(u)]; !dup {
					res.ids[withoutFragment(u)] = pointer
				}
			}
		}
		if scoped {
			res.base[n] = base
		}
		for _, key := range []string{"$anchor", "$dynamicAnchor"} {
			if v, _ := get(n, key); v != nil && v.Kind == yaml.ScalarNode {
				if key == "$dynamicAnchor" {
					res.dynamic[v.Value]++
				}
				name := withoutFragment(base) + "#" + v.Value
				if _, dup := res.anchors[name]; !dup {
					res.anchors[name] = pointer
				}
			}
		}
		pairs(n, func(k, v *yaml.Node) {
			if !dataKeys[k.Value] {
				res.walk(v, appendPointer(pointer, k.Value), base, scoped, depth+1)
			}
		})
	}
}

// localRef resolves ref, written in the mapping at of f, against the base
// URI in force there, and returns the JSON pointer it names in f: a
// resource ($id) or anchor of f, or a JSON pointer fragment into one. ok
// is false when ref names nothing in f, which leaves it to file and URL
// resolution.
func (r *resolver) localRef(ref string, f *file, at *yaml.Node) (pointer string, ok bool) {
	loc, frag, _ := strings.Cut(ref, "#")
	plain := loc == "" && (frag == "" || strings.HasPrefix(frag, "/"))
	res := r.resourcesOf(f)
	base := res.base[at]
	if base == nil {
		if plain {
			return "", false // not under an $id: a pointer into the file, the usual way
		}
		base = fileURI(f)
	}
	u, err := base.Parse(ref)
	if err != nil {
		return "", false
	}
	resource, found := res.ids[withoutFragment(u)]
	if !found {
		return "", false
	}
	frag = u.Fragment
	if frag == "" || strings.HasPrefix(frag, "/") {
		return resource + frag, true
	}
	pointer, found = res.anchors[withoutFragment(u)+"#"+frag]
	return pointer, found
}
