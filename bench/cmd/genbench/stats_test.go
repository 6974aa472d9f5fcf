package main

import (
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	s := time.Second
	for _, tc := range []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{3 * s}, 3 * s},
		{[]time.Duration{5 * s, 1 * s, 3 * s}, 3 * s},
		{[]time.Duration{4 * s, 1 * s, 2 * s, 10 * s}, 3 * s},
	} {
		in := append([]time.Duration(nil), tc.in...)
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", in, got, tc.want)
		}
		for i := range in { // input must not be reordered
			if in[i] != tc.in[i] {
				t.Fatalf("median reordered its input")
			}
		}
	}
}

func ok(wall time.Duration, rss int64) RunResult {
	return RunResult{Status: StatusOK, Wall: wall, User: wall / 2, Sys: wall / 4, MaxRSSKB: rss, OutFiles: 2, OutBytes: 100}
}

func TestSummarize(t *testing.T) {
	s := time.Second
	t.Run("ok", func(t *testing.T) {
		c := &Cell{Planned: 3, Runs: []RunResult{ok(3*s, 100), ok(1*s, 300), ok(2*s, 200)}}
		c.summarize(time.Minute)
		got := c.Summary
		if got.Status != StatusOK || got.Median != 2*s || got.Min != 1*s || got.PeakRSSKB != 300 || got.Completed != 3 {
			t.Errorf("got %+v", got)
		}
		if got.MedianCPU != 2*s*3/4 {
			t.Errorf("MedianCPU = %v", got.MedianCPU)
		}
		if got.OutFiles != 2 || got.OutBytes != 100 {
			t.Errorf("output stats = %d/%d", got.OutFiles, got.OutBytes)
		}
	})
	t.Run("fail keeps first error and its time", func(t *testing.T) {
		c := &Cell{Runs: []RunResult{
			ok(1*s, 10),
			{Status: StatusFail, Wall: 3 * s, MaxRSSKB: 50, ErrLine: "boom"},
			{Status: StatusFail, Wall: 5 * s, ErrLine: "second"},
		}}
		c.summarize(time.Minute)
		got := c.Summary
		if got.Status != StatusFail || got.Err != "boom" || got.Median != 3*s || got.PeakRSSKB != 50 {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("timeout excluded from times but not from RSS", func(t *testing.T) {
		c := &Cell{Runs: []RunResult{
			ok(2*s, 10),
			{Status: StatusTimeout, Wall: 60 * s, MaxRSSKB: 999},
		}}
		c.summarize(time.Minute)
		got := c.Summary
		if got.Status != StatusTimeout || got.Median != 2*s || got.PeakRSSKB != 999 || got.TimedOutAt != time.Minute {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("timeout only", func(t *testing.T) {
		c := &Cell{Runs: []RunResult{{Status: StatusTimeout, Wall: 60 * s}}}
		c.summarize(time.Minute)
		if c.Summary.HaveTimes || c.Summary.Status != StatusTimeout {
			t.Errorf("got %+v", c.Summary)
		}
	})
	t.Run("unavailable", func(t *testing.T) {
		c := &Cell{Reason: "build failed: x"}
		c.summarize(time.Minute)
		if c.Summary.Status != StatusUnavailable || c.Summary.Err != "build failed: x" {
			t.Errorf("got %+v", c.Summary)
		}
	})
}

func TestComputeRatios(t *testing.T) {
	s := time.Second
	mk := func(tool string, runs ...RunResult) *Cell {
		c := &Cell{Spec: "x", Tool: tool, Runs: runs}
		c.summarize(time.Minute)
		return c
	}
	base := mk(toolOasgen, ok(2*s, 100))
	good := mk(toolOapiCodegen, ok(10*s, 450))
	bad := mk(toolOgen, RunResult{Status: StatusFail, Wall: s, MaxRSSKB: 5, ErrLine: "e"})
	computeRatios([]*Cell{base, good, bad})
	if good.Summary.TimeRatio != 5 || good.Summary.MemRatio != 4.5 {
		t.Errorf("good ratios = %v, %v", good.Summary.TimeRatio, good.Summary.MemRatio)
	}
	if bad.Summary.TimeRatio != 0 || bad.Summary.MemRatio != 0 {
		t.Errorf("failed peer must have no ratio: %+v", bad.Summary)
	}
	if base.Summary.TimeRatio != 0 {
		t.Errorf("base has a ratio")
	}

	// oasgen failing: no ratios at all.
	base = mk(toolOasgen, RunResult{Status: StatusFail, Wall: s, ErrLine: "e"})
	good = mk(toolOapiCodegen, ok(10*s, 450))
	computeRatios([]*Cell{base, good})
	if good.Summary.TimeRatio != 0 {
		t.Errorf("ratio defined although oasgen failed")
	}
}
