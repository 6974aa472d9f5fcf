// Package ir is the intermediate representation between the spec and the Go
// code: plain data describing Go types and operations, built once by package
// build and printed by package emit. No spec-model types appear here.
package ir

// Package is everything generated for one spec.
type Package struct {
	Name       string       // Go package name
	Validation bool         // validators are generated (validate.gen.go)
	Server     bool         // the net/http server is generated (server.gen.go)
	Strict     bool         // the server also has the strict, typed interface
	Client     bool         // the HTTP client is generated (client.gen.go)
	Servers    []*ServerURL // the spec's servers, for the client
	Patterns   []*Pattern   // regular expressions the validators use, in order
	Source     string       // spec file, relative to its root, for comments
	Types      []*Type      // declared types in a deterministic order
	Operations []*Operation // in spec order
	// Webhooks are the spec's webhooks (OpenAPI 3.1), in spec order: the
	// requests the API sends, which the generated server receives.
	Webhooks []*Webhook
	// SecuritySchemes are the declared security schemes, in spec order,
	// then the undeclared names operations require, in order of first use.
	SecuritySchemes []*SecurityScheme
	// Title is the spec's info.title (the realm of WWW-Authenticate).
	Title string
	// Summary is the spec's info.summary, for the package's doc comment.
	Summary string
}

// Webhook is one entry of the spec's webhooks: a name and the operations
// the API may send under it.
type Webhook struct {
	Name  string // the key in webhooks, as the spec writes it
	Field string // the Go name of its field in Webhooks
	// Summary and Description document the webhook's path item.
	Summary, Description string
	Operations           []*Operation
}

// Kind says what shape a Go type has.
type Kind int

const (
	// Builtin is a Go type printed as-is: string, int64, time.Time, []byte, any...
	Builtin Kind = iota
	// Struct is a struct with fields, maybe plus an additional-properties map.
	Struct
	// Slice is []Elem.
	Slice
	// Map is map[string]Elem.
	Map
	// Enum is a defined type over a builtin with named constants.
	Enum
	// Union is a oneOf/anyOf sum type.
	Union
	// Defined is a named type whose underlying type is Elem (type Tags []string).
	Defined
	// Alias is a named alias of Elem (type CartRes = StoreCartsRes), used when
	// a schema is only another declared type, so its methods carry over.
	Alias
	// Pointer is *Elem, used to break value cycles.
	Pointer
	// Opt is Opt[Elem]: absent or a value.
	Opt
	// Nullable is Nullable[Elem]: null or a value.
	Nullable
	// OptNullable is OptNullable[Elem]: absent, null or a value.
	OptNullable
)

// Type is a Go type. Named types (Name != "") are declared once in the
// package and referred to by name; the rest are type expressions.
type Type struct {
	Kind Kind
	Name string // declared name, "" for expressions

	// Builtin: the Go spelling ("string", "time.Time") and the import it needs.
	Go     string
	Import Import

	Elem   *Type     // Slice, Map, Defined, Pointer and the wrappers
	Fields []*Field  // Struct
	Extra  *Type     // Struct: type of additional properties, nil when not kept
	Enum   *EnumInfo // Enum
	Union  *UnionInfo

	// Rules are the constraints of the schema this type comes from; nil when
	// validation is not generated.
	Rules *Rules
	// Validates is set on declared types that get a validate method: they
	// or something they contain have constraints.
	Validates bool
	// CheckedDecode is set on the declared structs, unions, enums and
	// defined types that get a generated one-pass decoder (decodeJSON and
	// UnmarshalJSON), which checks what the JSON breaks of the schema's
	// structure; that is every one of them when validators are generated
	// but a type S any, which can have no methods.
	CheckedDecode bool

	Doc Doc
}

// Import is a Go package import; Path "" means none.
type Import struct {
	Path string
	Name string // explicit name, "" for the default
}

