package rt

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf8"
)

// jsonSchema is a schema as data: what the generated tables hold. It drives
// validation of values whose Go type is not known (any) and the checks made
// while decoding. Pointers and negative numbers mean "absent".
type jsonSchema struct {
	types        uint8 // bit set of jsonType; 0 allows every type
	nullable     bool
	readOnly     bool
	writeOnly    bool
	enum         []any // decoded JSON values
	minLength    int
	maxLength    int
	pattern      *regexp.Regexp
	format       string
	minimum      *float64
	maximum      *float64
	exclMinimum  bool
	exclMaximum  bool
	multipleOf   float64
	minItems     int
	maxItems     int
	uniqueItems  bool
	items        *jsonSchema
	prefixItems  []*jsonSchema // the schema of each position; items applies after them
	noItems      bool          // items: false: no item after the prefixItems
	minProps     int
	maxProps     int
	required     []string
	props        []property
	additional   *jsonSchema // schema of other properties
	noAdditional bool        // additionalProperties: false
	// anyAdditional is additionalProperties: true (OpenAPI 3.1 and later),
	// which evaluates every property for unevaluatedProperties.
	anyAdditional bool
	allOf         []*jsonSchema
	anyOf         []*jsonSchema
	oneOf         []*jsonSchema
	not           *jsonSchema
	// JSON Schema 2020-12 (OpenAPI 3.1).
	contains                         *jsonSchema
	minContains, maxContains         int // maxContains -1: no maximum
	propertyNames                    *jsonSchema
	patternProps                     []patternProperty
	unevaluated                      *unevaluated
	ifSchema, thenSchema, elseSchema *jsonSchema
	dependentRequired                []dependency
	dependentSchemas                 []property // applies when the property is present
	// contentJSON: a string holds JSON (contentMediaType), encoded as
	// contentEncoding says (base64, base64url or ""), which must match
	// contentSchema when it is set.
	contentJSON     bool
	contentEncoding string
	contentSchema   *jsonSchema
	// discProperty, when set, picks the one branch of oneOf/anyOf that applies.
	discProperty string
	discCases    []discCase
}

// dependency is one entry of dependentRequired: when name is present, so
// must required be.
type dependency struct {
	name     string
	required []string
}

// discCase maps one discriminator value to the schema it selects.
type discCase struct {
	value  string
	schema *jsonSchema
}

// floatPtr lets generated tables write minimum: floatPtr(1).
func floatPtr(f float64) *float64 { return &f }

// patternProperty is one entry of patternProperties: schema applies to
// every property whose name matches pattern.
type patternProperty struct {
	pattern *regexp.Regexp
	schema  *jsonSchema
}

// property is one declared property of an object schema.
type property struct {
	name   string
	schema *jsonSchema
}

// jsonType is a JSON Schema type as a bit.
type jsonType uint8

const (
	typeNull jsonType = 1 << iota
	typeBoolean
	typeInteger
	typeNumber
	typeString
	typeArray
	typeObject
)

var typeNames = map[jsonType]string{
	typeNull: "null", typeBoolean: "boolean", typeInteger: "integer", typeNumber: "number",
	typeString: "string", typeArray: "array", typeObject: "object",
}

// typeOf returns the JSON type of a value decoded by encoding/json.
func typeOf(v any) jsonType {
	switch x := v.(type) {
	case nil:
		return typeNull
	case bool:
		return typeBoolean
	case float64:
		if x == math.Trunc(x) && !math.IsInf(x, 0) {
			return typeInteger
		}
		return typeNumber
	case json.Number: // 1.0 is an integer, as JSON Schema says
		if _, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return typeInteger
		}
		if f, err := x.Float64(); err == nil && f == math.Trunc(f) && !math.IsInf(f, 0) {
			return typeInteger
		}
		return typeNumber
	case string:
		return typeString
	case []any:
		return typeArray
	case map[string]any:
		return typeObject
	}
	return 0
}

// allows reports whether the schema's type keyword accepts t.
func (s *jsonSchema) allows(t jsonType) bool {
	if t == typeNull && s.nullable {
		return true
	}
	if s.types == 0 {
		return true
	}
	if t == typeInteger && s.types&uint8(typeNumber) != 0 {
		return true
	}
	return s.types&uint8(t) != 0
}

