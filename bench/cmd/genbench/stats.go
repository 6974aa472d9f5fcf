package main

import (
	"slices"
	"time"
)

// Status of a single run or of a (spec, tool) cell.
const (
	StatusOK          = "ok"
	StatusFail        = "fail"
	StatusTimeout     = "timeout"
	StatusUnavailable = "unavailable"
)

// RunResult is the outcome of one invocation of a generator.
type RunResult struct {
	Status   string        `json:"status"`
	Wall     time.Duration `json:"-"`
	User     time.Duration `json:"-"`
	Sys      time.Duration `json:"-"`
	MaxRSSKB int64         `json:"max_rss_kb"`
	ExitCode int           `json:"exit_code"`
	ErrLine  string        `json:"error,omitempty"`
	OutFiles int           `json:"out_files"`
	OutBytes int64         `json:"out_bytes"`

	// Seconds mirrors of the durations, for JSON consumers.
	WallSec float64 `json:"wall_s"`
	UserSec float64 `json:"user_s"`
	SysSec  float64 `json:"sys_s"`
}

// Cell aggregates all runs of one tool on one spec.
type Cell struct {
	Spec    string      `json:"spec"`
	Tool    string      `json:"tool"`
	Planned int         `json:"planned_runs"`
	Runs    []RunResult `json:"runs"`
	// Reason is set when the tool could not be run at all.
	Reason string `json:"unavailable_reason,omitempty"`
	// Gofmt is the result of `gofmt -l` on the first successful output:
	// "" (not checked), "ok", "unformatted (N files)", "unformattable".
	Gofmt string `json:"gofmt,omitempty"`
	// GofmtDetail is the first line of gofmt's complaint, if any.
	GofmtDetail string `json:"gofmt_detail,omitempty"`

	Summary CellSummary `json:"summary"`
}

// CellSummary holds the derived statistics of a cell.
type CellSummary struct {
	Status     string        `json:"status"`
	Err        string        `json:"error,omitempty"`
	Completed  int           `json:"completed_runs"`
	Median     time.Duration `json:"-"`
	Min        time.Duration `json:"-"`
	MedianCPU  time.Duration `json:"-"`
	PeakRSSKB  int64         `json:"peak_rss_kb"`
	OutFiles   int           `json:"out_files"`
	OutBytes   int64         `json:"out_bytes"`
	HaveTimes  bool          `json:"-"`
	MedianSec  float64       `json:"median_s"`
	MinSec     float64       `json:"min_s"`
	CPUSec     float64       `json:"median_cpu_s"`
	TimeRatio  float64       `json:"time_ratio_vs_oasgen,omitempty"`
	MemRatio   float64       `json:"mem_ratio_vs_oasgen,omitempty"`
	TimedOutAt time.Duration `json:"-"`
}

// median returns the median of ds (mean of the two middle values for an
// even count). It returns 0 for an empty slice.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// summarize derives the cell status and statistics from its runs.
//
// Status precedence: unavailable (no runs possible) > timeout > fail > ok.
// Times (median/min wall, median user+sys CPU) are taken over runs that
// finished (ok or fail), i.e.
// timed-out runs are excluded because their wall time is just the timeout.
// Peak RSS is the maximum over all runs, including timed-out ones.
func (c *Cell) summarize(timeout time.Duration) {
	s := CellSummary{}
	if c.Reason != "" {
		s.Status = StatusUnavailable
		s.Err = c.Reason
		c.Summary = s
		return
	}
	var times, cpus []time.Duration
	s.Status = StatusOK
	for _, r := range c.Runs {
		if r.MaxRSSKB > s.PeakRSSKB {
			s.PeakRSSKB = r.MaxRSSKB
		}
		switch r.Status {
		case StatusTimeout:
			s.Status = StatusTimeout
			s.TimedOutAt = timeout
			continue
		case StatusFail:
			if s.Status == StatusOK {
				s.Status = StatusFail
				s.Err = r.ErrLine
			}
		case StatusOK:
			if s.OutFiles == 0 {
				s.OutFiles, s.OutBytes = r.OutFiles, r.OutBytes
			}
		}
		times = append(times, r.Wall)
		cpus = append(cpus, r.User+r.Sys)
	}
	if len(c.Runs) == 0 {
		// Nothing ran (should not happen for an available tool).
		s.Status = StatusUnavailable
		s.Err = "no runs"
	}
	s.Completed = len(times)
	if len(times) > 0 {
		s.HaveTimes = true
		s.Median = median(times)
		s.Min = slices.Min(times)
		s.MedianSec = s.Median.Seconds()
		s.MinSec = s.Min.Seconds()
		s.MedianCPU = median(cpus)
		s.CPUSec = s.MedianCPU.Seconds()
	}
	c.Summary = s
}

// computeRatios fills peer/oasgen ratios for every cell of one spec. Ratios
// are only defined when both the peer and oasgen succeeded.
func computeRatios(cells []*Cell) {
	var base *Cell
	for _, c := range cells {
		if c.Tool == toolOasgen {
			base = c
		}
	}
	for _, c := range cells {
		c.Summary.TimeRatio, c.Summary.MemRatio = 0, 0
		if base == nil || c == base {
			continue
		}
		if base.Summary.Status != StatusOK || c.Summary.Status != StatusOK {
			continue
		}
		if base.Summary.Median > 0 {
			c.Summary.TimeRatio = float64(c.Summary.Median) / float64(base.Summary.Median)
		}
		if base.Summary.PeakRSSKB > 0 {
			c.Summary.MemRatio = float64(c.Summary.PeakRSSKB) / float64(base.Summary.PeakRSSKB)
		}
	}
}
