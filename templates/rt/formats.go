package rt

import (
	"encoding/base64"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"time"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// checkFormat returns "" when s is a valid value of format, else why not.
// Formats oasgen does not check (password, custom ones) always pass.
func checkFormat(format, s string) string {
	switch format {
	case "date-time":
		if _, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s)); err != nil {
			return "want RFC 3339 like 2006-01-02T15:04:05Z"
		}
	case "date":
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return "want a date like 2006-01-02"
		}
	case "time":
		return checkTime(s)
	case "email":
		return checkEmail(s)
	case "uuid":
		if !uuidPattern.MatchString(s) {
			return "want a UUID like 123e4567-e89b-12d3-a456-426614174000"
		}
	case "uri":
		if u, err := url.Parse(s); err != nil || u.Scheme == "" {
			return "want an absolute URI"
		}
	case "uri-reference":
		if _, err := url.Parse(s); err != nil {
			return "want a URI reference"
		}
	case "hostname":
		return checkHostname(s)
	case "ipv4":
		if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
			return "want an IPv4 address like 192.0.2.1"
		}
	case "ipv6":
		if a, err := netip.ParseAddr(s); err != nil || !a.Is6() || a.Zone() != "" {
			return "want an IPv6 address like 2001:db8::1"
		}
	case "byte":
		if _, err := base64.StdEncoding.DecodeString(s); err != nil {
			return "want base64"
		}
	}
	return ""
}

func checkTime(s string) string {
	for _, layout := range []string{"15:04:05Z07:00", "15:04:05.999999999Z07:00"} {
		if _, err := time.Parse(layout, strings.ToUpper(s)); err == nil {
			return ""
		}
	}
	return "want a time like 15:04:05Z"
}

// checkEmail accepts local@domain with a plausible domain; full RFC 5322
// syntax (quoted local parts, comments) is beyond what APIs send.
func checkEmail(s string) string {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") || strings.ContainsAny(s, " \t\r\n") {
		return "want an address like name@example.com"
	}
	if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return "the part before @ must not start, end or repeat dots"
	}
	if strings.HasPrefix(domain, "[") && strings.HasSuffix(domain, "]") {
		return ""
	}
	return checkHostname(domain)
}

func checkHostname(s string) string {
	if s == "" || len(s) > 253 {
		return "want 1 to 253 characters"
	}
	for label := range strings.SplitSeq(strings.TrimSuffix(s, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return "each label must be 1 to 63 characters and not start or end with -"
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return "only letters, digits and - are allowed"
			}
		}
	}
	return ""
}