func (s *jsonSchema) typeList() string {
	out := ""
	for bit := typeNull; bit <= typeObject; bit <<= 1 {
		if s.types&uint8(bit) != 0 {
			if out != "" {
				out += " or "
			}
			out += typeNames[bit]
		}
	}
	return out
}

// validateAny checks a decoded JSON value against the schema.
func (s *jsonSchema) validateAny(v *validator, x any) {
	if s == nil || v.full() {
		return
	}
	t := typeOf(x)
	if !s.allows(t) {
		if v.counted() { // probing union branches: no message to build
			return
		}
		if t == typeNull {
			v.add("nullable", "must not be null")
		} else {
			v.add("type", "must be %s, got %s", s.typeList(), typeNames[t])
		}
		return
	}
	if t == typeNull && s.nullable && s.types != 0 {
		return // a null the schema allows: its other keywords do not apply
	}
	s.checkEnum(v, x)
	switch t {
	case typeString:
		s.checkString(v, x.(string))
	case typeInteger, typeNumber:
		s.checkNumber(v, toFloat(x))
	case typeArray:
		s.checkArray(v, x.([]any))
	case typeObject:
		s.checkObject(v, x.(map[string]any))
	}
	s.checkCombinators(v, x)
	s.checkUnevaluated(v, x)
}

func toFloat(x any) float64 {
	switch n := x.(type) {
	case float64:
		return n
	case json.Number:
		f, _ := n.Float64()
		return f
	}
	return 0
}

func (s *jsonSchema) checkEnum(v *validator, x any) {
	if len(s.enum) == 0 {
		return
	}
	for _, e := range s.enum {
		if jsonEqual(e, x) {
			return
		}
	}
	if x == nil && s.nullable {
		return
	}
	v.add("enum", "must be one of %s, got %s", enumList(s.enum), quote(x))
}

