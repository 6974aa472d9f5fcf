package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// maxRefChain bounds how many $ref hops one reference may take. Real specs
// chain a few; every use of a ref walks its chain again, so the bound also
// bounds the work a spec can ask for.
const maxRefChain = 64

// maxRemoteBytes bounds a remote spec file read with --allow-remote.
const maxRemoteBytes = 32 << 20

// Options are the rules for following references.
type Options struct {
	// AllowRemote lets $refs point at http(s) URLs.
	AllowRemote bool
	// AllowOutsideRoot lets $refs point at files outside Root.
	AllowOutsideRoot bool
	// Root is the folder refs must stay in; it defaults to the spec's folder.
	Root string
	// Lenient records broken refs and unreadable referenced files as error
	// diagnostics and goes on with an empty placeholder, so a linter can
	// report every problem instead of the first.
	Lenient bool
}

// resolver reads files on demand and resolves $refs between them.
type resolver struct {
	opts     Options
	files    map[string]*file
	http     *http.Client
	targets  map[string]bool // file#pointer of every $ref target, for unused-component checks
	inRoot   map[string]bool // withinRoot answers: symlink resolution is costly and refs repeat
	local    *localReader
	refs     map[refKey]target                    // parseRef answers for refs to other files
	keys     map[*yaml.Node]map[string]*yaml.Node // large mappings' keys, for pointerNode
	prefetch *prefetcher                          // nil when reading happens on demand only
	// schema2020 resolves refs against $id and $anchor first (OpenAPI
	// 3.1 and later, whose schemas are JSON Schema 2020-12).
	schema2020 bool
	res        map[*file]*resources
}

// newResolver makes the resolver of one Load call; rootFile is the spec
// itself.
func newResolver(opts Options, rootFile string) *resolver {
	local := newLocalReader(opts, rootFile)
	return &resolver{
		opts: opts, files: map[string]*file{}, targets: map[string]bool{},
		inRoot: map[string]bool{}, local: local, refs: map[refKey]target{},
		keys: map[*yaml.Node]map[string]*yaml.Node{}, res: map[*file]*resources{},
		prefetch: newPrefetcher(local), http: &http.Client{Timeout: 30 * time.Second},
	}
}

// open returns the parsed file at an absolute path or URL, reading it once.
func (r *resolver) open(loc string, from diag.Pos) (*file, error) {
	if f, ok := r.files[loc]; ok {
		return f, nil
	}
	f, err := r.readAndParse(loc, from)
	if err != nil {
		return nil, err
	}
	r.files[loc] = f
	return f, nil
}

// readAndParse parses a local file through the prefetcher, which has often
// parsed it already and goes on with the files it refers to.
func (r *resolver) readAndParse(loc string, from diag.Pos) (*file, error) {
	if r.prefetch != nil && !isRemote(loc) {
		r.prefetch.start(loc)
		fu := r.prefetch.take(loc)
		if fu.readErr != nil {
			return nil, r.readError(loc, from, fu.readErr)
		}
		return fu.file, fu.parsed
	}
	data, err := r.read(loc, from)
	if err != nil {
		return nil, err
	}
	return parseYAML(loc, data)
}

func (r *resolver) read(loc string, from diag.Pos) ([]byte, error) {
	if isRemote(loc) {
		return r.fetch(loc, from)
	}
	data, err := r.local.read(loc)
	if err != nil {
		return nil, r.readError(loc, from, err)
	}
	return data, nil
}

// readError positions an error of localReader.read at the ref that named
// the file.
func (r *resolver) readError(loc string, from diag.Pos, err error) error {
	var notRegular notRegularError
	var tooLarge tooLargeError
	switch {
	case os.IsNotExist(err):
		return posError(from, "ref-missing-file", "file %s does not exist", diag.File(loc))
	case errors.Is(err, errOutsideRoot):
		return posError(from, "ref-outside-root", "%s leads out of the spec's folder through a symbolic link; refused unless --allow-outside-root is given", diag.File(loc))
	case errors.As(err, &notRegular):
		return posError(from, "ref-read", "%s is not a regular file: it is %s", diag.File(loc), notRegular.kind())
	case errors.As(err, &tooLarge):
		return posError(from, "ref-read", "%s is larger than %d MiB, the most oasgen reads", diag.File(loc), maxFileBytes>>20)
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) { // its path may be another, where a link leads
		err = pathErr.Err
	}
	return posError(from, "ref-read", "read %s: %v", diag.File(loc), err)
}

