package write

import (
	"bytes"
	"fmt"
	"strings"
)

// contextLines is how many unchanged lines surround each change, as in diff -u.
const contextLines = 3

// diffCostLimit bounds how many edits one step of the Myers search explores
// before settling for a good split instead of the best one. Texts that differ
// in a few places never reach it; it keeps two large texts with little in
// common from costing O(N·D) with a huge D. A variable so tests can lower it.
var diffCostLimit = 1024

// UnifiedDiff returns a unified diff of two texts split by lines, in the format
// of GNU diff -u without timestamps: "--- nameA" and "+++ nameB" headers, then
// "@@ -l,s +l,s @@" hunks with 3 lines of context, and "\ No newline at end of
// file" after a last line that has no newline. It returns "" when a and b are
// equal. The diff is minimal (Myers' algorithm) unless the texts have so little
// in common that the search is cut short; it is always correct.
func UnifiedDiff(nameA, nameB string, a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	linesA, linesB := splitLines(a), splitLines(b)
	edits := diffLines(linesA, linesB)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", nameA, nameB)
	for _, h := range hunks(edits, contextLines) {
		writeHunk(&sb, edits[h.start:h.end], linesA, linesB)
	}
	return sb.String()
}

// splitLines cuts text after each "\n". The last line keeps no newline if the
// text has none, so "x" and "x\n" are different last lines, as in diff.
func splitLines(text []byte) [][]byte {
	lines := make([][]byte, 0, bytes.Count(text, []byte("\n"))+1)
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			return append(lines, text)
		}
		lines = append(lines, text[:i+1])
		text = text[i+1:]
	}
	return lines
}

type editKind uint8

const (
	keep editKind = iota // line in both texts
	del                  // line only in a
	ins                  // line only in b
)

// edit is one line of an edit script. a and b are the positions in each text
// when the edit is made: the line itself for keep, del (a) and ins (b), and
// the next line of the other text otherwise, which is what hunk headers need.
type edit struct {
	kind editKind
	a, b int
}

// diffLines returns an edit script turning a into b. The common prefix and
// suffix are taken off first: regenerated files usually differ in a few
// places, and the search then only sees the region between the first and
// last change.
func diffLines(a, b [][]byte) []edit {
	pre := commonPrefix(a, b)
	suf := commonSuffix(a[pre:], b[pre:])
	deleted, inserted := markChanges(a[pre:len(a)-suf], b[pre:len(b)-suf])
	return editScript(len(a), len(b), pre, deleted, inserted)
}

func commonPrefix(a, b [][]byte) int {
	n := 0
	for n < len(a) && n < len(b) && bytes.Equal(a[n], b[n]) {
		n++
	}
	return n
}

func commonSuffix(a, b [][]byte) int {
	n := 0
	for n < len(a) && n < len(b) && bytes.Equal(a[len(a)-1-n], b[len(b)-1-n]) {
		n++
	}
	return n
}

// markChanges finds a shortest edit script from a to b and reports which lines
// of a it deletes and which lines of b it inserts.
//
// Lines that occur in only one text can never be kept, so they are marked
// right away and left out of the search. This does not change the length of
// the script (they are in no common subsequence), and it makes two texts with
// little in common, such as a file rewritten by a new generator version, cheap.
func markChanges(a, b [][]byte) (deleted, inserted []bool) {
	idsA, idsB, distinct := internLines(a, b)
	inA, inB := presence(idsA, distinct), presence(idsB, distinct)
	deleted, inserted = make([]bool, len(a)), make([]bool, len(b))
	sharedA := keepShared(idsA, inB, deleted)
	sharedB := keepShared(idsB, inA, inserted)

	m := newMyers(pick(idsA, sharedA), pick(idsB, sharedB))
	m.compare(0, len(m.a), 0, len(m.b))
	for i, d := range m.deleted {
		deleted[sharedA[i]] = d
	}
	for i, d := range m.inserted {
		inserted[sharedB[i]] = d
	}
	return deleted, inserted
}

// internLines numbers distinct lines so the search compares ints, not bytes.
func internLines(a, b [][]byte) (idsA, idsB []int, distinct int) {
	ids := make(map[string]int, len(a)+len(b))
	number := func(lines [][]byte) []int {
		out := make([]int, len(lines))
		for i, line := range lines {
			id, ok := ids[string(line)]
			if !ok {
				id = len(ids)
				ids[string(line)] = id
			}
			out[i] = id
		}
		return out
	}
	idsA = number(a)
	idsB = number(b)
	return idsA, idsB, len(ids)
}

func presence(ids []int, distinct int) []bool {
	present := make([]bool, distinct)
	for _, id := range ids {
		present[id] = true
	}
	return present
}

