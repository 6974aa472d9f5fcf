package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"
)

// errWidth bounds error messages in the table's result column.
const errWidth = 80

// fmtDur formats a duration in seconds with precision adapted to its size,
// so that values in one column are easy to compare.
func fmtDur(d time.Duration) string {
	s := d.Seconds()
	switch {
	case s >= 100:
		return fmt.Sprintf("%.0fs", s)
	case s >= 10:
		return fmt.Sprintf("%.1fs", s)
	case s >= 1:
		return fmt.Sprintf("%.2fs", s)
	default:
		return fmt.Sprintf("%.3fs", s)
	}
}

// fmtMB formats a KiB count as MiB.
func fmtMB(kb int64) string {
	if kb <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", float64(kb)/1024)
}

// fmtRatio formats a peer/oasgen ratio; 0 means "not defined".
func fmtRatio(r float64) string {
	if r <= 0 {
		return "-"
	}
	if r >= 100 {
		return fmt.Sprintf("%.0fx", r)
	}
	return fmt.Sprintf("%.2fx", r)
}

// fmtFactor formats a speed/memory factor for the summary sentence.
func fmtFactor(f float64) string {
	if f >= 10 {
		return fmt.Sprintf("%.0f×", f)
	}
	return fmt.Sprintf("%.1f×", f)
}

// truncate shortens s to at most n runes, marking the cut with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// resultText is the table's result column.
func resultText(c *Cell) string {
	s := c.Summary
	switch s.Status {
	case StatusOK:
		return "ok"
	case StatusFail:
		return truncate("fail: "+s.Err, errWidth)
	case StatusTimeout:
		return "timeout"
	case StatusUnavailable:
		return truncate("unavailable: "+s.Err, errWidth)
	}
	return s.Status
}

func runsText(c *Cell) string {
	if len(c.Runs) < c.Planned {
		return fmt.Sprintf("%d/%d", len(c.Runs), c.Planned)
	}
	return fmt.Sprint(len(c.Runs))
}

func timeText(c *Cell, d time.Duration) string {
	switch {
	case c.Summary.HaveTimes:
		return fmtDur(d)
	case c.Summary.Status == StatusTimeout:
		return ">" + c.Summary.TimedOutAt.String()
	}
	return "-"
}

func cpuText(c *Cell) string {
	if !c.Summary.HaveTimes {
		return "-"
	}
	return fmtDur(c.Summary.MedianCPU)
}

func outText(c *Cell) string {
	if c.Summary.OutFiles == 0 {
		return "-"
	}
	unit := "files"
	if c.Summary.OutFiles == 1 {
		unit = "file"
	}
	if c.Summary.OutBytes < 1<<20 {
		return fmt.Sprintf("%d %s %dKB", c.Summary.OutFiles, unit, (c.Summary.OutBytes+1023)/1024)
	}
	return fmt.Sprintf("%d %s %.1fMB", c.Summary.OutFiles, unit, float64(c.Summary.OutBytes)/(1<<20))
}

func ratioText(c *Cell, r float64) string {
	if c.Tool == toolOasgen {
		if c.Summary.Status == StatusOK {
			return "base"
		}
		return "-"
	}
	return fmtRatio(r)
}

func gofmtText(c *Cell) string {
	if c.Gofmt == "" {
		return "-"
	}
	return c.Gofmt
}

// writeTable prints the aligned result table. cells are grouped by spec in
// the order given.
func writeTable(w io.Writer, cells []*Cell) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SPEC\tTOOL\tRUNS\tMEDIAN\tMIN\tCPU\tPEAK RSS MB\tTIME/OASGEN\tMEM/OASGEN\tOUTPUT\tGOFMT\tRESULT")
	prev := ""
	for _, c := range cells {
		spec := c.Spec
		if spec == prev {
			spec = ""
		}
		prev = c.Spec
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			spec, c.Tool, runsText(c),
			timeText(c, c.Summary.Median), timeText(c, c.Summary.Min), cpuText(c),
			fmtMB(c.Summary.PeakRSSKB),
			ratioText(c, c.Summary.TimeRatio), ratioText(c, c.Summary.MemRatio),
			outText(c), gofmtText(c), resultText(c))
	}
	return tw.Flush()
}

