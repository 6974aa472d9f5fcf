package rt

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// maxViolations caps how many violations one error lists.
const maxViolations = 100

// Violation is one constraint a value breaks.
type Violation struct {
	// Path is a JSON Pointer to the value, such as /items/3/quantity.
	Path string `json:"path"`
	// Keyword is the schema keyword that failed, such as minimum or required.
	Keyword string `json:"keyword"`
	// Message says what is wrong, such as "must be >= 1, got 0".
	Message string `json:"message"`
}

// String formats the violation as path: message (keyword).
func (v Violation) String() string {
	p := v.Path
	if p == "" {
		p = "/"
	}
	return p + ": " + v.Message + " (" + v.Keyword + ")"
}

// ValidationError lists every violation found in a value, in path order.
// Decoding and Validate return it; match it with errors.As.
type ValidationError struct {
	Violations []Violation `json:"violations"`
}

// Error lists the violations, one per line after the first.
func (e *ValidationError) Error() string {
	switch len(e.Violations) {
	case 0:
		return "invalid value"
	case 1:
		return "invalid value: " + e.Violations[0].String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d violations:", len(e.Violations))
	for _, v := range e.Violations {
		b.WriteString("\n  " + v.String())
	}
	return b.String()
}

// validationMode says which of readOnly/writeOnly properties are forbidden.
type validationMode uint8

const (
	modeAny validationMode = iota
	modeRequest
	modeResponse
)

// validator collects violations; its zero value is ready to use and
// allocates nothing until a violation is found. It keeps the JSON Pointer of
// the value being checked as a stack of segments rather than as linked
// pointers, so checking a valid value never moves anything to the heap.
type validator struct {
	violations []Violation
	mode       validationMode
	stack      [maxDepth]segment
	depth      int // may exceed maxDepth; deeper segments are not recorded
	// rejected holds the paths of values decoding rejected (wrong type, null,
	// missing): the zero values left there are not checked again.
	rejected []string
	// probe is set when only whether the value is valid matters (which
	// union branches match): a violation is counted in failures, neither
	// described nor recorded, and checking stops at the first.
	probe    bool
	failures int
	// memo holds, in a probe and the probes below it, which values
	// satisfied which schemas (see satisfies).
	memo map[probeKey]bool
}

// maxDepth is how many path segments a violation can show.
const maxDepth = 32

// segment is one step of a JSON Pointer: a property name, or an array index
// when index >= 0.
type segment struct {
	name  string
	index int
}

// enter steps into a property.
func (v *validator) enter(name string) { v.push(segment{name: name, index: -1}) }

// enterIndex steps into an array item.
func (v *validator) enterIndex(i int) { v.push(segment{index: i}) }

func (v *validator) push(s segment) {
	if v.depth < maxDepth {
		v.stack[v.depth] = s
	}
	v.depth++
}

// leave steps back out.
func (v *validator) leave() { v.depth-- }

// full reports whether the cap has been reached, so callers can stop early.
func (v *validator) full() bool {
	return len(v.violations) >= maxViolations || v.probe && v.failures > 0
}

// add reports a violation of the value being checked.
func (v *validator) add(keyword, format string, args ...any) {
	if v.full() {
		return
	}
	if v.probe {
		v.failures++
		return
	}
	p := v.path()
	if v.covered(p) {
		return
	}
	v.violations = append(v.violations, Violation{Path: p, Keyword: keyword, Message: fmt.Sprintf(format, args...)})
}

// counted counts a violation when the validator only probes, and reports
// whether it did: the caller then need not build the violation's message.
func (v *validator) counted() bool {
	if v.probe {
		v.failures++
	}
	return v.probe
}

// reject reports a value decoding could not take: what it left in the Go
// value is a zero value, which the checks of Validate must not report again.
func (v *validator) reject(keyword, format string, args ...any) {
	v.add(keyword, format, args...)
	if !v.probe {
		v.rejected = append(v.rejected, v.path())
	}
}

// covered reports whether path is at or below a value decoding rejected.
func (v *validator) covered(path string) bool {
	for _, r := range v.rejected {
		if strings.HasPrefix(path, r) && (len(path) == len(r) || path[len(r)] == '/') {
			return true
		}
	}
	return false
}

// missing reports the required properties of the object being decoded
// whose bit in seen is not set; required lists them in bit order.
func (v *validator) missing(seen []uint64, required []string) {
	for i, name := range required {
		if seen[i/64]&(1<<(i%64)) == 0 {
			v.add("required", "missing required property %q", name)
			v.enter(name)
			v.rejected = append(v.rejected, v.path())
			v.leave()
		}
	}
}

// addAt reports a violation of the property name of the value being checked.
func (v *validator) addAt(name, keyword, format string, args ...any) {
	v.enter(name)
	v.add(keyword, format, args...)
	v.leave()
}

// path returns the JSON Pointer of the value being checked.
func (v *validator) path() string {
	var b strings.Builder
	for _, s := range v.stack[:min(v.depth, maxDepth)] {
		b.WriteByte('/')
		if s.index >= 0 {
			b.WriteString(strconv.Itoa(s.index))
			continue
		}
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(s.name, "~", "~0"), "/", "~1"))
	}
	if v.depth > maxDepth {
		b.WriteString("/...")
	}
	return b.String()
}

// err returns nil or a *ValidationError with the violations in path order.
func (v *validator) err() error {
	if len(v.violations) == 0 {
		return nil
	}
	slices.SortStableFunc(v.violations, func(a, b Violation) int { return strings.Compare(a.Path, b.Path) })
	// The same violation can be found twice, by a flattened allOf and its member.
	return &ValidationError{Violations: slices.Compact(v.violations)}
}

// validatable is a generated type with a validate method (a pointer to it).
type validatable interface {
	validate(v *validator)
}

// ValidateRequest validates a value received in or sent as a request body:
// as Validate does, and its read-only properties must be absent. Pass a pointer.
func ValidateRequest(x validatable) error {
	v := validator{mode: modeRequest}
	x.validate(&v)
	return v.err()
}

// ValidateResponse validates a value sent in or received as a response
// body: as Validate does, and its write-only properties must be absent. Pass a pointer.
func ValidateResponse(x validatable) error {
	v := validator{mode: modeResponse}
	x.validate(&v)
	return v.err()
}