func (r *resolver) fetch(loc string, from diag.Pos) ([]byte, error) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, loc, nil)
	if err != nil {
		return nil, posError(from, "ref-remote", "fetch %s: %v", loc, err)
	}
	resp, err := r.http.Do(req)
	if err != nil {
		return nil, posError(from, "ref-remote", "fetch %s: %v", loc, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, posError(from, "ref-remote", "fetch %s: %s", loc, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxRemoteBytes+1))
	if err != nil {
		return nil, posError(from, "ref-remote", "fetch %s: %v", loc, err)
	}
	if len(data) > maxRemoteBytes { // refused, not cut short and parsed
		return nil, posError(from, "ref-remote", "fetch %s: larger than %d MiB, the most oasgen fetches", loc, maxRemoteBytes>>20)
	}
	return data, nil
}

func isRemote(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// hasScheme reports whether a ref starts with a URL scheme such as file: or ftp:.
func hasScheme(s string) bool {
	i := strings.Index(s, ":")
	if i <= 1 { // "C:" style drive letters are not schemes we care about; ":" first is not a scheme
		return false
	}
	for _, c := range s[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// target is where a $ref points: a file and a JSON pointer inside it.
type target struct {
	loc     string // absolute file path or URL
	pointer string // JSON pointer, "" for the whole document
}

// refKey is a $ref as written in a file of some folder.
type refKey struct{ dir, ref string }

// parseRef resolves ref relative to the file that holds it and applies the
// remote and root rules. Refs to other files are resolved once per folder:
// specs repeat the same refs hundreds of times.
func (r *resolver) parseRef(ref string, from *file, pos diag.Pos) (target, error) {
	if loc, _, _ := strings.Cut(ref, "#"); loc == "" || isRemote(from.path) {
		return r.resolveRef(ref, from, pos)
	}
	key := refKey{from.dir, ref}
	if t, ok := r.refs[key]; ok {
		return t, nil
	}
	t, err := r.resolveRef(ref, from, pos)
	if err == nil {
		r.refs[key] = t
	}
	return t, err
}

func (r *resolver) resolveRef(ref string, from *file, pos diag.Pos) (target, error) {
	loc, frag, _ := strings.Cut(ref, "#")
	pointer, err := url.PathUnescape(frag)
	if err != nil {
		pointer = frag
	}
	if pointer != "" && !strings.HasPrefix(pointer, "/") {
		return target{}, posError(pos, "ref-pointer", "$ref %q: fragment must be a JSON pointer starting with /", ref)
	}
	if loc == "" {
		return target{loc: from.path, pointer: pointer}, nil
	}
	switch {
	case isRemote(loc) || isRemote(from.path):
		abs, err := r.remoteLoc(loc, from.path)
		if err != nil {
			return target{}, posError(pos, "ref-remote", "$ref %q: %v", ref, err)
		}
		if !r.opts.AllowRemote {
			return target{}, posError(pos, "ref-remote", "$ref %q points at a remote URL; remote refs are refused unless --allow-remote is given", ref)
		}
		return target{loc: abs, pointer: pointer}, nil
	case hasScheme(loc):
		return target{}, posError(pos, "ref-scheme", "$ref %q uses an unsupported URL scheme; use a relative file path", ref)
	}
	if strings.Contains(loc, "%") {
		if unescaped, err := url.PathUnescape(loc); err == nil {
			loc = unescaped
		}
	}
	abs := filepath.Clean(filepath.Join(from.dir, filepath.FromSlash(loc)))
	if filepath.IsAbs(filepath.FromSlash(loc)) {
		abs = filepath.Clean(filepath.FromSlash(loc))
	}
	if !r.opts.AllowOutsideRoot && !r.withinRoot(abs) {
		return target{}, posError(pos, "ref-outside-root", "$ref %q leaves the spec's folder; refused unless --allow-outside-root is given", ref)
	}
	return target{loc: abs, pointer: pointer}, nil
}

func (r *resolver) remoteLoc(loc, base string) (string, error) {
	b, err := url.Parse(base)
	if err != nil || !isRemote(base) {
		b = nil
	}
	u, err := url.Parse(loc)
	if err != nil {
		return "", err
	}
	if b != nil {
		u = b.ResolveReference(u)
	}
	u.Fragment = ""
	return u.String(), nil
}

// withinRoot reports whether path stays inside the root folder, also after
// following symbolic links, so a link cannot smuggle a file in from outside.
func (r *resolver) withinRoot(path string) bool {
	ok, seen := r.inRoot[path]
	if !seen {
		ok = r.local.inRoot(path)
		r.inRoot[path] = ok
	}
	return ok
}

func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// indexedKeys is the size from which a mapping's keys are indexed for
// pointer lookups: a spec's components.schemas may hold tens of thousands
// of entries, each the target of refs, and a linear search for each ref
// would make loading quadratic.
const indexedKeys = 32

// pointerNode finds the node a JSON pointer names inside a file.
func (r *resolver) pointerNode(f *file, pointer string) (*yaml.Node, error) {
	n := f.root
	if pointer == "" {
		return n, nil
	}
	for _, tok := range strings.Split(pointer[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		n = resolveAlias(n)
		switch {
		case n != nil && n.Kind == yaml.MappingNode:
			v := r.key(n, tok)
			if v == nil {
				return nil, fmt.Errorf("no key %q", tok)
			}
			n = v
		case n != nil && n.Kind == yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil, fmt.Errorf("no index %q", tok)
			}
			n = resolveAlias(n.Content[i])
		default:
			return nil, fmt.Errorf("cannot index a scalar with %q", tok)
		}
	}
	return n, nil
}

// key returns the value of key in mapping m, like get.
func (r *resolver) key(m *yaml.Node, key string) *yaml.Node {
	if len(m.Content) < 2*indexedKeys {
		v, _ := get(m, key)
		return v
	}
	idx, ok := r.keys[m]
	if !ok {
		idx = make(map[string]*yaml.Node, len(m.Content)/2)
		for i := 0; i+1 < len(m.Content); i += 2 {
			if _, dup := idx[m.Content[i].Value]; !dup { // get finds the first
				idx[m.Content[i].Value] = m.Content[i+1]
			}
		}
		r.keys[m] = idx
	}
	return resolveAlias(idx[key])
}

// refOf returns the $ref string of a mapping node and the position of its key.
func refOf(f *file, n *yaml.Node) (string, diag.Pos, bool) {
	v, k := get(n, "$ref")
	if v == nil || v.Kind != yaml.ScalarNode {
		return "", diag.Pos{}, false
	}
	return v.Value, nodePos(f.path, k), true
}

// follow resolves n while it is a {$ref: ...} object, following chains of
// refs across files. It returns the final node with its JSON pointer and every
// hop's ref node in order (outermost first) so callers can honour sibling keys.
func (r *resolver) follow(at node, pointer string) (node, string, []refHop, error) {
	var hops []refHop
	for {
		ref, pos, ok := refOf(at.f, at.n)
		if !ok || r.schema2020 && refWithKeywords(at.n) {
			// 2020-12: a $ref beside other keywords applies with them, as
			// an allOf member of the schema they make (schemaDecoder.ref).
			return at, pointer, hops, nil
		}
		if slices.ContainsFunc(hops, func(h refHop) bool { return h.n == at.n }) {
			return node{}, "", nil, posError(pos, "ref-cycle", "$ref %q is part of a reference cycle with no schema in it", ref)
		}
		if len(hops) == maxRefChain {
			_, start, _ := refOf(hops[0].f, hops[0].n)
			return node{}, "", nil, posError(start, "ref-chain", "this $ref starts a chain of more than %d $refs (stopped at %s:%d:%d); refusing to follow it",
				maxRefChain, diag.File(pos.File), pos.Line, pos.Col)
		}
		hops = append(hops, refHop{at, pointer})
		next, ptr, err := r.hop(ref, at, pos)
		if err != nil {
			return node{}, "", nil, err
		}
		at, pointer = next, ptr
	}
}

// refHop is a {$ref} object a reference passed through, with its JSON
// pointer.
type refHop struct {
	node
	ptr string
}

// hop finds the node the $ref of the mapping at names: in 2020-12
// schemas a resource ($id) or anchor of the same file first, else a file
// and JSON pointer.
func (r *resolver) hop(ref string, at node, pos diag.Pos) (node, string, error) {
	if r.schema2020 {
		if ptr, ok := r.localRef(ref, at.f, at.n); ok {
			n, err := r.pointerNode(at.f, ptr)
			if err != nil {
				return node{}, "", posError(pos, "ref-pointer", "$ref %q: pointer %q not found in %s: %v", ref, ptr, diag.File(at.f.path), err)
			}
			return node{f: at.f, n: n}, ptr, nil
		}
	}
	return r.lookup(ref, at.f, pos)
}

// lookup finds the node a single $ref names.
func (r *resolver) lookup(ref string, from *file, pos diag.Pos) (node, string, error) {
	t, err := r.parseRef(ref, from, pos)
	if err != nil {
		return node{}, "", err
	}
	f, err := r.open(t.loc, pos)
	if err != nil {
		return node{}, "", err
	}
	r.targets[t.loc+"#"+t.pointer] = true
	n, err := r.pointerNode(f, t.pointer)
	if err != nil {
		return node{}, "", posError(pos, "ref-pointer", "$ref %q: pointer %q not found in %s: %v", ref, t.pointer, diag.File(f.path), err)
	}
	return node{f: f, n: n}, t.pointer, nil
}
