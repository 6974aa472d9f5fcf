// Package naming is the one place where Go identifier rules live: it turns
// spec names into Go-style identifiers (initialisms, keywords, unicode) and
// hands out unique names within one Go namespace.
package naming