// jsonEqual compares decoded JSON values: numbers by value, booleans never
// equal to numbers.
func jsonEqual(a, b any) bool {
	ta, tb := typeOf(a), typeOf(b)
	numeric := func(t jsonType) bool { return t == typeInteger || t == typeNumber }
	if numeric(ta) && numeric(tb) {
		return toFloat(a) == toFloat(b)
	}
	if ta != tb {
		return false
	}
	switch x := a.(type) {
	case []any:
		y := b.([]any)
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y := b.(map[string]any)
		if len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !jsonEqual(xv, yv) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

func enumList(values []any) string {
	out := ""
	for i, e := range values {
		if i > 0 {
			out += ", "
		}
		out += quote(e)
	}
	return "[" + out + "]"
}

// quote renders a value as compact JSON for messages, cut to a readable length.
func quote(x any) string {
	data, err := json.Marshal(x)
	if err != nil {
		return "?"
	}
	if len(data) > 60 {
		n := 57
		for n > 0 && !utf8.RuneStart(data[n]) {
			n--
		}
		return string(data[:n]) + "..."
	}
	return string(data)
}

func (s *jsonSchema) checkString(v *validator, x string) {
	checkString(v, x, s.minLength, s.maxLength, s.pattern, s.format)
	if s.contentJSON {
		s.checkContent(v, x)
	}
}

// checkContent checks that x holds JSON, after decoding contentEncoding,
// and that the JSON matches contentSchema. The violations of the JSON it
// holds are reported at x's path, keyword contentSchema, each message
// naming the JSON Pointer inside the content.
func (s *jsonSchema) checkContent(v *validator, x string) {
	data := []byte(x)
	if s.contentEncoding != "" {
		enc := base64.StdEncoding
		if s.contentEncoding == "base64url" {
			enc = base64.URLEncoding
		}
		decoded, err := enc.DecodeString(x)
		if err != nil && s.contentEncoding == "base64url" { // padding is often left out
			decoded, err = base64.RawURLEncoding.DecodeString(x)
		}
		if err != nil {
			if s.format != "byte" { // format byte reports it already
				v.add("contentEncoding", "must be %s: %v", s.contentEncoding, err)
			}
			return
		}
		data = decoded
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		if !v.counted() {
			v.add("contentMediaType", "must hold JSON: %v", err)
		}
		return
	}
	if s.contentSchema == nil {
		return
	}
	if v.probe { // only whether it is valid matters
		if !v.satisfies(s.contentSchema, doc) {
			v.counted()
		}
		return
	}
	inner := validator{mode: v.mode}
	s.contentSchema.validateAny(&inner, doc)
	if err := inner.err(); err != nil {
		for _, iv := range err.(*ValidationError).Violations {
			v.add("contentSchema", "holds JSON that breaks contentSchema at %s", iv)
		}
	}
}

// checkString applies the string keywords; generated code calls it for
// typed strings too.
func checkString(v *validator, x string, minLength, maxLength int, pattern *regexp.Regexp, format string) {
	if minLength > 0 || maxLength >= 0 {
		n := utf8.RuneCountInString(x)
		if n < minLength {
			v.add("minLength", "must be at least %d characters long, got %d", minLength, n)
		}
		if maxLength >= 0 && n > maxLength {
			v.add("maxLength", "must be at most %d characters long, got %d", maxLength, n)
		}
	}
	if pattern != nil && !pattern.MatchString(x) {
		v.add("pattern", "must match the pattern %s", pattern)
	}
	if format != "" {
		if msg := checkFormat(format, x); msg != "" {
			v.add("format", "must be a valid %s: %s", format, msg)
		}
	}
}

func (s *jsonSchema) checkNumber(v *validator, x float64) {
	checkNumber(v, x, s.minimum, s.maximum, s.exclMinimum, s.exclMaximum, s.multipleOf)
}

// checkNumber applies the numeric keywords with OpenAPI 3.0's boolean
// exclusiveMinimum/exclusiveMaximum.
func checkNumber(v *validator, x float64, minimum, maximum *float64, exclMin, exclMax bool, multipleOf float64) {
	if minimum != nil {
		if exclMin && x <= *minimum {
			v.add("exclusiveMinimum", "must be > %s, got %s", fmtNum(*minimum), fmtNum(x))
		} else if x < *minimum {
			v.add("minimum", "must be >= %s, got %s", fmtNum(*minimum), fmtNum(x))
		}
	}
	if maximum != nil {
		if exclMax && x >= *maximum {
			v.add("exclusiveMaximum", "must be < %s, got %s", fmtNum(*maximum), fmtNum(x))
		} else if x > *maximum {
			v.add("maximum", "must be <= %s, got %s", fmtNum(*maximum), fmtNum(x))
		}
	}
	if multipleOf > 0 && !isMultiple(x, multipleOf) {
		v.add("multipleOf", "must be a multiple of %s, got %s", fmtNum(multipleOf), fmtNum(x))
	}
}

// isMultiple is exact for integers and tolerant of binary rounding for
// decimals (0.3 is a multiple of 0.1 although 0.3/0.1 is 2.9999999999999996).
func isMultiple(x, m float64) bool {
	if x == math.Trunc(x) && m == math.Trunc(m) && math.Abs(x) < 1<<53 && math.Abs(m) < 1<<53 {
		return math.Mod(x, m) == 0
	}
	q := x / m
	if math.IsInf(q, 0) || math.IsNaN(q) {
		return false
	}
	return math.Abs(q-math.Round(q)) <= 1e-9*math.Max(1, math.Abs(q))
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// checkCount applies minItems/maxItems or minProperties/maxProperties.
func checkCount(v *validator, n, minimum, maximum int, minKeyword, maxKeyword, noun string) {
	if n < minimum {
		v.add(minKeyword, "must have at least %d %s, got %d", minimum, noun, n)
	}
	if maximum >= 0 && n > maximum {
		v.add(maxKeyword, "must have at most %d %s, got %d", maximum, noun, n)
	}
}

func (s *jsonSchema) checkArray(v *validator, x []any) {
	checkCount(v, len(x), s.minItems, s.maxItems, "minItems", "maxItems", "items")
	if s.uniqueItems {
		if i, j, dup := firstDuplicate(len(x), func(i, j int) bool { return jsonEqual(x[i], x[j]) }); dup {
			v.add("uniqueItems", "items %d and %d are equal; items must be unique", i, j)
		}
	}
	if s.noItems && len(x) > len(s.prefixItems) {
		v.add("items", "must have at most %d items, got %d", len(s.prefixItems), len(x))
	}
	s.checkContains(v, x)
	for i, item := range x {
		sub := s.items
		if i < len(s.prefixItems) {
			sub = s.prefixItems[i]
		}
		if sub != nil {
			v.enterIndex(i)
			sub.validateAny(v, item)
			v.leave()
		}
	}
}

// firstDuplicate finds the first pair of equal items; uniqueItems arrays are
// short, and the quadratic scan allocates nothing.
func firstDuplicate(n int, equal func(i, j int) bool) (int, int, bool) {
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if equal(i, j) {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

func (s *jsonSchema) checkObject(v *validator, x map[string]any) {
	checkCount(v, len(x), s.minProps, s.maxProps, "minProperties", "maxProperties", "properties")
	for _, name := range s.required {
		if _, ok := x[name]; !ok {
			v.add("required", "missing required property %q", name)
		}
	}
	s.checkDependencies(v, x)
	for _, prop := range s.props {
		if val, ok := x[prop.name]; ok {
			v.enter(prop.name)
			prop.schema.validateAny(v, val)
			if !slices.Contains(s.required, prop.name) {
				// A required property is in every Go value, so its
				// encoder always writes it (as the validators say).
				prop.schema.checkDirection(v)
			}
			v.leave()
		}
	}
	if len(s.patternProps) > 0 {
		for _, name := range sortedKeys(x) {
			for _, pp := range s.patternProps {
				if pp.pattern.MatchString(name) {
					v.enter(name)
					pp.schema.validateAny(v, x[name])
					v.leave()
				}
			}
		}
	}
	if s.additional == nil && !s.noAdditional {
		return
	}
	for _, name := range sortedKeys(x) {
		if s.declares(name) || s.matchesPattern(name) {
			continue
		}
		if s.noAdditional {
			v.addAt(name, "additionalProperties", "unknown property %q", name)
			continue
		}
		v.enter(name)
		s.additional.validateAny(v, x[name])
		v.leave()
	}
}

// checkDirection rejects readOnly properties in requests and writeOnly
// properties in responses.
func (s *jsonSchema) checkDirection(v *validator) {
	switch {
	case s == nil: // a property named only (build.ObjectRules)
	case s.readOnly && v.mode == modeRequest:
		v.add("readOnly", "is read-only and must not be sent in a request")
	case s.writeOnly && v.mode == modeResponse:
		v.add("writeOnly", "is write-only and must not appear in a response")
	}
}

// matchesPattern reports whether a key of patternProperties matches name.
func (s *jsonSchema) matchesPattern(name string) bool {
	for _, pp := range s.patternProps {
		if pp.pattern.MatchString(name) {
			return true
		}
	}
	return false
}

func (s *jsonSchema) declares(name string) bool {
	for _, prop := range s.props {
		if prop.name == name {
			return true
		}
	}
	return false
}

func (s *jsonSchema) checkCombinators(v *validator, x any) {
	for _, sub := range s.allOf {
		sub.validateAny(v, x)
	}
	if s.discProperty != "" {
		s.checkDiscriminated(v, x)
	} else {
		s.checkBranches(v, x)
	}
	if s.not != nil && v.satisfies(s.not, x) {
		v.add("not", "must not match the schema under not")
	}
	if s.ifSchema != nil {
		if v.satisfies(s.ifSchema, x) {
			s.thenSchema.validateAny(v, x)
		} else {
			s.elseSchema.validateAny(v, x)
		}
	}
}

// checkContains applies contains, minContains and maxContains: how many
// items must match the schema under contains.
func (s *jsonSchema) checkContains(v *validator, x []any) {
	if s.contains == nil {
		return
	}
	n := 0
	for _, item := range x {
		if v.satisfies(s.contains, item) {
			n++
		}
	}
	if n < s.minContains {
		v.add("contains", "must have at least %d items matching the schema under contains, has %d", s.minContains, n)
	}
	if s.maxContains >= 0 && n > s.maxContains {
		v.add("maxContains", "must have at most %d items matching the schema under contains, has %d", s.maxContains, n)
	}
}

// checkDependencies applies propertyNames, dependentRequired and
// dependentSchemas.
func (s *jsonSchema) checkDependencies(v *validator, x map[string]any) {
	if s.propertyNames != nil {
		for _, name := range sortedKeys(x) {
			if !v.satisfies(s.propertyNames, name) {
				v.addAt(name, "propertyNames", "property name %q does not match the schema under propertyNames", name)
			}
		}
	}
	for _, dep := range s.dependentRequired {
		if _, ok := x[dep.name]; !ok {
			continue
		}
		for _, name := range dep.required {
			if _, ok := x[name]; !ok {
				v.add("dependentRequired", "property %q requires property %q", dep.name, name)
			}
		}
	}
	for _, dep := range s.dependentSchemas {
		if _, ok := x[dep.name]; ok {
			dep.schema.validateAny(v, x)
		}
	}
}

// checkDiscriminated validates x against the branch its discriminator
// property names, as OpenAPI specifies, instead of trying every branch.
func (s *jsonSchema) checkDiscriminated(v *validator, x any) {
	obj, ok := x.(map[string]any)
	if !ok {
		return // the type keyword reports non-objects
	}
	tag, ok := obj[s.discProperty].(string)
	if !ok {
		v.add("discriminator", "property %q must be a string naming the variant", s.discProperty)
		return
	}
	for _, c := range s.discCases {
		if c.value == tag {
			c.schema.validateAny(v, x)
			return
		}
	}
	v.addAt(s.discProperty, "discriminator", "unknown value %q", tag)
}

func (s *jsonSchema) checkBranches(v *validator, x any) {
	if len(s.anyOf) > 0 && countValid(v, s.anyOf, x, 1) == 0 {
		v.add("anyOf", "must match at least one of %d schemas (anyOf)", len(s.anyOf))
	}
	if len(s.oneOf) > 0 {
		if n := countValid(v, s.oneOf, x, 2); n != 1 {
			v.add("oneOf", "must match exactly one of %d schemas (oneOf), matches %s", len(s.oneOf), countWord(n))
		}
	}
}

func countWord(n int) string {
	if n == 0 {
		return "none"
	}
	return "more than one"
}

// countValid counts the schemas x satisfies, stopping at limit.
func countValid(v *validator, schemas []*jsonSchema, x any, limit int) int {
	n := 0
	for _, sub := range schemas {
		if v.satisfies(sub, x) {
			if n++; n >= limit {
				return n
			}
		}
	}
	return n
}

// satisfies reports whether x is valid for s, checked by a probe that
// records nothing. A probe that probes in turn (a union nested in a union
// branch) remembers the answers for the rest of its check, shared with the
// probes below it: without that, each level of anyOf/oneOf branches that
// refer to the next level would multiply the work, and ten levels of ten
// branches would take 10^10 checks. The top validator remembers nothing,
// so a single level of unions allocates nothing, and the work is at most
// its number of branches times the work of one.
func (v *validator) satisfies(s *jsonSchema, x any) bool {
	key, keyed := keyOf(s, x)
	if keyed && v.memo != nil {
		if ok, seen := v.memo[key]; seen {
			return ok
		}
	}
	if keyed && v.probe && v.memo == nil {
		v.memo = map[probeKey]bool{}
	}
	probe := validator{mode: v.mode, probe: true, memo: v.memo}
	s.validateAny(&probe, x)
	ok := probe.failures == 0
	if keyed && v.memo != nil {
		v.memo[key] = ok
	}
	return ok
}

// probeKey is a schema and a value it was probed with. Whether a value
// satisfies a schema depends on nothing else while one value is checked
// (the mode is fixed), so the answer is kept by the value's identity: maps
// and slices by their storage and length, scalars by value.
type probeKey struct {
	s   *jsonSchema
	ptr uintptr
	n   int
	x   any // a scalar; nil for maps and slices
}

// keyOf returns the key of s and x, and false for values it cannot key.
func keyOf(s *jsonSchema, x any) (probeKey, bool) {
	switch x := x.(type) {
	case map[string]any:
		return probeKey{s: s, ptr: reflect.ValueOf(x).Pointer(), n: len(x)}, true
	case []any:
		return probeKey{s: s, ptr: reflect.ValueOf(x).Pointer(), n: len(x)}, true
	case nil, bool, float64, string, json.Number:
		return probeKey{s: s, x: x}, true
	}
	return probeKey{}, false
}
