package load

import (
	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// Document is a loaded OpenAPI document with every $ref resolved.
type Document struct {
	Root    string // absolute folder refs are confined to
	File    string // absolute path of the root file
	OpenAPI string
	Title   string
	Version string
	// Summary is info.summary (OpenAPI 3.1).
	Summary string
	Paths   []*PathItem // in document order
	// Webhooks are the entries of webhooks (OpenAPI 3.1), in document
	// order: path items named rather than routed.
	Webhooks []*PathItem
	Schemas  []*Schema // components.schemas of the root file, in order
	Security []SecurityRequirement
	// SecuritySchemes are the entries of components.securitySchemes, in
	// document order.
	SecuritySchemes []*SecurityScheme

	// Files lists every file loaded, sorted; RefTargets holds file#pointer
	// of every $ref target; Components lists the root file's components.
	// They let a linter find unused components and unreachable files.
	Files      []string
	RefTargets map[string]bool
	Components []Component

	files map[string]*file // by path, for Locate
}

// Component is one entry of the root file's components, such as
// components.schemas.Cart.
type Component struct {
	Kind string // schemas, parameters, responses, ...
	Name string
	Pos  diag.Pos
}

// Pointer is the JSON pointer of the component in the root file.
func (c Component) Pointer() string {
	return "/components/" + c.Kind + "/" + escapeToken(c.Name)
}

// Loc identifies a node: the file that holds it and its JSON pointer there.
type Loc struct {
	File    string // absolute path
	Pointer string // JSON pointer, "" for the whole file
	Pos     diag.Pos
}

// Key is the identity of a location, stable across runs.
func (l Loc) Key() string { return l.File + "#" + l.Pointer }

// PathItem is one entry of paths, or of webhooks.
type PathItem struct {
	Path string // "" for a webhook
	// Webhook is the name of a webhook, its key in webhooks; "" for paths.
	Webhook     string
	Pos         diag.Pos
	Summary     string
	Description string
	Operations  []*Operation // in document order
	// unresolved is set for the placeholder of a path item whose $ref
	// could not be followed (a diagnostic reported it).
	unresolved bool
}

// Operation is one HTTP operation.
type Operation struct {
	Method string // upper case; an additionalOperations entry's as written
	Path   string // "" for an operation of a webhook
	// Webhook is the name of the webhook the operation belongs to, "" for
	// the operations of paths.
	Webhook     string
	OperationID string
	// OperationIDPos is the position of the operationId value.
	OperationIDPos diag.Pos
	Summary        string
	Description    string
	Deprecated     bool
	Tags           []string
	Parameters     []*Parameter // path-item parameters merged, operation's win
	RequestBody    *RequestBody
	Responses      []*Response // in document order
	// Security is the operation's own security list; HasSecurity says
	// whether it has one (security: [] is one, empty: no security). See
	// EffectiveSecurity.
	Security    []SecurityRequirement
	HasSecurity bool
	Loc         Loc
}

// EffectiveSecurity is the security of op in doc: the operation's own list
// when it has one, else the document's. Nil or empty means none. A
// webhook's operation has its own only: the document's security is how
// the API's clients call it, not how the API calls its webhooks.
func (op *Operation) EffectiveSecurity(doc *Document) []SecurityRequirement {
	if op.HasSecurity || op.Webhook != "" {
		return op.Security
	}
	return doc.Security
}

// Label names op in messages: POST /pets, or POST webhook newPet.
func (op *Operation) Label() string {
	if op.Webhook != "" {
		return op.Method + " webhook " + op.Webhook
	}
	return op.Method + " " + op.Path
}

// Operations lists every operation of the paths, then of the webhooks.
func (d *Document) Operations() []*Operation {
	var ops []*Operation
	for _, items := range [][]*PathItem{d.Paths, d.Webhooks} {
		for _, p := range items {
			ops = append(ops, p.Operations...)
		}
	}
	return ops
}

// SecurityRequirement is one alternative of a security list: the schemes it
// names must all be satisfied; none ({}) means anonymous requests are
// allowed.
type SecurityRequirement struct {
	Names  []string
	Pos    []diag.Pos
	Scopes [][]string // of each name: the OAuth2 scopes (or 3.1 roles) required
	Loc    Loc
}

// Security scheme types (the type field of a security scheme).
const (
	SchemeAPIKey        = "apiKey"
	SchemeHTTP          = "http"
	SchemeOAuth2        = "oauth2"
	SchemeOpenIDConnect = "openIdConnect"
	SchemeMutualTLS     = "mutualTLS"
)

// SecurityScheme is one entry of components.securitySchemes.
type SecurityScheme struct {
	Name         string // the key in components.securitySchemes
	Type         string // apiKey, http, oauth2, openIdConnect, mutualTLS; as written
	Description  string
	In           string // apiKey: header, query or cookie
	ParamName    string // apiKey: the name of the header, query parameter or cookie
	Scheme       string // http: the scheme as written (basic, Bearer, digest)
	BearerFormat string // http bearer: a hint such as JWT
	Flows        []*OAuthFlow
	// OpenIDConnectURL is the OpenID Connect discovery URL.
	OpenIDConnectURL string
	// Invalid says what is missing or wrong (a security-scheme diagnostic
	// reported it): where the credential is cannot be known.
	Invalid string
	Loc     Loc
}

// OAuthFlow is one flow of an oauth2 security scheme.
type OAuthFlow struct {
	Kind             string // implicit, password, clientCredentials, authorizationCode, deviceAuthorization (3.2)
	AuthorizationURL string
	TokenURL         string
	RefreshURL       string
	// DeviceAuthorizationURL is where a deviceAuthorization flow (RFC
	// 8628) starts.
	DeviceAuthorizationURL string
	Scopes                 []OAuthScope // in document order
}

// OAuthScope is one scope an OAuth2 flow declares.
type OAuthScope struct {
	Name        string
	Description string
}

// Parameter is an operation parameter.
type Parameter struct {
	Name        string
	In          string // path, query, header, cookie
	Description string
	Required    bool
	Deprecated  bool
	Style       string
	Explode     *bool
	// AllowReserved is set when the value's reserved characters are sent
	// as they are (allowReserved: true); OpenAPI applies it to the query.
	AllowReserved bool
	Schema        *SchemaRef
	Content       []*MediaType // for content-encoded parameters
	Loc           Loc
}

// RequestBody is an operation's request body.
type RequestBody struct {
	Description string
	Required    bool
	Content     []*MediaType
	Loc         Loc
}

// Response is one response of an operation.
type Response struct {
	Status      string // "200", "4XX", "default"
	Description string
	Content     []*MediaType
	Headers     []*Header
	Loc         Loc
}

// Header is a response header.
type Header struct {
	Name        string
	Description string
	Required    bool
	Schema      *SchemaRef
	Loc         Loc
}

// MediaType is one entry of a content map.
type MediaType struct {
	Type   string // e.g. application/json
	Schema *SchemaRef
	// ItemSchema is OpenAPI 3.2's itemSchema: the schema of each item of
	// a sequential media type (an event's data, a JSON line).
	ItemSchema *SchemaRef
	// Encoding is the encoding map of a form or multipart body, in
	// document order.
	Encoding []*Encoding
	Loc      Loc
}

// Encoding is one entry of a media type's encoding map: how one property
// of an application/x-www-form-urlencoded or multipart body is written.
type Encoding struct {
	Name        string // the property
	ContentType string // as written: a media type, a list of them, or a range (image/*)
	// Style, Explode and AllowReserved apply to form bodies, as a query
	// parameter's do; Style is "" and Explode nil when not written.
	Style         string
	Explode       *bool
	AllowReserved bool
	// Headers names the headers of a multipart part (Content-Type is not
	// among them: OpenAPI ignores it there).
	Headers []string
	Loc     Loc
}

// SchemaRef is a place where a schema is used: either inline or a $ref. Value
// is the schema it resolves to; the same location always yields the same
// *Schema, so identity can be compared with ==.
type SchemaRef struct {
	Ref   string // as written; "" when inline
	Pos   diag.Pos
	Value *Schema
	// Siblings written next to $ref (Medusa does this, as OpenAPI 3.1 allows).
	Description string
	Title       string
	Nullable    bool
	ReadOnly    bool
	WriteOnly   bool
	Deprecated  bool
}

// RefFrom is a {$ref} object that leads to a schema.
type RefFrom struct {
	Loc  Loc
	Hops int // how many $refs from there to the schema
}

// Schema is a schema object at one location.
type Schema struct {
	Loc   Loc
	Node  *yaml.Node
	False bool // the boolean schema false: no value is valid
	// RefBeside: a 2020-12 $ref written beside validation keywords, the
	// last member of AllOf.
	RefBeside bool
	// RefFrom lists the places that are only a $ref which leads here, at
	// most three JSON pointer tokens deep (#/components/schemas/Pet, a file
	// whose root is {$ref, $defs}): where a Go name may come from when the
	// schema has none of its own.
	RefFrom []RefFrom
	// OpenTuple: prefixItems (not draft 4's items list), after which items
	// of any type are allowed unless items says otherwise.
	OpenTuple            bool
	Type                 string   // "", string, number, integer, boolean, array, object
	Types                []string // a 3.1 type list of several types but null ([string, integer]); Type is then ""
	TypePos              diag.Pos
	Format               string
	FormatPos            diag.Pos
	Title                string
	Description          string
	Nullable             bool
	ReadOnly             bool
	WriteOnly            bool
	Deprecated           bool
	Enum                 []Value
	Default              *Value
	Example              *Value
	Examples             []Value // 3.1's examples: a list of values
	Properties           []*Property
	Required             []Required
	Items                *SchemaRef
	PrefixItems          []*SchemaRef // prefixItems (or items written as a list): the schema of each position
	NoItems              bool         // items: false, no items after the prefixItems
	AdditionalProperties *SchemaRef   // nil unless a schema was given
	AdditionalAllowed    *bool        // additionalProperties: true/false, nil when absent or a schema
	AllOf, OneOf, AnyOf  []*SchemaRef
	// JSON Schema 2020-12 (OpenAPI 3.1).
	Contains          *SchemaRef
	PropertyNames     *SchemaRef
	PatternProperties []*Property // Name is the regular expression
	// UnevaluatedProperties and UnevaluatedItems, nil when absent.
	UnevaluatedProperties, UnevaluatedItems *SchemaRef
	If, Then, Else                          *SchemaRef
	DependentRequired                       []Dependency
	DependentSchemas                        []*Property // the schema that applies when the property is present
	Not                                     *SchemaRef
	// ContentMediaType and ContentSchema (3.1): a string that holds a
	// document of that media type, which the schema describes;
	// ContentEncoding is how the string encodes it (base64...).
	ContentMediaType string
	ContentEncoding  string
	ContentSchema    *SchemaRef
	Discriminator    *Discriminator
	ExternalDocs     *ExternalDocs
	Constraints      Constraints
	Ext              Extensions
}

// Property is one entry of properties.
type Property struct {
	Name   string
	Pos    diag.Pos
	Schema *SchemaRef
}

// Dependency is one entry of dependentRequired: when Name is present, so
// must Required be.
type Dependency struct {
	Name     string
	Required []string
}

// Required is one name listed in required.
type Required struct {
	Name string
	Pos  diag.Pos
}

// Value is literal data from the spec (enum, default, example) with its position.
type Value struct {
	V   any
	Pos diag.Pos
}

// Discriminator is a oneOf/anyOf discriminator.
type Discriminator struct {
	PropertyName string
	Mapping      []Mapping // in document order
	Pos          diag.Pos
}

// Mapping is one discriminator value and the schema it selects.
type Mapping struct {
	Value  string
	Schema *SchemaRef
}

// ExternalDocs points at documentation outside the spec.
type ExternalDocs struct {
	URL         string
	Description string
}

// Constraints are the validation keywords of a schema.
type Constraints struct {
	Minimum, Maximum, MultipleOf       *float64
	ExclusiveMinimum, ExclusiveMaximum bool // OpenAPI 3.0: Minimum and Maximum are exclusive
	// OpenAPI 3.1 (JSON Schema 2020-12): exclusiveMinimum and
	// exclusiveMaximum are bounds of their own, beside minimum and maximum.
	ExclusiveMinimumValue, ExclusiveMaximumValue *float64
	MinLength, MaxLength                         *int64
	Pattern                                      string
	MinItems, MaxItems                           *int64
	UniqueItems                                  bool
	MinProperties, MaxProperties                 *int64
	MinContains, MaxContains                     *int64
}

// Extensions are the x- keys oasgen honours.
type Extensions struct {
	GoType       string
	GoTypePos    diag.Pos // of the x-go-type value
	GoTypeImport GoImport
	GoName       string
	OmitEmpty    *bool
	EnumVarNames []string
	EnumDocs     []string // x-enum-descriptions: a doc comment per enum value
	SchemaName   string   // x-schemaName (Medusa v2)
}

// GoImport is the package an x-go-type comes from.
type GoImport struct {
	Path string
	Name string
	Pos  diag.Pos // of the x-go-type-import value
}