// Doc is the documentation printed above a declaration or field.
type Doc struct {
	Lead        string // what follows the name in the first sentence, when set
	Source      string // where the schema sits, e.g. components/schemas/Cart.yaml
	Title       string
	Description string
	Example     string // JSON text
	ExternalURL string
	ExternalDoc string
	Deprecated  bool
	ReadOnly    bool
	WriteOnly   bool
}

// Field is one struct field.
type Field struct {
	Name     string // Go name
	JSONName string
	Type     *Type
	// Rules of the property schema, for readOnly/writeOnly; nil when none.
	Rules    *Rules
	Required bool
	Nullable bool
	// OmitZero adds ,omitzero to the json tag (optional fields).
	OmitZero bool
	// DefaultJSON is the JSON of the schema's default, for an optional
	// field written even when unset (x-omitempty: false): the generated
	// encoder writes it then, where null would break the schema. "" for none.
	DefaultJSON string
	// In is set for operation parameters (path, query, header, cookie); such
	// fields have no json tag.
	In  string
	Doc Doc
}

// EnumInfo lists an enum's constants.
type EnumInfo struct {
	Values []EnumValue
}

// EnumValue is one constant: Name = Literal.
type EnumValue struct {
	Name    string
	Literal string // Go literal: "\"authorized\"" or "3"
	Doc     string
}

// UnionInfo describes a oneOf/anyOf.
type UnionInfo struct {
	OneOf         bool // oneOf (exactly one) vs anyOf
	KindName      string
	Variants      []*Variant
	Discriminator *Discriminator
}

// Variant is one branch of a union.
type Variant struct {
	Name      string // field name and suffix of the constant
	KindConst string // the constant naming this variant
	Type      *Type
	// JSON kinds this variant accepts (object, array, string, number, integer, boolean), for decoding without a discriminator.
	JSONKinds []string
	Required  []string // required property names when an object
	Known     []string // declared property names when an object
	// Branch is the variant's index in its union's oneOf or anyOf, which
	// also has the null branches no variant holds ({type: 'null'}).
	Branch int
	// Constructor is the function that makes a union holding this variant.
	Constructor string
	// Tags are the discriminator values that select this variant, the
	// first one first in the spec's order: the encoder writes it when the
	// variant's property holds none of them.
	Tags []string
}

// Discriminator maps a property's values to variants.
type Discriminator struct {
	Property string
	Values   []DiscriminatorValue // sorted by Value
}

// DiscriminatorValue maps one value to the index of a variant.
type DiscriminatorValue struct {
	Value   string
	Variant *Variant
}

// Operation is an HTTP operation.
type Operation struct {
	Name   string // Go name from operationId or method+path
	ID     string // the operationId as the spec writes it, "" when none
	Method string
	Path   string // "" for an operation of a webhook
	// Webhook is the name of the webhook the operation belongs to, "" for
	// the operations of paths.
	Webhook     string
	Summary     string
	Description string
	Deprecated  bool
	Params      *Type // struct of parameters, nil when none
	Body        *Type // request body type, nil when none
	BodyMedia   string
	Responses   []*Response
	// Security lists the alternatives of the operation's effective
	// security (its own, else the document's): one must be satisfied. Nil
	// when the operation has none (security: [] or none declared).
	Security []SecurityRequirement
	// Server is how the generated server serves the operation; nil when
	// the server part is not generated.
	Server *Server
	// Client is how the generated client calls the operation; nil when the
	// client part is not generated.
	Client *Client
}

// Response is one declared response.
type Response struct {
	Status string
	Media  string
	Type   *Type // nil when there is no body
}

var kindNames = [...]string{
	Builtin: "builtin", Struct: "struct", Slice: "slice", Map: "map", Enum: "enum",
	Union: "union", Defined: "defined", Alias: "alias", Pointer: "pointer",
	Opt: "opt", Nullable: "nullable", OptNullable: "optnullable",
}

// String names the kind, for templates.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}
