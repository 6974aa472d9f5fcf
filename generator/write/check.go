package write

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// maxDiffLines bounds Drift.Diff: --check output should point at the drift,
// not reprint a regenerated file.
const maxDiffLines = 40

// DriftKind says how the disk differs from what would be generated.
type DriftKind int

const (
	Stale   DriftKind = iota // on disk, generated, content differs
	Missing                  // would be generated, not on disk
	Extra                    // generated file on disk that would no longer be generated
	// Interrupted is the journal of a Write killed part way: the generated
	// files may be a mix of two runs until the next Write finishes it.
	Interrupted
)

// String returns the lower-case name used in --check output.
func (k DriftKind) String() string {
	switch k {
	case Stale:
		return "stale"
	case Missing:
		return "missing"
	case Extra:
		return "extra"
	case Interrupted:
		return "interrupted"
	}
	return fmt.Sprintf("DriftKind(%d)", int(k))
}

// Drift is one file that differs (or, Interrupted, the journal).
type Drift struct {
	Name string // base name
	Kind DriftKind
	// Diff is, for Stale, a unified diff from the file on disk (a/Name) to the
	// generated one (b/Name), cut to about 40 lines with a final
	// "... (N more lines)" line. It is empty for Missing and Extra.
	Diff string
}

// Check compares files with dir and writes nothing. Drifts are sorted by Name.
// A target that exists but lacks Header (or is not a regular file) is reported
// as an error wrapping ErrNotGenerated: the same refusal Write would make. A
// missing dir means every file is Missing. A journal left by a killed Write is
// reported as an Interrupted drift named after it, besides the files as they
// are on disk; leftover temp files are ignored (they are not Go files, and
// the next Write removes them). No drift and no error means Write would
// change no generated file.
func Check(dir string, files []File) ([]Drift, error) {
	p, err := makePlan(dir, files)
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", dir, err)
	}
	var drifts []Drift
	for _, t := range p.targets {
		switch t.state {
		case missing:
			drifts = append(drifts, Drift{Name: t.Name, Kind: Missing})
		case differs:
			diff := UnifiedDiff("a/"+t.Name, "b/"+t.Name, t.onDisk, t.Content)
			drifts = append(drifts, Drift{Name: t.Name, Kind: Stale, Diff: truncateLines(diff, maxDiffLines)})
		}
	}
	for _, name := range p.stale {
		drifts = append(drifts, Drift{Name: name, Kind: Extra})
	}
	if p.journal {
		drifts = append(drifts, Drift{Name: journalName, Kind: Interrupted})
	}
	slices.SortFunc(drifts, func(a, b Drift) int { return cmp.Compare(a.Name, b.Name) })
	return drifts, nil
}

// truncateLines keeps the first limit lines of text (each ending in "\n") and
// replaces the rest with one line saying how many were left out.
func truncateLines(text string, limit int) string {
	cut := 0
	for range limit {
		i := strings.IndexByte(text[cut:], '\n')
		if i < 0 {
			return text
		}
		cut += i + 1
	}
	rest := text[cut:]
	if rest == "" {
		return text
	}
	omitted := strings.Count(rest, "\n")
	if !strings.HasSuffix(rest, "\n") {
		omitted++
	}
	if omitted == 1 {
		// A note in place of one line would hide it and save nothing.
		return text
	}
	return fmt.Sprintf("%s... (%d more lines)\n", text[:cut], omitted)
}
