package write

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// killHelperEnv names, in a helper process, the folder TestWriteKillHelper writes into.
const killHelperEnv = "OASGEN_WRITE_KILL_HELPER_DIR"

// killSet is the old (version "old") or new (version "new") set of files the
// kill test switches between: shared names change content, and each set has
// names of its own, so a run both rewrites and removes.
func killSet(version string) []File {
	var files []File
	add := func(name string) {
		body := fmt.Sprintf("// %s %s\n", version, name) + strings.Repeat("// "+version+" padding to make the write take a while\n", 150)
		files = append(files, File{Name: name, Content: gen(body)})
	}
	for i := range 30 {
		add(fmt.Sprintf("shared%02d.gen.go", i))
	}
	for i := range 5 {
		add(fmt.Sprintf("%s%02d.gen.go", version, i))
	}
	return files
}

// folderState classifies dir: "old" or "new" when its entries other than
// oasgen's temp files and journal are exactly that set, else "mixed"; temps
// counts the .oasgen-* files, the journal included.
func folderState(t *testing.T, dir string) (state string, temps int) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".oasgen-") {
			temps++
			continue
		}
		content, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got[e.Name()] = string(content)
	}
	for _, version := range []string{"old", "new"} {
		want := killSet(version)
		if len(got) != len(want) {
			continue
		}
		match := true
		for _, f := range want {
			if got[f.Name] != string(f.Content) {
				match = false
				break
			}
		}
		if match {
			return version, temps
		}
	}
	return "mixed", temps
}

// copyFolder copies dir's regular files into a new folder, so that recovery
// can be looked at without disturbing the killed folder itself.
func copyFolder(t *testing.T, dir string) string {
	t.Helper()
	dst := t.TempDir()
	for name, content := range contents(t, dir) {
		if err := os.WriteFile(filepath.Join(dst, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// TestWriteKillHelper is not a test: run by TestWriteKilled in a child
// process, it writes the new set and is killed part way.
func TestWriteKillHelper(t *testing.T) {
	dir := os.Getenv(killHelperEnv)
	if dir == "" {
		t.Skip("helper process of TestWriteKilled")
	}
	fmt.Println("ready")
	start := time.Now()
	if _, err := Write(dir, killSet("new")); err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	fmt.Println("done", time.Since(start).Nanoseconds())
	os.Exit(0)
}

// runKillHelper runs TestWriteKillHelper on dir and, when kill is set, kills
// it with SIGKILL delay after it starts Write. It reports whether Write
// finished and, if so, how long it took.
func runKillHelper(t *testing.T, dir string, kill bool, delay time.Duration) (finished bool, took time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteKillHelper$", "-test.timeout=60s")
	cmd.Env = append(os.Environ(), killHelperEnv+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	if !lines.Scan() || lines.Text() != "ready" {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("helper did not start: %q %s", lines.Text(), stderr.String())
	}
	if kill {
		time.Sleep(delay)
		_ = cmd.Process.Kill() // SIGKILL; it may have finished already
	}
	for lines.Scan() {
		if ns, ok := strings.CutPrefix(lines.Text(), "done "); ok {
			n, _ := strconv.ParseInt(ns, 10, 64)
			finished, took = true, time.Duration(n)
		} else if strings.HasPrefix(lines.Text(), "error") {
			t.Errorf("helper: %s", lines.Text())
		}
	}
	_ = cmd.Wait()
	return finished, took
}

// TestWriteKilled kills real oasgen writes at random moments. After a killed
// run, recovery must leave entirely the old set or entirely the new one, and
// a further Write must leave exactly the new set and no .oasgen-* file.
func TestWriteKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helper processes")
	}
	const iterations = 30
	budget := 2 * time.Minute
	if deadline, ok := t.Deadline(); ok {
		budget = min(budget, time.Until(deadline)/2)
	}
	dir := filepath.Join(t.TempDir(), "out")
	reset := func() {
		t.Helper()
		if _, err := Write(dir, killSet("old")); err != nil {
			t.Fatal(err)
		}
	}

	// One uncontested run tells how long a write takes, so that kills land
	// all over it.
	reset()
	finished, took := runKillHelper(t, dir, false, 0)
	if !finished {
		t.Fatal("helper did not finish an uncontested write")
	}
	window := took + took/5

	var kills, rawMixed, rawTemps, recoveredOld, recoveredNew, recoveredBad, afterBad int
	start := time.Now()
	n := 0
	for ; n < iterations && time.Since(start) < budget; n++ {
		reset()
		_, tempsBefore := folderState(t, dir)
		if finished, _ := runKillHelper(t, dir, true, rand.N(window)); !finished {
			kills++
		}
		state, temps := folderState(t, dir)
		if state == "mixed" {
			rawMixed++
		}
		if temps > tempsBefore {
			rawTemps++
		}

		killed := copyFolder(t, dir)
		if _, err := recoverDir(killed); err != nil {
			t.Errorf("run %d: recovery: %v", n, err)
		}
		switch state, temps := folderState(t, killed); {
		case temps == 0 && state == "old":
			recoveredOld++
		case temps == 0 && state == "new":
			recoveredNew++
		default:
			recoveredBad++
			t.Errorf("run %d: after recovery the folder holds a %s set and %d .oasgen-* file(s)", n, state, temps)
		}

		if _, err := Write(dir, killSet("new")); err != nil {
			t.Errorf("run %d: Write after the kill: %v", n, err)
		}
		if state, temps := folderState(t, dir); state != "new" || temps > 0 {
			afterBad++
			t.Errorf("run %d: after a further Write the folder holds a %s set and %d .oasgen-* file(s)", n, state, temps)
		}
	}
	t.Logf("%d runs (write window %v), %d killed part way; right after the kill %d held a mixed set and %d had new .oasgen-* files; after recovery %d held the old set, %d the new one and %d neither; after a further Write %d were not exactly the new set",
		n, window, kills, rawMixed, rawTemps, recoveredOld, recoveredNew, recoveredBad, afterBad)
}
