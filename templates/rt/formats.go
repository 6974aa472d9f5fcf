package rt

import (
	"net/netip"
	"regexp"
	"strings"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// What the format messages ask for; the decoders of time.Time, Date and
// []byte say the same.
const (
	msgDateTime = "want RFC 3339 like 2006-01-02T15:04:05Z"
	msgDate     = "want a date like 2006-01-02"
	msgBase64   = "want base64"
)

// checkFormat returns "" when s is a valid value of format, else why not.
// Formats oasgen does not check (password, custom ones) always pass. No
// check allocates on a valid value.
func checkFormat(format, s string) string {
	switch format {
	case "date-time":
		if !validDateTime(s) {
			return msgDateTime
		}
	case "date":
		if _, _, _, ok := parseDate(s); !ok {
			return msgDate
		}
	case "time":
		if !validTime(s) {
			return "want a time like 15:04:05Z"
		}
	case "email":
		return checkEmail(s)
	case "uuid":
		if !uuidPattern.MatchString(s) {
			return "want a UUID like 123e4567-e89b-12d3-a456-426614174000"
		}
	case "uri":
		if !validURI(s, false) {
			return "want an absolute URI"
		}
	case "uri-reference":
		if !validURI(s, true) {
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
		if !validBase64(s) {
			return msgBase64
		}
	}
	return ""
}

// digits returns the decimal number s[i:i+n] holds, or -1.
func digits[S string | []byte](s S, i, n int) int {
	if i+n > len(s) {
		return -1
	}
	v := 0
	for _, c := range []byte(s[i : i+n]) {
		if c < '0' || c > '9' {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// parseDate reads RFC 3339's full-date, 2006-01-02, with the day checked
// against the month.
func parseDate[S string | []byte](s S) (year, month, day int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	year, month, day = digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) {
		return 0, 0, 0, false
	}
	return year, month, day, true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// validDateTime checks RFC 3339's date-time: full-date "T" partial-time
// time-offset. As Go's time package (and kin-openapi), it takes T and Z in
// upper case only, and refuses leap seconds (:60).
func validDateTime[S string | []byte](s S) bool {
	_, ok := parseDateTime(s)
	return ok
}

// dateTime is an RFC 3339 date-time taken apart.
type dateTime struct {
	year, month, day, hour, minute, second, nanos int
	utc                                           bool // Z: no offset
}

func parseDateTime[S string | []byte](s S) (dateTime, bool) {
	var dt dateTime
	if len(s) < 20 || s[10] != 'T' {
		return dt, false
	}
	var ok bool
	if dt.year, dt.month, dt.day, ok = parseDate(s[:10]); !ok {
		return dt, false
	}
	return dt, parseTime(s[11:], &dt)
}

// validTime checks RFC 3339's full-time: 15:04:05, an optional fraction
// after a dot, and Z or a ±hh:mm offset.
func validTime[S string | []byte](s S) bool {
	var dt dateTime
	return parseTime(s, &dt)
}

func parseTime[S string | []byte](s S, dt *dateTime) bool {
	if len(s) < 9 || s[2] != ':' || s[5] != ':' {
		return false
	}
	dt.hour, dt.minute, dt.second = digits(s, 0, 2), digits(s, 3, 2), digits(s, 6, 2)
	if dt.hour < 0 || dt.hour > 23 || dt.minute < 0 || dt.minute > 59 || dt.second < 0 || dt.second > 59 {
		return false
	}
	i := 8
	if s[i] == '.' {
		i++
		start := i
		for scale := 100000000; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			dt.nanos += int(s[i]-'0') * scale // digits past the ninth are dropped, as Go does
			scale /= 10
		}
		if i == start {
			return false
		}
	}
	switch rest := s[i:]; {
	case len(rest) == 1:
		dt.utc = true
		return rest[0] == 'Z'
	case len(rest) == 6:
		h, m := digits(rest, 1, 2), digits(rest, 4, 2)
		return (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' && h >= 0 && h <= 23 && m >= 0 && m <= 59
	}
	return false
}

// validBase64 reports whether base64.StdEncoding decodes s (padding
// required; carriage returns and newlines ignored), without decoding it.
func validBase64(s string) bool {
	n, pad := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r' || c == '\n':
			continue
		case c == '=':
			// Padding ends a quantum of 4 that has at least 2 characters.
			if n%4 < 2 || pad == 2 || pad == 1 && n%4 != 3 {
				return false
			}
			pad++
		case pad > 0:
			return false
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
		default:
			return false
		}
		n++
	}
	return n%4 == 0
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
