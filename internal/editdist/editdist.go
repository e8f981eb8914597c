// Package editdist measures how far apart two words are, so that error
// messages about a misspelt name (a settings key, a Lua field or method)
// can suggest the one the user meant.
package editdist

// Levenshtein is the number of single-byte insertions, deletions and
// substitutions that turn a into b, or limit if it is at least limit (a
// limit keeps the cost of scanning long candidate lists low).
func Levenshtein(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}
