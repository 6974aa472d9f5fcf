package rt

import (
	"net/netip"
	"strings"
)

// Character classes of RFC 3986, as bit sets over ASCII.
type charSet [2]uint64

func (cs charSet) has(c byte) bool { return c < 128 && cs[c/64]&(1<<(c%64)) != 0 }

func makeCharSet(chars ...string) (cs charSet) {
	for _, s := range chars {
		for i := 0; i < len(s); i++ {
			cs[s[i]/64] |= 1 << (s[i] % 64)
		}
	}
	return cs
}

const (
	alpha      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	digit      = "0123456789"
	unreserved = alpha + digit + "-._~"
	subDelims  = "!$&'()*+,;="
)

var (
	schemeChars   = makeCharSet(alpha, digit, "+-.")
	userinfoChars = makeCharSet(unreserved, subDelims, ":")
	regNameChars  = makeCharSet(unreserved, subDelims)
	pathChars     = makeCharSet(unreserved, subDelims, ":@/")  // *( pchar / "/" )
	queryChars    = makeCharSet(unreserved, subDelims, ":@/?") // query and fragment
)

// validURI checks the syntax of RFC 3986: a URI (scheme ":" hier-part
// ["?" query] ["#" fragment]) or, with reference, also a relative reference.
// It is stricter than net/url.Parse, which lets through spaces, raw
// non-ASCII bytes and anything in a query or an opaque part, and it
// allocates nothing.
func validURI(s string, reference bool) bool {
	rest, scheme := s, false
	for i := 0; i < len(s); i++ {
		if s[i] == ':' && i > 0 {
			rest, scheme = s[i+1:], true
			break
		}
		if !schemeChars.has(s[i]) || i == 0 && !isAlpha(s[0]) {
			break
		}
	}
	if !scheme && !reference {
		return false
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		if !validChars(rest[i+1:], queryChars, false) {
			return false
		}
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		if !validChars(rest[i+1:], queryChars, false) {
			return false
		}
		rest = rest[:i]
	}
	if strings.HasPrefix(rest, "//") {
		authority, path := rest[2:], ""
		if i := strings.IndexByte(authority, '/'); i >= 0 {
			authority, path = authority[:i], authority[i:]
		}
		return validAuthority(authority) && validChars(path, pathChars, false)
	}
	if !scheme { // path-noscheme: no colon before the first slash
		first, _, _ := strings.Cut(rest, "/")
		if strings.IndexByte(first, ':') >= 0 {
			return false
		}
	}
	return validChars(rest, pathChars, false)
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// validAuthority checks [ userinfo "@" ] host [ ":" port ], with an IPv6
// literal in brackets or a registered name (IPvFuture is refused).
func validAuthority(a string) bool {
	if i := strings.IndexByte(a, '@'); i >= 0 {
		if !validChars(a[:i], userinfoChars, false) {
			return false
		}
		a = a[i+1:]
	}
	host, port := a, ""
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return false
		}
		if ip, err := netip.ParseAddr(a[1:end]); err != nil || !ip.Is6() || ip.Zone() != "" {
			return false
		}
		host, port = "", a[end+1:]
		if port != "" && port[0] != ':' {
			return false
		}
	} else if i := strings.LastIndexByte(a, ':'); i >= 0 {
		host, port = a[:i], a[i:]
	}
	for i := 1; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return false
		}
	}
	return validChars(host, regNameChars, true)
}

// validChars reports whether s holds only characters of set and
// percent-encodings. In a host name, as net/url requires, only non-ASCII
// bytes may be percent-encoded.
func validChars(s string, set charSet, host bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if set.has(c) {
			continue
		}
		if c != '%' || i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) || host && s[i+1] < '8' {
			return false
		}
		i += 2
	}
	return true
}
