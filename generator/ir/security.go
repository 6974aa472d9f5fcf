package ir

// Security scheme kinds (SecurityScheme.Kind): the spec's types, with http
// split by scheme, and undeclared for a scheme a requirement names that
// components.securitySchemes lacks.
const (
	SchemeAPIKey        = "apiKey"        // a key in a header, query parameter or cookie (In, ParamName)
	SchemeBasic         = "basic"         // http basic: Authorization: Basic user:password
	SchemeBearer        = "bearer"        // http bearer: Authorization: Bearer token
	SchemeHTTP          = "http"          // another http scheme (digest...), in Scheme; not read (Raw)
	SchemeOAuth2        = "oauth2"        // an access token, sent as a bearer token (Flows)
	SchemeOpenIDConnect = "openIdConnect" // an ID or access token, sent as a bearer token (OpenIDConnectURL)
	SchemeMutualTLS     = "mutualTLS"     // the client's TLS certificate
	SchemeUndeclared    = "undeclared"    // named by a requirement, not declared (Raw)
)

// SecurityScheme is a security scheme the operations of a package use: an
// entry of components.securitySchemes, or an undeclared name. Operations
// share one *SecurityScheme per name.
type SecurityScheme struct {
	Name   string // as the spec writes it: jwt_token
	GoName string // exported identifier, unique among the schemes: JWTToken
	Kind   string // one of the Scheme kinds
	// In and ParamName say where an apiKey is sent: header, query or
	// cookie, and the header, parameter or cookie name.
	In, ParamName string
	// Scheme is the http scheme, lower case (basic, bearer, digest).
	Scheme       string
	BearerFormat string // a hint, such as JWT
	Flows        []*OAuthFlow
	// OpenIDConnectURL is the OpenID Connect discovery URL.
	OpenIDConnectURL string
	Doc              string // the scheme's description
	// Raw says why generated code cannot read the scheme's credential (an
	// undeclared or invalid scheme, an http scheme other than basic and
	// bearer): the server's security handler gets the whole request and
	// must decide; "" when the credential is read.
	Raw string
	// Used is set when an operation's security names the scheme.
	Used bool
}

// OAuthFlow is one flow of an oauth2 scheme.
type OAuthFlow struct {
	Kind             string // implicit, password, clientCredentials, authorizationCode, deviceAuthorization (3.2)
	AuthorizationURL string
	TokenURL         string
	RefreshURL       string
	// DeviceAuthorizationURL is where a deviceAuthorization flow (RFC
	// 8628) starts.
	DeviceAuthorizationURL string
	Scopes                 []OAuthScope
}

// OAuthScope is a scope an OAuth2 flow declares.
type OAuthScope struct {
	Name, Doc string
}

// SecurityRequirement is one alternative of an operation's security: every
// scheme in it must accept the request. An empty requirement ({}) allows
// anonymous requests.
type SecurityRequirement []RequiredScheme

// RequiredScheme is a scheme a security requirement names, with the scopes
// (OAuth2 scopes, or OpenAPI 3.1 roles) it requires.
type RequiredScheme struct {
	Scheme *SecurityScheme
	Scopes []string
}
