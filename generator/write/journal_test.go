package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// files returns dir's regular files and symlinks (not directories, not
// recursively), each as mode, mtime and content or link target: enough to
// tell that nothing was touched.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		info, err := os.Lstat(path)
		if err != nil {
			t.Fatal(err)
		}
		entry := info.Mode().String() + " " + info.ModTime().String() + " "
		switch {
		case info.Mode().IsRegular():
			content, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			entry += string(content)
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				t.Fatal(err)
			}
			entry += "-> " + target
		default:
			continue
		}
		got[e.Name()] = entry
	}
	return got
}

// contents returns dir's file names and contents.
func contents(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		content, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got[e.Name()] = string(content)
	}
	return got
}

func assertFiles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: %s is missing", what, name)
		} else if g != w {
			t.Errorf("%s: %s is\n%q\nwant\n%q", what, name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: unexpected %s", what, name)
		}
	}
}

// withTestStep sets testStep for the rest of the test.
func withTestStep(t *testing.T, hook func(step string) error) {
	t.Helper()
	testStep = hook
	t.Cleanup(func() { testStep = nil })
}

// errKilled is what the step hook panics with to stand in for a kill.
var errKilled = errors.New("killed")

// callWrite calls Write, turning the hook's panic into errKilled.
func callWrite(dir string, files []File) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if r != errKilled {
				panic(r)
			}
			err = errKilled
		}
	}()
	_, err = Write(dir, files)
	return err
}

