package ir

// Server describes how an operation is served by the generated net/http
// server (server.gen.go); nil when the server part is not generated.
type Server struct {
	// Route is the http.ServeMux pattern path, such as /store/carts/{id};
	// "" when the path cannot be served by a ServeMux (see Skip).
	Route string
	// Skip says why the operation has no route, for documentation.
	Skip string
	// Bindings fill the fields of Operation.Params, in field order.
	Bindings []*Binding
	// BodyJSON is set when the request body is decoded from JSON and passed
	// to the handler method; otherwise the method reads r.Body itself.
	BodyJSON bool
	// BodyRequired: a missing body is a 400.
	BodyRequired bool
	// BodyArg is the type of the handler's body argument: Body, or Opt[Body]
	// when the body is optional. Nil when BodyJSON is false.
	BodyArg *Type
}

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
	// Skip says why the parameter is not bound; the field stays zero and
	// the handler reads the raw value from the request.
	Skip string
}

// ObjectProp is one property of an object parameter: its JSON name and
// parse kind (string, int, float, bool or time).
type ObjectProp struct {
	Name, Kind string
}
