package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// maxFileBytes bounds a local spec file. The largest real specs are a few
// hundred megabytes; anything larger is refused before it is read.
const maxFileBytes = 512 << 20

// maxTotalBytes bounds all the files one load reads together: the
// prefetcher reads ahead every file a $ref names, also where the loader
// would not follow the ref, so the bound per file alone would let a spec
// of many large files use any amount of memory.
const maxTotalBytes = 2 << 30

// localReader is the one way spec files are read from disk, by the
// prefetcher's workers and the loader alike, so every read obeys the same
// rules: the root rule is applied to the path with symbolic links resolved
// before anything is opened, only regular files are opened (a FIFO, device,
// socket or folder would block or never end), and no read exceeds
// maxFileBytes. It is safe for concurrent use.
type localReader struct {
	root         string // Options.Root
	realRoot     string // root with symbolic links resolved
	allowOutside bool
	rootFile     string // the spec itself, which may be a link to anywhere

	mu       sync.Mutex
	realDirs map[string]string // folders with symbolic links resolved
	left     int64             // of maxTotalBytes, for the files not read yet
}

func newLocalReader(opts Options, rootFile string) *localReader {
	real, err := filepath.EvalSymlinks(opts.Root)
	if err != nil {
		real = opts.Root // no file in it can be read either
	}
	return &localReader{root: opts.Root, realRoot: real, allowOutside: opts.AllowOutsideRoot,
		rootFile: rootFile, realDirs: map[string]string{}, left: maxTotalBytes}
}

// Errors of localReader.read besides those of the file system.
var (
	errOutsideRoot = errors.New("the file is outside the spec's folder")
	errChanged     = errors.New("the file changed while it was opened")
	errTooMuch     = fmt.Errorf("the spec's files take more than %d GiB together, the most oasgen reads", maxTotalBytes>>30)
)

// take reserves n bytes of the total budget, reporting false when it is
// spent.
func (lr *localReader) take(n int64) bool {
	lr.mu.Lock()
	defer lr.mu.Unlock()
	if n > lr.left {
		return false
	}
	lr.left -= n
	return true
}

// notRegularError is the error for a path that is not a regular file.
type notRegularError struct{ mode fs.FileMode }

func (e notRegularError) Error() string { return "not a regular file: it is " + e.kind() }

func (e notRegularError) kind() string {
	t := e.mode.Type()
	switch {
	case t&fs.ModeDir != 0:
		return "a folder"
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeDevice != 0:
		return "a device"
	}
	return "of an unknown kind (" + t.String() + ")"
}

// tooLargeError is the error for a file larger than maxFileBytes.
type tooLargeError struct{}

func (tooLargeError) Error() string {
	return fmt.Sprintf("the file is larger than %d MiB, the most oasgen reads", maxFileBytes>>20)
}

// read returns the contents of the local file at path, an absolute clean
// path.
func (lr *localReader) read(path string) ([]byte, error) {
	real, err := lr.realPath(path)
	if err != nil {
		return nil, err
	}
	if !lr.allowOutside && path != lr.rootFile && !within(lr.realRoot, real) {
		return nil, errOutsideRoot
	}
	// real holds no symbolic link, so Lstat describes what open will open,
	// unless the file is swapped in between: the opened file is checked
	// again.
	info, err := os.Lstat(real)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegularError{info.Mode()}
	}
	if info.Size() > maxFileBytes {
		return nil, tooLargeError{}
	}
	if !lr.take(info.Size()) {
		return nil, errTooMuch
	}
	f, err := os.OpenFile(real, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !opened.Mode().IsRegular() {
		return nil, notRegularError{opened.Mode()}
	}
	if !os.SameFile(info, opened) {
		return nil, errChanged
	}
	return readAtMost(f, opened.Size())
}

// readAtMost reads f to its end, refusing more than maxFileBytes (the file
// may grow after its size was taken).
func readAtMost(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, min(size, maxFileBytes)+512)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if len(data) > maxFileBytes {
			return nil, tooLargeError{}
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// realPath is filepath.EvalSymlinks with the folders' answers cached:
// specs keep hundreds of files in a few folders, and resolving every folder
// of every path again costs a system call per path element.
func (lr *localReader) realPath(path string) (string, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return "", err
	}
	if info.Mode()&os.ModeSymlink != 0 {
		return filepath.EvalSymlinks(path)
	}
	dir := filepath.Dir(path)
	lr.mu.Lock()
	realDir, ok := lr.realDirs[dir]
	lr.mu.Unlock()
	if !ok {
		if realDir, err = filepath.EvalSymlinks(dir); err != nil {
			return "", err
		}
		lr.mu.Lock()
		lr.realDirs[dir] = realDir
		lr.mu.Unlock()
	}
	return filepath.Join(realDir, filepath.Base(path)), nil
}

// inRoot reports whether path stays inside the root folder, also after
// following symbolic links. A path that cannot be resolved (a missing file)
// counts as inside: reading it reports the problem.
func (lr *localReader) inRoot(path string) bool {
	if !within(lr.root, path) {
		return false
	}
	real, err := lr.realPath(path)
	return err != nil || within(lr.realRoot, real)
}
