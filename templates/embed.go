// Package templates holds the text/template files oasgen prints Go code
// with, and the validation runtime (rt/) copied into generated packages.
// They are embedded in the binary; a user overrides a template by putting a
// file of the same name in the folder given to --templates.
package templates

import "embed"

// FS holds the default templates.
//
//go:embed *.tmpl
var FS embed.FS

// Runtime holds the Go source of the validation runtime. Only the files
// listed here are copied into generated code (not doc.go, export.go or tests).
//
//go:embed rt/errors.go rt/schema.go rt/unevaluated.go rt/keys.go rt/formats.go rt/uri.go rt/reader.go rt/reads.go rt/anyvalue.go rt/items.go rt/decode.go rt/typed.go rt/writer.go
var Runtime embed.FS

// ServerRuntime holds the Go source of the server runtime, copied into
// server.gen.go next to the generated handlers.
//
//go:embed rt/server.go rt/params.go rt/qs.go
var ServerRuntime embed.FS

// SecurityRuntime holds the Go source of the server's security checks,
// copied into server.gen.go when an operation declares security.
//
//go:embed rt/security.go
var SecurityRuntime embed.FS

// StrictRuntime holds the Go source of the strict interface's runtime,
// copied into server.gen.go when the strict interface is generated.
//
//go:embed rt/strict.go
var StrictRuntime embed.FS

// WebhookRuntime holds the Go source of the webhook receiver's runtime,
// copied into webhooks.gen.go.
//
//go:embed rt/webhooks.go
var WebhookRuntime embed.FS

// ClientRuntime holds the Go source of the client's runtime, copied into
// client.gen.go.
//
//go:embed rt/client.go rt/clientparams.go rt/clientbody.go rt/clientsecurity.go
var ClientRuntime embed.FS

// SharedRuntime holds what the server and the client share (media types,
// parameter values), copied into server.gen.go, or into client.gen.go when
// no server is generated.
//
//go:embed rt/shared.go
var SharedRuntime embed.FS
