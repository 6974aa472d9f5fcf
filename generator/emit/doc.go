// Package emit is the last stage before writing: it prints the IR through the
// templates into gofmt-ed Go files, with imports computed from what the
// printed code uses.
package emit