// specSummary is the one-line verdict for a spec, e.g.
// "medusa-v2/store: oasgen is 3.1× faster than oapi-codegen (4.0× less memory), 1.2× slower than ogen (1.5× more memory)".
// Peers that did not succeed are named with their status instead.
func specSummary(spec string, cells []*Cell) string {
	var base *Cell
	for _, c := range cells {
		if c.Tool == toolOasgen {
			base = c
		}
	}
	if base == nil {
		return spec + ": oasgen not selected, no comparison"
	}
	if base.Summary.Status != StatusOK {
		return fmt.Sprintf("%s: oasgen %s, no comparison", spec, statusWord(base))
	}
	var cmp, other []string
	for _, c := range cells {
		if c == base {
			continue
		}
		if c.Summary.Status != StatusOK || c.Summary.TimeRatio <= 0 {
			other = append(other, c.Tool+" "+statusWord(c))
			continue
		}
		cmp = append(cmp, fmt.Sprintf("%s (%s)",
			speedPhrase(c.Summary.TimeRatio, c.Tool), memPhrase(c.Summary.MemRatio)))
	}
	var b strings.Builder
	b.WriteString(spec + ": ")
	switch {
	case len(cmp) > 0:
		b.WriteString("oasgen is " + strings.Join(cmp, ", "))
		if len(other) > 0 {
			b.WriteString("; " + strings.Join(other, ", "))
		}
	case len(other) > 0:
		b.WriteString("no comparison: " + strings.Join(other, ", "))
	default:
		b.WriteString("no peers selected")
	}
	return b.String()
}

// speedPhrase turns a peer/oasgen time ratio into "N× faster than peer",
// "N× slower than peer" or "about as fast as peer" (within 5%).
func speedPhrase(r float64, peer string) string {
	switch {
	case r >= 1.05:
		return fmtFactor(r) + " faster than " + peer
	case r <= 1/1.05:
		return fmtFactor(1/r) + " slower than " + peer
	}
	return "about as fast as " + peer
}

// memPhrase turns a peer/oasgen RSS ratio into "N× less memory" etc.
func memPhrase(r float64) string {
	switch {
	case r <= 0:
		return "memory n/a"
	case r >= 1.05:
		return fmtFactor(r) + " less memory"
	case r <= 1/1.05:
		return fmtFactor(1/r) + " more memory"
	}
	return "similar memory"
}

func statusWord(c *Cell) string {
	switch c.Summary.Status {
	case StatusFail:
		return "failed"
	case StatusTimeout:
		return fmt.Sprintf("timed out (>%s)", c.Summary.TimedOutAt)
	case StatusUnavailable:
		return "unavailable"
	}
	return c.Summary.Status
}

// cellNotes lists the full (untruncated) error lines and gofmt details.
// A tool that is unavailable is mentioned once, not once per spec.
func cellNotes(cells []*Cell) []string {
	var notes []string
	unavailable := map[string]bool{}
	for _, c := range cells {
		prefix := c.Spec + " / " + c.Tool + ": "
		switch c.Summary.Status {
		case StatusFail:
			notes = append(notes, prefix+"failed: "+truncate(c.Summary.Err, 400))
		case StatusUnavailable:
			if key := c.Tool + "\x00" + c.Summary.Err; !unavailable[key] {
				unavailable[key] = true
				notes = append(notes, c.Tool+": unavailable: "+truncate(c.Summary.Err, 400))
			}
		}
		if c.GofmtDetail != "" {
			notes = append(notes, prefix+"gofmt "+c.Gofmt+": "+truncate(c.GofmtDetail, 400))
		}
	}
	return notes
}
