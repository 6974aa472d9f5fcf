package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestFormatters(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{1234 * time.Microsecond, "0.001s"},
		{350 * time.Millisecond, "0.350s"},
		{8354 * time.Millisecond, "8.35s"},
		{47 * time.Second, "47.0s"},
		{265 * time.Second, "265s"},
	} {
		if got := fmtDur(tc.d); got != tc.want {
			t.Errorf("fmtDur(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
	if got := fmtMB(1843200); got != "1800.0" {
		t.Errorf("fmtMB = %q", got)
	}
	if got := fmtMB(0); got != "-" {
		t.Errorf("fmtMB(0) = %q", got)
	}
	for r, want := range map[float64]string{0: "-", 1.234: "1.23x", 42.5: "42.50x", 265.4: "265x"} {
		if got := fmtRatio(r); got != want {
			t.Errorf("fmtRatio(%v) = %q, want %q", r, got, want)
		}
	}
	if got := truncate("héllo world", 6); got != "héllo…" {
		t.Errorf("truncate = %q", got)
	}
	if got := truncate("short", 80); got != "short" {
		t.Errorf("truncate = %q", got)
	}
}

func TestPhrases(t *testing.T) {
	for _, tc := range []struct {
		r    float64
		want string
	}{
		{3.14, "3.1× faster than ogen"},
		{25, "25× faster than ogen"},
		{0.5, "2.0× slower than ogen"},
		{1.02, "about as fast as ogen"},
		{0.97, "about as fast as ogen"},
	} {
		if got := speedPhrase(tc.r, "ogen"); got != tc.want {
			t.Errorf("speedPhrase(%v) = %q, want %q", tc.r, got, tc.want)
		}
	}
	for r, want := range map[float64]string{4: "4.0× less memory", 0.25: "4.0× more memory", 1: "similar memory", 0: "memory n/a"} {
		if got := memPhrase(r); got != want {
			t.Errorf("memPhrase(%v) = %q, want %q", r, got, want)
		}
	}
}

// testCells builds one spec's cells: oasgen ok, oapi-codegen ok and slower,
// ogen failed.
func testCells(oasgenStatus string) []*Cell {
	s := time.Second
	var base *Cell
	if oasgenStatus == StatusUnavailable {
		base = &Cell{Spec: "medusa-v2/store", Tool: toolOasgen, Planned: 3, Reason: "build failed: no Go files"}
	} else {
		base = &Cell{Spec: "medusa-v2/store", Tool: toolOasgen, Planned: 3, Runs: []RunResult{ok(s/2, 51200), ok(s/2, 51200), ok(s/2, 51200)}, Gofmt: "ok"}
	}
	cells := []*Cell{
		base,
		{Spec: "medusa-v2/store", Tool: toolOapiCodegen, Planned: 1, Runs: []RunResult{ok(2*s, 204800)}, Gofmt: "unformatted (1 file)"},
		{Spec: "medusa-v2/store", Tool: toolOgen, Planned: 3, Runs: []RunResult{{Status: StatusFail, Wall: s / 10, MaxRSSKB: 1024,
			ErrLine: strings.Repeat("x", 200)}}},
	}
	for _, c := range cells {
		c.summarize(time.Minute)
	}
	computeRatios(cells)
	return cells
}

func TestSpecSummary(t *testing.T) {
	got := specSummary("medusa-v2/store", testCells(StatusOK))
	want := "medusa-v2/store: oasgen is 4.0× faster than oapi-codegen (4.0× less memory); ogen failed"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	got = specSummary("medusa-v2/store", testCells(StatusUnavailable))
	want = "medusa-v2/store: oasgen unavailable, no comparison"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	cells := testCells(StatusOK)
	got = specSummary("s", cells[1:])
	if got != "s: oasgen not selected, no comparison" {
		t.Errorf("got %q", got)
	}
	got = specSummary("s", []*Cell{cells[0], cells[2]})
	if got != "s: no comparison: ogen failed" {
		t.Errorf("got %q", got)
	}
}

func TestWriteTable(t *testing.T) {
	var buf bytes.Buffer
	if err := writeTable(&buf, testCells(StatusOK)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("want header + 3 rows, got:\n%s", buf.String())
	}
	// Columns are aligned: every row's RESULT cell starts where the header's does.
	col := strings.Index(lines[0], "RESULT")
	for _, l := range lines[1:] {
		if len(l) <= col || l[col-1] != ' ' || l[col] == ' ' {
			t.Errorf("misaligned row:\n%s\n%s", lines[0], l)
		}
	}
	for _, want := range []string{
		"medusa-v2/store  oasgen", // spec shown once per group
		"base",
		"4.00x",
		"unformatted (1 file)",
		"2 files 1KB",
		"fail: " + strings.Repeat("x", errWidth-len("fail: ")-1) + "…",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
	if strings.Count(buf.String(), "medusa-v2/store") != 1 {
		t.Errorf("spec name repeated:\n%s", buf.String())
	}
	// The oasgen row of a 3-run cell shows 3 runs; the failed ogen cell 1/3.
	if !strings.Contains(lines[3], "1/3") {
		t.Errorf("ogen row lacks 1/3: %s", lines[3])
	}
}

func TestCellNotes(t *testing.T) {
	notes := cellNotes(testCells(StatusUnavailable))
	// A second spec with the same unavailable tool adds no second note.
	more := testCells(StatusUnavailable)
	for _, c := range more {
		c.Spec = "other"
	}
	all := cellNotes(append(testCells(StatusUnavailable), more...))
	if len(all) != 3 {
		t.Errorf("dedup failed: %q", all)
	}
	if len(notes) != 2 || !strings.HasPrefix(notes[0], "oasgen: unavailable: build failed") ||
		!strings.HasPrefix(notes[1], "medusa-v2/store / ogen: failed: xxx") {
		t.Errorf("notes = %q", notes)
	}
}