// keepShared returns the indexes of the lines whose id is in other, and marks
// the rest as changed.
func keepShared(ids []int, other, changed []bool) []int {
	var shared []int
	for i, id := range ids {
		if other[id] {
			shared = append(shared, i)
		} else {
			changed[i] = true
		}
	}
	return shared
}

func pick(ids, indexes []int) []int {
	out := make([]int, len(indexes))
	for i, idx := range indexes {
		out[i] = ids[idx]
	}
	return out
}

// myers is the linear-space variant of Myers' O(ND) diff ("An O(ND)
// Difference Algorithm and Its Variations", 1986, section 4b): find a point on
// a shortest edit path near its middle, then solve both halves.
type myers struct {
	a, b              []int
	deleted, inserted []bool
	forward, backward []int // search buffers, reused across splits
}

func newMyers(a, b []int) *myers {
	return &myers{a: a, b: b, deleted: make([]bool, len(a)), inserted: make([]bool, len(b))}
}

// compare marks the changes between a[aLo:aHi] and b[bLo:bHi].
func (m *myers) compare(aLo, aHi, bLo, bHi int) {
	for aLo < aHi && bLo < bHi && m.a[aLo] == m.b[bLo] {
		aLo, bLo = aLo+1, bLo+1
	}
	for aLo < aHi && bLo < bHi && m.a[aHi-1] == m.b[bHi-1] {
		aHi, bHi = aHi-1, bHi-1
	}
	if aLo == aHi || bLo == bHi {
		m.markReplaced(aLo, aHi, bLo, bHi)
		return
	}
	x, y, ok := m.split(aLo, aHi, bLo, bHi)
	// A split must leave two smaller problems, or the recursion would not end.
	// The search guarantees it; checking costs nothing and rules out a hang.
	inside := aLo <= x && x <= aHi && bLo <= y && y <= bHi
	trivial := (x == aLo && y == bLo) || (x == aHi && y == bHi)
	if !ok || !inside || trivial {
		m.markReplaced(aLo, aHi, bLo, bHi)
		return
	}
	m.compare(aLo, x, bLo, y)
	m.compare(x, aHi, y, bHi)
}

// markReplaced marks all of a[aLo:aHi] deleted and all of b[bLo:bHi] inserted.
func (m *myers) markReplaced(aLo, aHi, bLo, bHi int) {
	for i := aLo; i < aHi; i++ {
		m.deleted[i] = true
	}
	for j := bLo; j < bHi; j++ {
		m.inserted[j] = true
	}
}

// split returns a point (x, y) through which a shortest edit path from
// a[aLo:aHi] to b[bLo:bHi] passes, found by searching forward from the start
// and backward from the end until the two searches overlap. The range must
// start and end with a difference.
//
// ok is false when the two ranges have no line in common: every line is then
// a change, and there is nothing to split. If the search exceeds
// diffCostLimit, split returns the furthest point the forward search reached,
// which still splits the problem correctly, only maybe not minimally.
func (m *myers) split(aLo, aHi, bLo, bHi int) (x, y int, ok bool) {
	a, b := m.a[aLo:aHi], m.b[bLo:bHi]
	n, mm := len(a), len(b)
	// Paths meet by d = ceil(D/2) for an edit distance D below n+mm, which is
	// at most this; D = n+mm means nothing in common.
	maxD := (n + mm + 1) / 2
	limited := maxD > diffCostLimit
	maxD = min(maxD, diffCostLimit)
	// forward[off+k] is the furthest x reached on diagonal k = x-y;
	// backward[off+k] the same counted from the ends of a and b. -1 is unvisited.
	off := maxD + 1
	forward, backward := m.buffers(2*off + 1)
	forward[off+1], backward[off+1] = 0, 0
	delta := n - mm
	// With an odd delta the paths meet during a forward step, otherwise during a backward one.
	front := delta%2 != 0
	// Diagonals that ran off the edge of the grid are skipped from then on.
	var k1start, k1end, k2start, k2end int
	bestX, bestY := 0, 0
	for d := range maxD {
		for k1 := -d + k1start; k1 <= d-k1end; k1 += 2 {
			i := off + k1
			x1 := furthest(forward, i, k1, d)
			y1 := x1 - k1
			for x1 < n && y1 < mm && a[x1] == b[y1] {
				x1, y1 = x1+1, y1+1
			}
			forward[i] = x1
			switch {
			case x1 > n:
				k1end += 2
			case y1 > mm:
				k1start += 2
			default:
				if x1+y1 > bestX+bestY {
					bestX, bestY = x1, y1
				}
				if front {
					j := off + delta - k1
					if j >= 0 && j < len(backward) && backward[j] != -1 && x1 >= n-backward[j] {
						return aLo + x1, bLo + y1, true
					}
				}
			}
		}
		for k2 := -d + k2start; k2 <= d-k2end; k2 += 2 {
			i := off + k2
			x2 := furthest(backward, i, k2, d)
			y2 := x2 - k2
			for x2 < n && y2 < mm && a[n-x2-1] == b[mm-y2-1] {
				x2, y2 = x2+1, y2+1
			}
			backward[i] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > mm:
				k2start += 2
			case !front:
				j := off + delta - k2
				if j >= 0 && j < len(forward) && forward[j] != -1 {
					x1 := forward[j]
					y1 := x1 - (j - off)
					if x1 >= n-x2 {
						return aLo + x1, bLo + y1, true
					}
				}
			}
		}
	}
	if !limited {
		return 0, 0, false
	}
	return aLo + bestX, bLo + bestY, true
}

