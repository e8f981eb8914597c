package editdist

import "testing"

func TestLevenshtein(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", 10, 0},
		{"kitten", "sitting", 10, 3},
		{"flaw", "lawn", 10, 2},
		{"chat_id", "chat_id", 10, 0},
		{"chatid", "chat_id", 10, 1},
		{"kitten", "sitting", 2, 2}, // capped at the limit
		{"a", "abcdefgh", 3, 3},     // length difference alone reaches the limit
		{"serialisation", "serialization", 10, 1},
	} {
		if got := Levenshtein(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("Levenshtein(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}