func TestWriteInterruptedAtEveryStep(t *testing.T) {
	oldTime := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	setup := func(t *testing.T) string {
		dir := t.TempDir()
		putFiles(t, dir, map[string][]byte{
			"a.gen.go":    gen("type A int\n"),
			"b.gen.go":    gen("type B int\n"),
			"gone.gen.go": gen("type Gone int\n"),
			"same.gen.go": gen("type Same int\n"),
			"helpers.go":  handWritten,
		})
		if err := os.Chtimes(filepath.Join(dir, "same.gen.go"), oldTime, oldTime); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	newFiles := []File{
		{"a.gen.go", gen("type A string\n")},
		{"b.gen.go", gen("type B string\n")},
		{"c.gen.go", gen("type C string\n")},
		{"same.gen.go", gen("type Same int\n")},
	}
	oldSet := map[string]string{
		"a.gen.go": string(gen("type A int\n")), "b.gen.go": string(gen("type B int\n")),
		"gone.gen.go": string(gen("type Gone int\n")), "same.gen.go": string(gen("type Same int\n")),
		"helpers.go": string(handWritten),
	}
	newSet := map[string]string{"helpers.go": string(handWritten)}
	for _, f := range newFiles {
		newSet[f.Name] = string(f.Content)
	}

	// The steps of a whole run, in order.
	var steps []string
	withTestStep(t, func(step string) error { steps = append(steps, step); return nil })
	if _, err := Write(setup(t), newFiles); err != nil {
		t.Fatal(err)
	}
	testStep = nil
	wantSteps := []string{"temp", "temp", "temp", "atomic temp", "journal", "rename", "rename", "rename", "remove", "synced"}
	if !slices.Equal(steps, wantSteps) {
		t.Fatalf("steps = %q, want %q", steps, wantSteps)
	}
	committed := slices.Index(wantSteps, "journal")

	for i, at := range wantSteps {
		for _, kill := range []bool{false, true} {
			how := "fails"
			if kill {
				how = "is killed"
			}
			t.Run(fmt.Sprintf("%s after step %d (%s)", how, i, at), func(t *testing.T) {
				dir := setup(t)
				n := 0
				withTestStep(t, func(string) error {
					n++
					if n <= i {
						return nil
					}
					if kill {
						panic(errKilled)
					}
					return errors.New("injected failure")
				})
				if err := callWrite(dir, newFiles); err == nil {
					t.Fatal("Write succeeded through the injected failure")
				}
				testStep = nil

				_, journalErr := os.Lstat(filepath.Join(dir, journalName))
				hasJournal := journalErr == nil
				if hasJournal != (i >= committed) {
					t.Errorf("journal present = %v after step %q", hasJournal, at)
				}
				if !kill && i < committed {
					// A failure before the journal is in place cleans up.
					assertFiles(t, "after the failed run", contents(t, dir), oldSet)
				}

				// --check writes nothing and tells of the interrupted run.
				before := files(t, dir)
				drifts, err := Check(dir, newFiles)
				if err != nil {
					t.Fatal(err)
				}
				reported := slices.Contains(drifts, Drift{Name: journalName, Kind: Interrupted})
				if reported != hasJournal {
					t.Errorf("Check = %v with journal present = %v", drifts, hasJournal)
				}
				assertFiles(t, "after Check", files(t, dir), before)

				// Recovery alone leaves one whole set.
				recovered := copyFolder(t, dir)
				if _, err := recoverDir(recovered); err != nil {
					t.Fatal(err)
				}
				want := oldSet
				if i >= committed {
					want = newSet
				}
				assertFiles(t, "after recovery", contents(t, recovered), want)

				// A further Write leaves the new set, mtime of same.gen.go kept.
				if _, err := Write(dir, newFiles); err != nil {
					t.Fatal(err)
				}
				assertFiles(t, "after a further Write", contents(t, dir), newSet)
				info, err := os.Stat(filepath.Join(dir, "same.gen.go"))
				if err != nil {
					t.Fatal(err)
				}
				if !info.ModTime().Equal(oldTime) {
					t.Errorf("same.gen.go mtime = %v, want %v kept", info.ModTime(), oldTime)
				}
			})
		}
	}
}

func TestWriteRemovesLeftoverTemps(t *testing.T) {
	root := t.TempDir()
	dir, outside := filepath.Join(root, "out"), filepath.Join(root, "outside")
	putFiles(t, outside, map[string][]byte{"victim.gen.go": gen("")})
	ours := map[string][]byte{
		".oasgen-11": nil,
		".oasgen-12": []byte(Header[:10]),
		".oasgen-13": gen("type A int\n"),
		".oasgen-14": []byte(Header + "\r\n"),
		".oasgen-15": []byte(Header),
		".oasgen-16": []byte(Header + "\n{\"version\":1"), // a journal being written
	}
	notOurs := map[string][]byte{
		".oasgen-21":  handWritten,
		".oasgen-22":  []byte(Header + " Really.\n"),
		".oasgen-23":  []byte("x" + Header + "\n"),
		".oasgen-abc": gen(""),
		".oasgen-":    gen(""),
		"oasgen-24":   gen(""),
		".Oasgen-25":  gen(""),
	}
	putFiles(t, dir, ours)
	putFiles(t, dir, notOurs)
	putFiles(t, filepath.Join(dir, ".oasgen-26"), map[string][]byte{"x": gen("")})
	if err := os.Symlink(filepath.Join(outside, "victim.gen.go"), filepath.Join(dir, ".oasgen-27")); err != nil {
		t.Logf("no symlink: %v", err)
	}
	putFiles(t, dir, map[string][]byte{"a.gen.go": gen("type A int\n")})
	files := []File{{"a.gen.go", gen("type A int\n")}}

	before := snapshot(t, root)
	if drifts, err := Check(dir, files); err != nil || len(drifts) != 0 {
		t.Errorf("Check = %v, %v; want no drift: temp files are ignored", drifts, err)
	}
	assertSameSnapshot(t, before, snapshot(t, root))

	// Even a run with nothing to write removes the leftovers.
	res, err := Write(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	assertResult(t, res, Result{Unchanged: []string{"a.gen.go"}})
	after := snapshot(t, root)
	for path, entry := range before {
		name := filepath.Base(path)
		if _, ok := ours[name]; ok && filepath.Dir(path) == dir {
			if _, still := after[path]; still {
				t.Errorf("leftover temp file %s was kept", name)
			}
			continue
		}
		if after[path] != entry && path != dir {
			t.Errorf("%s changed", path)
		}
	}

	// The temp files Write makes are ones it would clean up.
	tmp, err := writeTemp(dir, gen(""))
	if err != nil {
		t.Fatal(err)
	}
	if !isTempName(filepath.Base(tmp)) {
		t.Errorf("temp file %s does not match isTempName", tmp)
	}
	if err := os.Remove(tmp); err != nil {
		t.Fatal(err)
	}
}

func TestRecoverHostileJournal(t *testing.T) {
	type setup struct{ root, dir, outside string }
	rename := func(temp, target string) string {
		return fmt.Sprintf(`{"version":1,"renames":[{"temp":%q,"target":%q}],"removes":null}`, temp, target)
	}
	remove := func(name string) string {
		return fmt.Sprintf(`{"version":1,"renames":null,"removes":[%q]}`, name)
	}
	tests := []struct {
		name    string
		journal func(s setup) string // the journal's body, after Header
	}{
		{"rename to parent", func(setup) string { return rename(".oasgen-1", "../outside/victim.gen.go") }},
		{"rename to absolute path", func(s setup) string {
			return rename(".oasgen-1", filepath.Join(s.outside, "victim.gen.go"))
		}},
		{"rename to backslash path", func(setup) string { return rename(".oasgen-1", `..\outside\victim.gen.go`) }},
		{"rename into subfolder", func(setup) string { return rename(".oasgen-1", "sub/a.gen.go") }},
		{"rename from outside", func(setup) string { return rename("../outside/.oasgen-9", "a.gen.go") }},
		{"rename from absolute path", func(s setup) string {
			return rename(filepath.Join(s.outside, ".oasgen-9"), "a.gen.go")
		}},
		{"rename from non-temp name", func(setup) string { return rename("b.gen.go", "a.gen.go") }},
		{"rename over hand-written", func(setup) string { return rename(".oasgen-1", "helpers.go") }},
		{"rename hand-written temp", func(setup) string { return rename(".oasgen-2", "a.gen.go") }},
		{"rename symlinked temp", func(setup) string { return rename(".oasgen-3", "a.gen.go") }},
		{"rename over symlink", func(setup) string { return rename(".oasgen-1", "link.gen.go") }},
		{"rename over journal", func(setup) string { return rename(".oasgen-1", journalName) }},
		{"rename over parent", func(setup) string { return rename(".oasgen-1", "..") }},
		{"rename with NUL", func(setup) string { return rename(".oasgen-1", "a.gen.go\x00") }},
		{"remove in parent", func(setup) string { return remove("../outside/victim.gen.go") }},
		{"remove absolute path", func(s setup) string { return remove(filepath.Join(s.outside, "victim.gen.go")) }},
		{"remove hand-written", func(setup) string { return remove("helpers.go") }},
		{"remove non-Go", func(setup) string { return remove("notes.txt") }},
		{"remove symlink", func(setup) string { return remove("link.gen.go") }},
		{"remove temp", func(setup) string { return remove(".oasgen-2.go") }},
		{"truncated", func(setup) string { return rename(".oasgen-1", "a.gen.go")[:30] }},
		{"not JSON", func(setup) string { return "rename .oasgen-1 a.gen.go\n" }},
		{"trailing data", func(setup) string { return rename(".oasgen-1", "a.gen.go") + "x" }},
		{"unknown field", func(setup) string {
			return `{"version":1,"renames":[{"temp":".oasgen-1","target":"a.gen.go","dir":".."}]}`
		}},
		{"other version", func(setup) string { return `{"version":2,"renames":[{"temp":".oasgen-1","target":"a.gen.go"}]}` }},
		{"valid entry beside a hostile one", func(setup) string {
			return `{"version":1,"renames":[{"temp":".oasgen-1","target":"a.gen.go"}],"removes":["../outside/victim.gen.go"]}`
		}},
		{"name twice", func(setup) string {
			return `{"version":1,"renames":[{"temp":".oasgen-1","target":"a.gen.go"}],"removes":["a.gen.go"]}`
		}},
		{"too large", func(setup) string {
			return rename(".oasgen-1", "a.gen.go") + strings.Repeat(" ", maxJournal)
		}},
	}
	prepare := func(t *testing.T) setup {
		root := t.TempDir()
		s := setup{root, filepath.Join(root, "out"), filepath.Join(root, "outside")}
		putFiles(t, s.outside, map[string][]byte{"victim.gen.go": gen("type Victim int\n"), ".oasgen-9": gen("type Nine int\n")})
		putFiles(t, s.dir, map[string][]byte{
			"a.gen.go":     gen("type A int\n"),
			"b.gen.go":     gen("type B int\n"),
			"helpers.go":   handWritten,
			"notes.txt":    []byte(Header + "\n"),
			".oasgen-1":    gen("type Hostile int\n"),
			".oasgen-2":    handWritten,
			".oasgen-2.go": gen(""),
		})
		putFiles(t, filepath.Join(s.dir, "sub"), map[string][]byte{"a.gen.go": gen("")})
		if err := os.Symlink(filepath.Join(s.outside, "victim.gen.go"), filepath.Join(s.dir, ".oasgen-3")); err != nil {
			t.Skipf("cannot make symlinks here: %v", err)
		}
		if err := os.Symlink(filepath.Join(s.outside, "victim.gen.go"), filepath.Join(s.dir, "link.gen.go")); err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := prepare(t)
			putFiles(t, s.dir, map[string][]byte{journalName: []byte(Header + "\n" + tt.journal(s))})
			outside, sub, inside := files(t, s.outside), files(t, filepath.Join(s.dir, "sub")), files(t, s.dir)
			found, err := recoverDir(s.dir)
			if err != nil || !found {
				t.Fatalf("recoverDir = %v, %v; want the journal found and dropped", found, err)
			}
			assertFiles(t, "outside", files(t, s.outside), outside)
			assertFiles(t, "sub", files(t, filepath.Join(s.dir, "sub")), sub)
			// Only the journal and the leftover temp file carrying Header go.
			delete(inside, journalName)
			delete(inside, ".oasgen-1")
			assertFiles(t, "out", files(t, s.dir), inside)

			if _, err := Write(s.dir, []File{{"a.gen.go", gen("type A string\n")}}); err != nil {
				t.Fatal(err)
			}
			assertFiles(t, "outside after Write", files(t, s.outside), outside)
			assertContent(t, filepath.Join(s.dir, "helpers.go"), handWritten)
		})
	}

	t.Run("valid journal is carried out", func(t *testing.T) {
		s := prepare(t)
		journal := `{"version":1,"renames":[{"temp":".oasgen-1","target":"a.gen.go"},{"temp":".oasgen-4","target":"c.gen.go"}],"removes":["b.gen.go","gone.gen.go"]}`
		putFiles(t, s.dir, map[string][]byte{journalName: []byte(Header + "\n" + journal + "\n")})
		if _, err := recoverDir(s.dir); err != nil {
			t.Fatal(err)
		}
		assertContent(t, filepath.Join(s.dir, "a.gen.go"), gen("type Hostile int\n"))
		for _, gone := range []string{"b.gen.go", "c.gen.go", ".oasgen-1", journalName} {
			assertMissing(t, filepath.Join(s.dir, gone))
		}
		assertContent(t, filepath.Join(s.outside, "victim.gen.go"), gen("type Victim int\n"))
	})

	refusals := []struct {
		name    string
		journal func(t *testing.T, s setup)
	}{
		{"journal without header", func(t *testing.T, s setup) {
			putFiles(t, s.dir, map[string][]byte{journalName: []byte(rename(".oasgen-1", "a.gen.go"))})
		}},
		{"journal is a directory", func(t *testing.T, s setup) {
			putFiles(t, filepath.Join(s.dir, journalName), map[string][]byte{"x": gen("")})
		}},
		{"journal is a symlink", func(t *testing.T, s setup) {
			if err := os.Symlink(filepath.Join(s.outside, "victim.gen.go"), filepath.Join(s.dir, journalName)); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			s := prepare(t)
			tt.journal(t, s)
			before := snapshot(t, s.root)
			files := []File{{"a.gen.go", gen("type A string\n")}}
			if _, err := Write(s.dir, files); !errors.Is(err, ErrNotGenerated) || !strings.Contains(err.Error(), journalName) {
				t.Errorf("Write error = %v, want a refusal naming %s", err, journalName)
			}
			if _, err := Check(s.dir, files); !errors.Is(err, ErrNotGenerated) {
				t.Errorf("Check error = %v, want a refusal", err)
			}
			assertSameSnapshot(t, before, snapshot(t, s.root))
		})
	}
}
