package write

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// journalName is the file in dir in which Write records, once every temp file
// is written and before any target is touched, the renames and removals it is
// about to make. It starts with tempPrefix, so it cannot be a target; it
// starts with Header, so it is known as oasgen's and a temp file left while
// writing it is removed like any other; and it does not end in ".go".
const journalName = tempPrefix + "journal"

const (
	journalVersion = 1
	// maxJournal bounds what is read of a journal: a real one lists a few
	// names per generated file.
	maxJournal = 1 << 20
)

// journal is the plan of a Write between its temp files and its renames.
type journal struct {
	Version int             `json:"version"`
	Renames []journalRename `json:"renames"` // temp file over target, in order
	Removes []string        `json:"removes"` // stale files, after the renames
}

type journalRename struct {
	Temp   string `json:"temp"`
	Target string `json:"target"`
}

// encode returns the journal file: Header, then the journal as JSON.
func (j journal) encode() []byte {
	body, err := json.Marshal(j)
	if err != nil {
		panic(err) // strings and ints always marshal
	}
	return append([]byte(Header+"\n"), append(body, '\n')...)
}

// parseJournal reads a journal file defensively: it may be truncated or
// written by someone else. Any doubt rejects the whole journal, so that
// recovery never acts on part of one. Every name must be a plain base name:
// temp files must be named like oasgen's, targets must be names Write would
// accept, and removals must end in ".go", as stale files do.
func parseJournal(data []byte) (journal, error) {
	if !IsGenerated(data) {
		return journal{}, fmt.Errorf("first line is not %q", Header)
	}
	_, body, _ := bytes.Cut(data, []byte("\n"))
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var j journal
	if err := dec.Decode(&j); err != nil {
		return journal{}, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return journal{}, errors.New("data after the journal")
	}
	if j.Version != journalVersion {
		return journal{}, fmt.Errorf("version %d, want %d", j.Version, journalVersion)
	}
	seen := map[string]bool{}
	name := func(name string, valid error) error {
		switch {
		case valid != nil:
			return valid
		case strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x7f }):
			return fmt.Errorf("%q holds a control character", name)
		case seen[name]:
			return fmt.Errorf("%q named more than once", name)
		}
		seen[name] = true
		return nil
	}
	for _, r := range j.Renames {
		if !isTempName(r.Temp) {
			return journal{}, fmt.Errorf("%q is not a temp file name", r.Temp)
		}
		if err := errors.Join(name(r.Temp, nil), name(r.Target, validateName(r.Target))); err != nil {
			return journal{}, err
		}
	}
	for _, stale := range j.Removes {
		if filepath.Ext(stale) != ".go" {
			return journal{}, fmt.Errorf("removal %q does not end in .go", stale)
		}
		if err := name(stale, validateName(stale)); err != nil {
			return journal{}, err
		}
	}
	return j, nil
}

// isTempName reports whether name is one os.CreateTemp makes from
// tempPattern: tempPrefix and digits.
func isTempName(name string) bool {
	digits, ok := strings.CutPrefix(name, tempPrefix)
	if !ok || digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// inspectJournal reports whether dir holds a journal. One that is not a
// regular file carrying Header is not oasgen's, and Write would have to
// replace it: that is refused like a hand-written target.
func inspectJournal(dir string) (bool, error) {
	path := filepath.Join(dir, journalName)
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := checkRegular(journalName, info); err != nil {
		return false, err
	}
	generated, err := startsWithHeader(path)
	if err != nil {
		return false, err
	}
	if !generated {
		return false, fmt.Errorf("%s: first line is not %q: %w", journalName, Header, ErrNotGenerated)
	}
	return true, nil
}

// recoverDir finishes what a Write killed part way left in dir, and reports
// whether it found a journal. If the journal can be read, the renames whose
// temp files still exist and the removals it lists are carried out (rolled
// forward), each only onto a regular file carrying Header (or, for a rename, a
// missing target) and, for a rename, only from a regular temp file carrying
// Header. A journal that cannot be read is not acted on. Either way it is then
// deleted. Last, temp files a killed run left are removed: regular files
// named like oasgen's temp files whose content is empty, a prefix of Header,
// or starts with Header as its first line. Anything else is left alone.
func recoverDir(dir string) (bool, error) {
	found, err := inspectJournal(dir)
	if err != nil {
		return false, err
	}
	if found {
		if err := rollForward(dir); err != nil {
			return true, err
		}
	}
	return found, removeTemps(dir)
}

func rollForward(dir string) error {
	path := filepath.Join(dir, journalName)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxJournal+1))
	f.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if j, err := parseJournal(data); err == nil && len(data) <= maxJournal {
		for _, r := range j.Renames {
			if err := finishRename(dir, r); err != nil {
				return err
			}
		}
		for _, name := range j.Removes {
			if err := finishRemove(dir, name); err != nil {
				return err
			}
		}
		syncDir(dir)
	}
	if err := os.Remove(path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// finishRename renames dir/r.Temp over dir/r.Target unless that was done
// already or either file is not oasgen's.
func finishRename(dir string, r journalRename) error {
	tmp, path := filepath.Join(dir, r.Temp), filepath.Join(dir, r.Target)
	if ok, err := isGeneratedFile(tmp); err != nil || !ok {
		return err // renamed already, or not ours
	}
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return nil
	default:
		if ok, err := startsWithHeader(path); err != nil || !ok {
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// finishRemove removes dir/name if it is still there and oasgen's.
func finishRemove(dir, name string) error {
	path := filepath.Join(dir, name)
	if ok, err := isGeneratedFile(path); err != nil || !ok {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove stale %s: %w", path, err)
	}
	return nil
}

// isGeneratedFile reports whether path is a regular file carrying Header; a
// missing file is not.
func isGeneratedFile(path string) (bool, error) {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !info.Mode().IsRegular() {
		return false, nil
	}
	return startsWithHeader(path)
}

// removeTemps removes the temp files that killed runs left in dir.
func removeTemps(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if !isTempName(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		ours, err := isTempContent(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !ours {
			continue
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// isTempContent reports whether the file at path holds what an oasgen temp
// file can hold at any moment of its life: nothing yet, part of Header, or
// a first line equal to Header.
func isTempContent(path string) (bool, error) {
	head, err := readHead(path)
	if err != nil {
		return false, err
	}
	return IsGenerated(head) || strings.HasPrefix(Header, string(head)), nil
}
