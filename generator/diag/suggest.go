package diag

import (
	"strings"
	"unicode/utf8"
)

// Suggest returns the word of known that word is most likely a typo of
// (requried → required, ouptut → output), or "" when none is close. Case
// differences are free; otherwise a word is close when its edit distance
// (insertions, deletions, substitutions and swaps of two neighbours) is at
// most a quarter of its length, and at least 1 and at most 3. Ties go to
// the word listed first.
func Suggest(word string, known []string) string {
	n := utf8.RuneCountInString(word)
	limit := min(3, max(1, n/4))
	best, bestDist := "", limit+1
	lower := strings.ToLower(word)
	for _, k := range known {
		if k == word {
			continue
		}
		d := editDistance(lower, strings.ToLower(k), bestDist)
		if d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// DidYouMean returns `; did you mean "x"?` for the suggestion of Suggest,
// or "" when there is none, to end a message with.
func DidYouMean(word string, known []string) string {
	if s := Suggest(word, known); s != "" {
		return `; did you mean "` + s + `"?`
	}
	return ""
}

// editDistance is the optimal string alignment distance between a and b
// (Levenshtein with swaps of two neighbouring characters), or any value
// >= bound once it is known to reach bound.
func editDistance(a, b string, bound int) int {
	ra, rb := []rune(a), []rune(b)
	if diff := len(ra) - len(rb); diff >= bound || -diff >= bound {
		return bound
	}
	// Three rows of the dynamic programming table: two back, one back, this.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= bound {
			return bound
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
