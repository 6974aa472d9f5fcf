package diag

import "testing"

func TestSuggest(t *testing.T) {
	keywords := []string{"required", "additionalProperties", "maxLength", "minLength", "nullable", "properties", "type", "in", "output", "spec"}
	tests := []struct{ word, want string }{
		{"requried", "required"},                        // swap
		{"additonalProperties", "additionalProperties"}, // deletion
		{"maxLenght", "maxLength"},                      // swap
		{"nulable", "nullable"},                         // deletion
		{"ouptut", "output"},                            // swap
		{"Nullable", "nullable"},                        // case only
		{"tpye", "type"},
		{"id", "in"},
		{"colour", ""},
		{"descriptoin", ""},    // not in the list
		{"maxLen", ""},         // 3 deletions in a 6-letter word: too far
		{"propertiesWXYZ", ""}, // 4 insertions: more than 3
		{"", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, keywords); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := DidYouMean("requried", keywords); got != `; did you mean "required"?` {
		t.Errorf("DidYouMean = %q", got)
	}
	if got := DidYouMean("colour", keywords); got != "" {
		t.Errorf("DidYouMean(colour) = %q, want nothing", got)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"abc", "acb", 1}, {"abc", "ab", 1}, {"ab", "abc", 1},
		{"kitten", "sitting", 3}, {"ca", "abc", 3}, {"héllo", "hello", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, 100); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if got := editDistance("kitten", "sitting", 2); got < 2 {
		t.Errorf("bounded distance = %d, want >= 2", got)
	}
}
