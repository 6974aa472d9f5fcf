package ir

// Client describes how the generated client (client.gen.go) calls an
// operation; nil when the client part is not generated.
type Client struct {
	// Method is the name of the Client method that returns the success
	// body, Raw the one that returns the typed response of any status.
	Method, Raw string
	// Path is the path template split into literal text and parameters.
	Path []PathPart
	// Bindings say how each field of Operation.Params is written, in field
	// order: the same bindings the server reads them with.
	Bindings []*Binding
	// Body says how the request body is written; nil when there is none.
	Body *ServerBody
	// Responses are the typed responses, shared with the strict server
	// when it serves the operation (then Declare is false).
	Responses []*ServerResponse
	// ResponseObject names the interface of the typed responses.
	ResponseObject string
	// Declare is set when client.gen.go declares the response types and
	// their interface (no strict server declares them).
	Declare bool
	// Success is what the common method returns for a success status:
	// the body of the success responses when they share one type (nil for
	// none), or the ResponseObject when they do not (SuccessObject).
	Success       *Type
	SuccessKind   string // json, text, binary, stream or "" for no body
	SuccessObject bool
	// Stream is set when the success body is a sequence (text/event-stream,
	// application/jsonl...): Success is the item type, Sequence the framing
	// (sse or lines).
	Sequence string
	// Event is set when the stream's items model whole server-sent events.
	Event *EventItem
	// Servers are the operation's own servers, overriding the spec's.
	Servers []*ServerURL
}

// PathPart is literal text of a path template, or a parameter (Param set).
type PathPart struct {
	Text  string
	Param *Binding
}

// ServerURL is one entry of a servers list.
type ServerURL struct {
	URL         string
	Description string
	Variables   []*ServerVariable
}

// ServerVariable is a variable of a server URL template.
type ServerVariable struct {
	Name    string
	Default string
	Enum    []string
}
