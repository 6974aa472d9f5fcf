package load

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// prefetcher reads and parses the files a parsed file refers to on other
// cores while the loader goes on decoding. Only the timing changes: the
// loader still asks for files in the same order and gets the same results,
// so output and diagnostics stay deterministic.
type prefetcher struct {
	mu      sync.Mutex
	futures map[string]*future
	sem     chan struct{}
}

// future is a file being read and parsed in the background.
type future struct {
	done    chan struct{}
	data    []byte
	readErr error
	file    *file
	parsed  error
}

func newPrefetcher() *prefetcher {
	return &prefetcher{futures: map[string]*future{}, sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

// start begins reading and parsing path unless that has begun already.
func (p *prefetcher) start(path string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.futures[path]; ok {
		return
	}
	fu := &future{done: make(chan struct{})}
	p.futures[path] = fu
	go func() {
		p.sem <- struct{}{}
		defer func() { <-p.sem; close(fu.done) }()
		fu.data, fu.readErr = os.ReadFile(path)
		if fu.readErr == nil {
			fu.file, fu.parsed = parseYAML(path, fu.data)
		}
	}()
}

// take returns the finished future for path, or nil if none was started.
func (p *prefetcher) take(path string) *future {
	p.mu.Lock()
	fu := p.futures[path]
	p.mu.Unlock()
	if fu != nil {
		<-fu.done
	}
	return fu
}

// prefetchRefs starts reading the local files a parsed file's $refs point at, leaving
// out x- extensions (their refs are data) and refs that leave the root.
func (r *resolver) prefetchRefs(f *file) {
	if r.prefetch == nil {
		return
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				switch {
				case strings.HasPrefix(k.Value, "x-"):
				case k.Value == "$ref" && v.Kind == yaml.ScalarNode:
					r.prefetchRef(f, v.Value)
				default:
					walk(v)
				}
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c)
			}
		}
	}
	walk(f.root)
}

func (r *resolver) prefetchRef(from *file, ref string) {
	loc, _, _ := strings.Cut(ref, "#")
	if loc == "" || isRemote(loc) || hasScheme(loc) || isRemote(from.path) || strings.Contains(loc, "%") {
		return
	}
	abs := filepath.Clean(filepath.Join(filepath.Dir(from.path), filepath.FromSlash(loc)))
	if _, done := r.files[abs]; done || !within(r.opts.Root, abs) {
		return
	}
	r.prefetch.start(abs)
}
