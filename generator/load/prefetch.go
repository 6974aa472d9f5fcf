package load

import (
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// prefetcher reads and parses spec files on other cores while the loader
// decodes. Each parsed file queues the local files its $refs name, so the
// whole tree is parsed ahead of the loader. Only the timing changes: the
// loader still asks for files in the same order and gets the same results,
// so output and diagnostics stay deterministic.
type prefetcher struct {
	local *localReader // which reads files under the same rules as the loader

	mu      sync.Mutex
	futures map[string]*future
	queue   []*future // a stack: the refs found last are the loader's next needs
	workers int       // running worker goroutines
	max     int
}

// future is a file to be read and parsed, by a worker or by the loader.
type future struct {
	path    string
	claimed bool // a worker or the loader is parsing it
	done    chan struct{}
	readErr error
	file    *file
	parsed  error
}

func newPrefetcher(local *localReader) *prefetcher {
	// One core stays with the loader, which is the critical path.
	return &prefetcher{local: local, futures: map[string]*future{}, max: max(1, runtime.GOMAXPROCS(0)-1)}
}

// start queues path unless it is known already.
func (p *prefetcher) start(path string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.queueLocked(path)
}

func (p *prefetcher) queueLocked(path string) {
	if _, ok := p.futures[path]; ok {
		return
	}
	fu := &future{path: path, done: make(chan struct{})}
	p.futures[path] = fu
	p.queue = append(p.queue, fu)
	if p.workers < p.max {
		p.workers++
		go p.work()
	}
}

// work parses queued files until none is left.
func (p *prefetcher) work() {
	for {
		p.mu.Lock()
		fu := p.popLocked()
		if fu == nil {
			p.workers--
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
		p.run(fu)
	}
}

// popLocked claims the most recently queued file nobody parses yet.
func (p *prefetcher) popLocked() *future {
	for len(p.queue) > 0 {
		fu := p.queue[len(p.queue)-1]
		p.queue = p.queue[:len(p.queue)-1]
		if !fu.claimed {
			fu.claimed = true
			return fu
		}
	}
	return nil
}

// run reads and parses a claimed file, then queues the files it refers to
// (after releasing the loader, which may be waiting for this one).
func (p *prefetcher) run(fu *future) {
	var data []byte
	if data, fu.readErr = p.local.read(fu.path); fu.readErr == nil {
		fu.file, fu.parsed = parseYAML(fu.path, data)
	}
	close(fu.done)
	if fu.file != nil {
		p.queueRefs(fu.file)
	}
}

// take returns the finished future for path, or nil if it was never
// queued. A file no worker has started is parsed right here rather than
// waited for, and while a worker parses it the loader parses other queued
// files: loading is bound by parsing, so both cores should parse.
func (p *prefetcher) take(path string) *future {
	p.mu.Lock()
	fu := p.futures[path]
	mine := fu != nil && !fu.claimed
	if mine {
		fu.claimed = true
	}
	p.mu.Unlock()
	if fu == nil {
		return nil
	}
	if mine {
		p.run(fu)
	}
	for !fu.finished() {
		p.mu.Lock()
		other := p.popLocked()
		p.mu.Unlock()
		if other == nil {
			break
		}
		p.run(other)
	}
	<-fu.done
	return fu
}

func (fu *future) finished() bool {
	select {
	case <-fu.done:
		return true
	default:
		return false
	}
}

// queueRefs queues the local files a parsed file's $refs point at, leaving
// out x- extensions (their refs are data) and refs that leave the root.
// The refs are pushed last first so that the first is parsed first.
func (p *prefetcher) queueRefs(f *file) {
	if isRemote(f.path) {
		return
	}
	var paths []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				switch {
				case strings.HasPrefix(k.Value, "x-"):
				case k.Value == "$ref" && v.Kind == yaml.ScalarNode:
					if abs, ok := p.refPath(f, v.Value); ok {
						paths = append(paths, abs)
					}
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
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, path := range slices.Backward(paths) {
		p.queueLocked(path)
	}
}

// refPath returns the file a ref names, when it is a local file in the root
// (the reader checks the root again with symbolic links resolved).
func (p *prefetcher) refPath(from *file, ref string) (string, bool) {
	loc, _, _ := strings.Cut(ref, "#")
	if loc == "" || isRemote(loc) || hasScheme(loc) || strings.Contains(loc, "%") {
		return "", false
	}
	abs := filepath.Clean(filepath.Join(from.dir, filepath.FromSlash(loc)))
	return abs, within(p.local.root, abs)
}