// furthest is where a d-path on diagonal k starts before following its snake:
// one step down from diagonal k+1 or one step right from diagonal k-1,
// whichever got further.
func furthest(v []int, i, k, d int) int {
	if k == -d || (k != d && v[i-1] < v[i+1]) {
		return v[i+1]
	}
	return v[i-1] + 1
}

// buffers returns the two search buffers with size entries, all unvisited.
func (m *myers) buffers(size int) (forward, backward []int) {
	if cap(m.forward) < size {
		m.forward, m.backward = make([]int, size), make([]int, size)
	}
	forward, backward = m.forward[:size], m.backward[:size]
	for i := range size {
		forward[i], backward[i] = -1, -1
	}
	return forward, backward
}

// editScript turns the marks into edits, lines of a deleted before lines of b
// inserted at the same place, as diff prints them. Marks cover a[pre:] and
// b[pre:]; lines outside them are kept.
func editScript(nA, nB, pre int, deleted, inserted []bool) []edit {
	isMarked := func(marks []bool, i int) bool {
		i -= pre
		return i >= 0 && i < len(marks) && marks[i]
	}
	edits := make([]edit, 0, max(nA, nB))
	for i, j := 0, 0; i < nA || j < nB; {
		// Running out of one text forces the other's lines to be changes, so
		// inconsistent marks cannot index past the end.
		switch {
		case i < nA && (isMarked(deleted, i) || j == nB):
			edits = append(edits, edit{del, i, j})
			i++
		case j < nB && (isMarked(inserted, j) || i == nA):
			edits = append(edits, edit{ins, i, j})
			j++
		default:
			edits = append(edits, edit{keep, i, j})
			i, j = i+1, j+1
		}
	}
	return edits
}

// span is a half-open range of edits.
type span struct{ start, end int }

// hunks groups the changes in edits with context lines around them. Changes
// separated by at most 2*context kept lines share a hunk, as in GNU diff.
func hunks(edits []edit, context int) []span {
	var out []span
	for i := nextChange(edits, 0); i < len(edits); i = nextChange(edits, i) {
		start := max(i-context, 0)
		end := nextKeep(edits, i)
		for {
			next := nextChange(edits, end)
			if next == len(edits) || next-end > 2*context {
				break
			}
			end = nextKeep(edits, next)
		}
		end = min(end+context, len(edits))
		out = append(out, span{start, end})
		i = end
	}
	return out
}

func nextChange(edits []edit, i int) int {
	for i < len(edits) && edits[i].kind == keep {
		i++
	}
	return i
}

func nextKeep(edits []edit, i int) int {
	for i < len(edits) && edits[i].kind != keep {
		i++
	}
	return i
}

func writeHunk(sb *strings.Builder, edits []edit, a, b [][]byte) {
	countA, countB := 0, 0
	for _, e := range edits {
		if e.kind != ins {
			countA++
		}
		if e.kind != del {
			countB++
		}
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", hunkRange(edits[0].a, countA), hunkRange(edits[0].b, countB))
	for _, e := range edits {
		switch e.kind {
		case keep:
			writeLine(sb, ' ', a[e.a])
		case del:
			writeLine(sb, '-', a[e.a])
		case ins:
			writeLine(sb, '+', b[e.b])
		}
	}
}

// hunkRange formats a hunk's range from its 0-based start, as diff does: a
// 1-based start, ",count" unless the count is 1, and for an empty range the
// line before it.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}

func writeLine(sb *strings.Builder, prefix byte, line []byte) {
	sb.WriteByte(prefix)
	sb.Write(line)
	if !bytes.HasSuffix(line, []byte("\n")) {
		sb.WriteString("\n\\ No newline at end of file\n")
	}
}
