// Package rt is the validation runtime that oasgen copies into every
// generated package (validate.gen.go): the error types, a JSON Schema
// validator driven by schema tables, format checks, and the one-pass JSON
// reader the generated decoders (decode.gen.go) read with. It is a real package so it is compiled and tested here;
// the generator also uses it to check a spec's examples and defaults.
// Everything but export.go and doc.go is embedded; it imports only the
// standard library and its unexported names are the generated package's.
package rt
