// Package templates holds the text/template files oasgen prints Go code
// with. They are embedded in the binary; a user overrides one by putting a
// file of the same name in the folder given to --templates.
package templates

import "embed"

// FS holds the default templates.
//
//go:embed *.tmpl
var FS embed.FS
