package ir

// Server describes how an operation is served by the generated net/http
// server (server.gen.go); nil when the server part is not generated.
type Server struct {
	// Route is the http.ServeMux pattern path, such as /store/carts/{id};
	// "" when the path cannot be served by a ServeMux (see Skip).
	Route string
	// Skip says why the operation has no route, for documentation.
	Skip string
	// Fallback is set instead of Route for a path http.ServeMux cannot
	// express or tell from another: a regular expression over the escaped
	// path, tried when the ServeMux finds no route. Its groups are the path
	// parameters, stored under the keys FallbackOrder lists (FallbackKeys
	// maps each parameter name to its key).
	Fallback      string
	FallbackKeys  map[string]string
	FallbackOrder []string
	// Webhook is set for an operation of a webhook: it has no route, its
	// handler is mounted where the application registered the webhook.
	Webhook bool
	// Bindings fill the fields of Operation.Params, in field order.
	Bindings []*Binding
	// Body says how the request body is read for the handler; nil when the
	// operation has none or the handler reads r.Body itself.
	Body *ServerBody
	// Responses are the typed responses of the strict interface, one per
	// declared status and media type; nil unless Package.Strict.
	Responses []*ServerResponse
	// RequestObject and ResponseObject name the strict interface's request
	// struct and response interface of the operation ("" unless strict).
	RequestObject, ResponseObject string
}

// Served reports whether the server routes the operation, or receives it
// as a webhook.
func (s *Server) Served() bool { return s.Route != "" || s.Fallback != "" || s.Webhook }

// Binding says how one parameter is read from a request into its field.
type Binding struct {
	Field *Field
	Name  string // the parameter's name in the spec
	In    string // path, query, header, cookie
	// Key is where the raw value is looked up: the ServeMux wildcard for
	// path parameters, else Name.
	Key      string
	Required bool
	// List is set for arrays of primitives: the values are collected
	// (form, explode) or split on commas.
	List    bool
	Explode bool
	// Style is the parameter's style: simple, form, label, matrix,
	// spaceDelimited, pipeDelimited or deepObject.
	Style string
	// AllowReserved is set for a query parameter whose reserved characters
	// the client sends as they are (allowReserved: true).
	AllowReserved bool
	// Object is set for objects of primitive properties (a struct or a
	// map), read into Elem: Props gives the parse kind of each property by
	// JSON name, Extra the kind of the others ("" for string).
	Object bool
	Props  []ObjectProp
	Extra  string
	// Scalar is the parse kind of the value or of the list's items: string,
	// int, float, bool or time. "" when the parameter is not bound (Skip).
	Scalar string
	// Elem is the Go type a single value parses into (an enum, int32...).
	Elem *Type
	// Convert is the named slice type a parsed list converts to ("Tags"), or nil.
	Convert *Type
	// Wrap is the wrapper of the field type: Opt, Nullable, OptNullable or
	// Builtin (none).
	Wrap Kind
	// Default is the Go literal of the default value of Elem, "" for none.
	Default string
	// Tree is set for a query parameter of any other shape (unions, nested
	// objects and arrays) in form or deepObject style: its keys (name,
	// name[a][0]...) are read as a tree, as the qs library writes them,
	// converted to JSON as Rules says and decoded into Elem like a body.
	Tree  bool
	Rules *Rules
	// Content is "json" for a parameter whose value is JSON (content:
	// application/json), decoded into Elem and checked like a body; "form"
	// for an OpenAPI 3.2 querystring parameter whose content is a form:
	// the whole query string, each key a property (Props, Extra).
	Content string
	// Skip says why the parameter is not bound; the field stays zero and
	// the handler reads the raw value from the request.
	Skip string
}

// ObjectProp is one property of an object parameter: its JSON name and
// parse kind (string, int, float, bool or time).
type ObjectProp struct {
	Name, Kind string
}

// Body kinds: how a request body is read.
const (
	BodyJSON      = "json"      // decoded and validated into Type
	BodyForm      = "form"      // application/x-www-form-urlencoded, decoded into Type
	BodyText      = "text"      // text/*, read into a string
	BodyBinary    = "binary"    // any other media type, passed as a stream
	BodyMultipart = "multipart" // multipart/*, passed as a *multipart.Reader
)

// ServerBody says how one operation's request body reaches the handler.
type ServerBody struct {
	Kind string // one of the Body kinds
	// Media lists the media types accepted (others get 415), as declared.
	Media    []string
	Required bool // a missing body is a 400
	// Type is the decoded body (json, form); nil for the others.
	Type *Type
	// Arg is the type the handler receives: Type (Opt[Type] when the body is
	// optional), string, io.Reader or *multipart.Reader.
	Arg *Type
	// Props and Extra give the parse kinds of a form body's properties
	// ("[]int" for an array of integers), as in Binding.
	Props []ObjectProp
	Extra string
	// Fields say how the properties of a form body that the encoding
	// object describes are written; the others are form style, exploded.
	Fields []FormField
	// PartTypes are the Content-Types the encoding object gives the parts
	// of a multipart body, written when the caller gives none.
	PartTypes []PartType
}

// FormField is how one property of a form body is written, as its entry
// in the encoding object says.
type FormField struct {
	Name string
	// Delim joins the items of an array into one value: "," (style form,
	// not exploded), " " (spaceDelimited) or "|" (pipeDelimited); "" when
	// each item repeats the key.
	Delim string
	// JSON is set when the value is the property's JSON text (a JSON
	// contentType); the property may then have any shape.
	JSON bool
	// Reserved is allowReserved: the client sends reserved characters as
	// they are.
	Reserved bool
}

// PartType is the Content-Type of one part of a multipart body.
type PartType struct {
	Name, ContentType string
}

// ServerResponse is one typed response of the strict interface: a status
// (or range, or default) with one media type, or none.
type ServerResponse struct {
	Name   string // the Go type, such as GetCart200JSONResponse
	Status string // as declared: 200, 4XX, default
	// Code is the status written; 0 when the response carries its own
	// (StatusCode field: ranges and default).
	Code  int
	Media string // "" when there is no body
	// Kind is json, text or binary (an io.Reader), "" for no body.
	Kind string
	// Body is the type of the body field; nil when there is no body.
	Body *Type
	// Headers are the declared headers the response sets.
	Headers []*ResponseHeader
	// Sequence is set for a sequential media type (sse for
	// text/event-stream, lines for JSON Lines and the like): Body is a
	// stream, and Item the type of one of its items, for the client.
	Sequence string
	Item     *Type
	// Event is set when Item models a whole server-sent event (OpenAPI
	// 3.2's itemSchema of text/event-stream with the properties data,
	// event, id, retry) rather than an event's data.
	Event *EventItem
	// Doc is the response's description.
	Doc string
}

// ResponseHeader is a declared header of a typed response.
type ResponseHeader struct {
	Name  string // as sent: X-Request-Id
	Field string // Go field name
	Type  *Type  // field type: Opt[T] unless the header is required
	// Kind is how one value is formatted (string, int, float, bool, time),
	// List when the value is an array of them (comma-separated).
	Kind string
	List bool
}

// EventItem is an item type modelling a whole server-sent event: its
// fields data, event, id and retry are the event's fields.
type EventItem struct {
	// Text is set when data is a Go string, written as it is; other data
	// is JSON.
	Text bool
	// Event, ID and Retry say which of those fields the type has.
	Event, ID, Retry bool
	// Bare is set when data is optional and the type has event: an event
	// with an event name but no data is an item.
	Bare bool
}
