package ir

// Rules are the validation keywords of one schema, as data. Generated
// Validate methods check typed values with code built from them; they are
// also printed as tables for values whose Go type is any and for the checks
// made while decoding.
type Rules struct {
	// Var names the table when it is printed once and shared; "" prints it inline.
	Var string

	Types     []string // JSON types allowed; empty allows every type
	Nullable  bool
	ReadOnly  bool
	WriteOnly bool
	Enum      []any

	MinLength, MaxLength *int64
	Pattern              *Pattern
	Format               string // a format the runtime checks, else ""

	Minimum, Maximum                   *float64
	ExclusiveMinimum, ExclusiveMaximum bool
	MultipleOf                         *float64

	MinItems, MaxItems *int64
	UniqueItems        bool
	Items              *Rules
	PrefixItems        []*Rules // the rules of each position (a tuple); Items applies after them
	NoItems            bool     // items: false: nothing after the PrefixItems

	MinProperties, MaxProperties *int64
	Required                     []string
	Properties                   []PropertyRules
	Additional                   *Rules // schema of undeclared properties
	NoAdditional                 bool   // additionalProperties: false
	// AnyAdditional is additionalProperties: true, which evaluates every
	// property for unevaluatedProperties; held in OpenAPI 3.1 and later
	// documents only, where that keyword exists.
	AnyAdditional bool

	AllOf, AnyOf, OneOf []*Rules
	Not                 *Rules

	// JSON Schema 2020-12 (OpenAPI 3.1), checked by the schema tables.
	Contains                 *Rules
	MinContains, MaxContains *int64
	PropertyNames            *Rules
	PatternProperties        []PatternRules
	// unevaluatedProperties/unevaluatedItems: the rules of what no other
	// keyword evaluated, or No... for false.
	UnevaluatedProperties, UnevaluatedItems     *Rules
	NoUnevaluatedProperties, NoUnevaluatedItems bool
	If, Then, Else                              *Rules
	DependentRequired                           []Dependency
	DependentSchemas                            []PropertyRules
	// ContentJSON: a string holds JSON (contentMediaType is a JSON media
	// type), after decoding ContentEncoding (base64 or base64url, else "");
	// the JSON must match ContentSchema when it is set.
	ContentJSON     bool
	ContentEncoding string
	ContentSchema   *Rules
	// Discriminator, when set, picks the one oneOf/anyOf branch that applies.
	Discriminator *DiscriminatorRules

	// Null is what build.AcceptsNull found of these rules, set by the build
	// once every rule is complete, so that printing the package (which
	// asks it of every type, from several goroutines) need not walk the
	// combinators again. It is no keyword: NullUnknown on rules made or
	// changed after the build, which AcceptsNull then works out.
	Null NullAnswer
}

// NullAnswer caches whether rules accept null where the Go type cannot hold it.
type NullAnswer uint8

const (
	NullUnknown  NullAnswer = iota // not worked out
	NullRefused                    // null breaks the rules
	NullAccepted                   // null satisfies the rules
)

// DiscriminatorRules map a property's values to the rules that apply.
type DiscriminatorRules struct {
	Property string
	Cases    []DiscriminatorCase // sorted by Value
}

// DiscriminatorCase is one discriminator value.
type DiscriminatorCase struct {
	Value string
	Rules *Rules
}

// Dependency is one entry of dependentRequired.
type Dependency struct {
	Name     string
	Required []string
}

// PropertyRules are the rules of one declared property.
type PropertyRules struct {
	Name  string
	Rules *Rules
}

// PatternRules are the rules of the properties whose names match Pattern
// (patternProperties).
type PatternRules struct {
	Pattern *Pattern
	Rules   *Rules
}

// Pattern is a regular expression compiled once per package.
type Pattern struct {
	Var    string // package-level variable holding the compiled regexp
	Source string // RE2 syntax
}

// HasString reports whether r constrains strings.
func (r *Rules) HasString() bool {
	return r != nil && (r.MinLength != nil || r.MaxLength != nil || r.Pattern != nil || r.Format != "")
}

// HasContent reports whether r checks the JSON a string holds.
func (r *Rules) HasContent() bool { return r != nil && r.ContentJSON }

// HasNumber reports whether r constrains numbers.
func (r *Rules) HasNumber() bool {
	return r != nil && (r.Minimum != nil || r.Maximum != nil || r.MultipleOf != nil)
}

// HasCount reports whether r constrains the size of arrays or objects.
func (r *Rules) HasCount() bool {
	return r != nil && (r.MinItems != nil || r.MaxItems != nil || r.UniqueItems || r.MinProperties != nil || r.MaxProperties != nil)
}
