package write

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// numbered returns lines "1\n" to "n\n", with replace applied by line number.
func numbered(n int, replace map[int]string) string {
	var sb strings.Builder
	for i := 1; i <= n; i++ {
		if r, ok := replace[i]; ok {
			sb.WriteString(r + "\n")
			continue
		}
		fmt.Fprintf(&sb, "%d\n", i)
	}
	return sb.String()
}

// The expected texts are what GNU diff -u --label a --label b prints.
func TestUnifiedDiff(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want string
	}{
		{"equal", "x\ny\n", "x\ny\n", ""},
		{"both empty", "", "", ""},
		{"equal without final newline", "x", "x", ""},
		{
			name: "one changed line with context",
			a:    numbered(10, nil),
			b:    numbered(10, map[int]string{5: "five"}),
			want: "--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
		},
		{
			name: "changes 6 lines apart share a hunk",
			a:    numbered(20, nil),
			b:    numbered(20, map[int]string{2: "two", 9: "nine"}),
			want: "--- a\n+++ b\n@@ -1,12 +1,12 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+nine\n 10\n 11\n 12\n",
		},
		{
			name: "changes 7 lines apart get two hunks",
			a:    numbered(20, nil),
			b:    numbered(20, map[int]string{2: "two", 10: "ten"}),
			want: "--- a\n+++ b\n" +
				"@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n" +
				"@@ -7,7 +7,7 @@\n 7\n 8\n 9\n-10\n+ten\n 11\n 12\n 13\n",
		},
		{
			name: "insert at start",
			a:    "b\nc\n",
			b:    "a\nb\nc\n",
			want: "--- a\n+++ b\n@@ -1,2 +1,3 @@\n+a\n b\n c\n",
		},
		{
			name: "delete at end",
			a:    numbered(6, nil),
			b:    numbered(5, nil),
			want: "--- a\n+++ b\n@@ -3,4 +3,3 @@\n 3\n 4\n 5\n-6\n",
		},
		{
			name: "move a line",
			a:    "a\nb\nc\n",
			b:    "a\nc\nb\n",
			want: "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\n-b\n c\n+b\n",
		},
		{
			name: "from empty",
			a:    "",
			b:    "x\ny\n",
			want: "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n",
		},
		{
			name: "to empty",
			a:    "x\ny\n",
			b:    "",
			want: "--- a\n+++ b\n@@ -1,2 +0,0 @@\n-x\n-y\n",
		},
		{
			name: "no final newline on both sides",
			a:    "a\nb",
			b:    "a\nc",
			want: "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
		},
		{
			name: "final newline added",
			a:    "a\nb",
			b:    "a\nb\n",
			want: "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
		},
		{
			name: "final newline removed",
			a:    "x\n",
			b:    "x",
			want: "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+x\n\\ No newline at end of file\n",
		},
		{
			name: "unchanged last line without newline is context",
			a:    "a\nb\nc",
			b:    "A\nb\nc",
			want: "--- a\n+++ b\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n\\ No newline at end of file\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := UnifiedDiff("a", "b", []byte(tt.a), []byte(tt.b))
			if got != tt.want {
				t.Errorf("UnifiedDiff =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// applyDiff applies a unified diff to a as patch would, failing on any line
// that does not fit, so a wrong diff cannot reconstruct b by accident.
func applyDiff(a []byte, diff string) ([]byte, error) {
	if diff == "" {
		return a, nil
	}
	src := splitLines(a)
	lines := strings.SplitAfter(diff, "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") || lines[len(lines)-1] != "" {
		return nil, fmt.Errorf("bad headers or missing final newline in %q", diff)
	}
	lines = lines[2 : len(lines)-1]
	var out []byte
	pos, written := 0, 0 // lines of a consumed, lines of b produced
	for len(lines) > 0 {
		aStart, aCount, bStart, bCount, err := parseHunkHeader(lines[0])
		if err != nil {
			return nil, err
		}
		lines = lines[1:]
		if aStart < pos || aStart > len(src) {
			return nil, fmt.Errorf("hunk at a line %d overlaps or runs past the text", aStart)
		}
		for ; pos < aStart; pos++ {
			out = append(out, src[pos]...)
			written++
		}
		if bStart != written {
			return nil, fmt.Errorf("hunk says b line %d, but %d lines came before it", bStart, written)
		}
		gotA, gotB := 0, 0
		for len(lines) > 0 && !strings.HasPrefix(lines[0], "@@") {
			kind, text := lines[0][0], lines[0][1:]
			lines = lines[1:]
			if len(lines) > 0 && lines[0] == "\\ No newline at end of file\n" {
				text = strings.TrimSuffix(text, "\n")
				lines = lines[1:]
			}
			if kind != '+' {
				if pos >= len(src) || string(src[pos]) != text {
					return nil, fmt.Errorf("line %d of a is not %q", pos+1, text)
				}
				pos++
				gotA++
			}
			switch kind {
			case ' ', '+':
				out = append(out, text...)
				written++
				gotB++
			case '-':
			default:
				return nil, fmt.Errorf("bad hunk line %q", kind)
			}
		}
		if gotA != aCount || gotB != bCount {
			return nil, fmt.Errorf("hunk header counts %d,%d but body has %d,%d", aCount, bCount, gotA, gotB)
		}
	}
	for ; pos < len(src); pos++ {
		out = append(out, src[pos]...)
	}
	return out, nil
}

// parseHunkHeader parses "@@ -l,s +l,s @@" into 0-based starts and counts.
func parseHunkHeader(line string) (aStart, aCount, bStart, bCount int, err error) {
	var rangeA, rangeB string
	if _, err := fmt.Sscanf(line, "@@ -%s +%s @@\n", &rangeA, &rangeB); err != nil {
		return 0, 0, 0, 0, fmt.Errorf("bad hunk header %q: %w", line, err)
	}
	aStart, aCount, err = parseRange(rangeA)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	bStart, bCount, err = parseRange(rangeB)
	return aStart, aCount, bStart, bCount, err
}

func parseRange(r string) (start, count int, err error) {
	first, second, hasCount := strings.Cut(r, ",")
	start, err = strconv.Atoi(first)
	if err != nil {
		return 0, 0, err
	}
	count = 1
	if hasCount {
		if count, err = strconv.Atoi(second); err != nil {
			return 0, 0, err
		}
	}
	if count == 0 {
		return start, 0, nil // an empty range names the line before it
	}
	return start - 1, count, nil
}

// changedLines counts the - and + lines of a diff's hunks.
func changedLines(diff string) int {
	n := 0
	for i, line := range strings.Split(diff, "\n") {
		if i >= 2 && (strings.HasPrefix(line, "-") || strings.HasPrefix(line, "+")) {
			n++
		}
	}
	return n
}

// shortestEdit is len(a)+len(b)-2*LCS(a, b) by dynamic programming: the
// number of changed lines in a minimal diff.
func shortestEdit(a, b [][]byte) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if bytes.Equal(a[i], b[j]) {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return len(a) + len(b) - 2*prev[len(b)]
}

// randomText builds texts from few distinct lines, so that many alignments
// are possible and the search has real choices to make.
func randomText(r *rand.Rand) []byte {
	words := []string{"a", "b", "c", "}", "", "\treturn nil"}
	var sb strings.Builder
	for range r.IntN(30) {
		sb.WriteString(words[r.IntN(len(words))] + "\n")
	}
	if sb.Len() > 0 && r.IntN(4) == 0 {
		return []byte(strings.TrimSuffix(sb.String(), "\n"))
	}
	return []byte(sb.String())
}

// mutate changes a few lines of text, as regenerating after a small spec
// change would.
func mutate(r *rand.Rand, text []byte) []byte {
	lines := splitLines(text)
	for range r.IntN(4) + 1 {
		i := r.IntN(len(lines) + 1)
		switch r.IntN(3) {
		case 0:
			lines = append(lines[:i:i], append([][]byte{[]byte("new\n")}, lines[i:]...)...)
		case 1:
			if i < len(lines) {
				lines = append(lines[:i:i], lines[i+1:]...)
			}
		case 2:
			if i < len(lines) {
				lines[i] = []byte("changed\n")
			}
		}
	}
	return bytes.Join(lines, nil)
}

func checkDiff(t *testing.T, a, b []byte, wantMinimal bool) {
	t.Helper()
	diff := UnifiedDiff("a", "b", a, b)
	if (diff == "") != bytes.Equal(a, b) {
		t.Fatalf("UnifiedDiff(%q, %q) = %q: empty exactly when equal expected", a, b, diff)
	}
	got, err := applyDiff(a, diff)
	if err != nil {
		t.Fatalf("applying diff of %q -> %q: %v\n%s", a, b, err, diff)
	}
	if !bytes.Equal(got, b) {
		t.Fatalf("applying diff of %q -> %q gives %q\n%s", a, b, got, diff)
	}
	if wantMinimal {
		if got, want := changedLines(diff), shortestEdit(splitLines(a), splitLines(b)); got != want {
			t.Fatalf("diff of %q -> %q changes %d lines, minimal is %d\n%s", a, b, got, want, diff)
		}
	}
}

func TestUnifiedDiffReconstructs(t *testing.T) {
	tests := []struct {
		name        string
		costLimit   int
		wantMinimal bool
	}{
		{"full search", diffCostLimit, true},
		// Tiny limits force the good-enough split on almost every step.
		{"search cut short at 2", 2, false},
		{"search cut short at 5", 5, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func(limit int) { diffCostLimit = limit }(diffCostLimit)
			diffCostLimit = tt.costLimit
			r := rand.New(rand.NewPCG(1, 2))
			for range 3000 {
				a := randomText(r)
				b := randomText(r)
				if r.IntN(2) == 0 {
					b = mutate(r, a)
				}
				checkDiff(t, a, b, tt.wantMinimal)
			}
		})
	}
}

// largeText returns n distinct Go-like lines.
func largeText(n int, prefix string) []byte {
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "\t%s%d int `json:\"f%d\"`\n", prefix, i, i)
	}
	return []byte(sb.String())
}

func TestUnifiedDiffLarge(t *testing.T) {
	t.Run("few scattered changes", func(t *testing.T) {
		a := largeText(50000, "F")
		lines := splitLines(bytes.Clone(a))
		for _, i := range []int{10, 12000, 25000, 25001, 49990} {
			lines[i] = []byte("\tChanged int\n")
		}
		b := bytes.Join(lines, nil)
		diff := UnifiedDiff("a", "b", a, b)
		if n := strings.Count(diff, "\n@@ "); n != 4 {
			t.Errorf("diff has %d hunks, want 4:\n%s", n, diff)
		}
		checkDiff(t, a, b, false)
	})
	t.Run("nothing in common", func(t *testing.T) {
		checkDiff(t, largeText(20000, "A"), largeText(20000, "B"), false)
	})
	t.Run("shuffled repeated lines", func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		var a, b strings.Builder
		for range 20000 {
			a.WriteString([]string{"}\n", "\n", "x\n"}[r.IntN(3)])
			b.WriteString([]string{"}\n", "\n", "x\n"}[r.IntN(3)])
		}
		checkDiff(t, []byte(a.String()), []byte(b.String()), false)
	})
}

func FuzzUnifiedDiff(f *testing.F) {
	f.Add([]byte("a\nb\nc\n"), []byte("a\nc\nb\n"))
	f.Add([]byte(""), []byte("x"))
	f.Add([]byte("x\n"), []byte("x"))
	f.Add([]byte(numbered(20, nil)), []byte(numbered(20, map[int]string{2: "two", 10: "ten"})))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		checkDiff(t, a, b, len(a)+len(b) < 2000)
	})
}

func BenchmarkUnifiedDiffLarge(b *testing.B) {
	old := largeText(50000, "F")
	lines := splitLines(bytes.Clone(old))
	for _, i := range []int{10, 12000, 25000, 49990} {
		lines[i] = []byte("\tChanged int\n")
	}
	regen := bytes.Join(lines, nil)
	for b.Loop() {
		UnifiedDiff("a", "b", old, regen)
	}
}
