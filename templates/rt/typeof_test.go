package rt

import (
	"encoding/json"
	"testing"
)

// TestTypeOfNumber: a number with no fraction is an integer, however it is
// written (JSON Schema 2020-12 counts 1.0 as an integer).
func TestTypeOfNumber(t *testing.T) {
	cases := []struct {
		x    any
		want jsonType
	}{
		{json.Number("1"), typeInteger},
		{json.Number("1.0"), typeInteger},
		{json.Number("1e2"), typeInteger},
		{json.Number("1.5"), typeNumber},
		{1.0, typeInteger},
		{1.5, typeNumber},
	}
	for _, c := range cases {
		if got := typeOf(c.x); got != c.want {
			t.Errorf("typeOf(%#v) = %s, want %s", c.x, typeNames[got], typeNames[c.want])
		}
	}
}
