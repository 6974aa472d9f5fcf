package rt

import (
	"math"
	"testing"
)

// TestWidenFloat32 checks that a float32 field is compared with its
// constraints as the decimal it was decoded from.
func TestWidenFloat32(t *testing.T) {
	for _, f := range []float32{0.1, 0.3, 1.1, -2.5, 16777216, 3.4028235e38, 1e-45} {
		var v validator
		w := widenFloat32(f)
		checkNumber(&v, w, &w, &w, false, false, 0)
		if got := float32(w); got != f || len(v.violations) > 0 {
			t.Errorf("widenFloat32(%v) = %v (float32 %v), violations %v", f, w, got, v.violations)
		}
	}
	if w := widenFloat32(0.1); w != 0.1 {
		t.Errorf("widenFloat32(0.1) = %v, want 0.1", w)
	}
	var v validator
	checkNumber(&v, widenFloat32(0.3), nil, floatPtr(0.3), false, false, 0.1)
	if len(v.violations) > 0 {
		t.Errorf("float32 0.3 against maximum 0.3, multipleOf 0.1: %v", v.violations)
	}
	if w := widenFloat32(float32(math.Inf(1))); !math.IsInf(w, 1) {
		t.Errorf("widenFloat32(+Inf) = %v", w)
	}
	if allocs := testing.AllocsPerRun(100, func() { widenFloat32(0.1) }); allocs > 0 {
		t.Errorf("widenFloat32 allocates %v times", allocs)
	}
}
