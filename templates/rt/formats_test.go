package rt

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
	"time"
)

var uriCases = []struct {
	s              string
	uri, reference bool
}{
	{"https://example.com", true, true},
	{"https://x.org/a?b", true, true},
	{"https://user:pw@example.com:8080/a/b;c=d?q=1&r[]=2#frag/x?y", false, false}, // [ ] are not allowed in a query
	{"https://user:pw@example.com:8080/a/b;c=d?q=1&r=2#frag/x?y", true, true},
	{"http://[2001:db8::1]:80/", true, true},
	{"http://[2001:db8::1%25eth0]/", false, false}, // zones are RFC 6874, not 3986
	{"http://[v1.x]/", false, false},               // IPvFuture is refused
	{"http://[::1", false, false},
	{"http://a%C3%A9.example/", true, true},
	{"http://a%41.example/", false, false}, // net/url refuses ASCII escapes in hosts
	{"http://host:8a/", false, false},
	{"http://host:/", true, true},
	{"http://a b.com/", false, false},
	{"http://x/a b", false, false}, // net/url allows the space
	{"http://x/é", false, false},   // an IRI, not a URI
	{"http://x/%zz", false, false},
	{"http://x/%4", false, false},
	{"http://x/%41", true, true},
	{"http://x?%", false, false},
	{"http://x#a#b", false, false},
	{"mailto:jane@example.com", true, true},
	{"urn:isbn:0451450523", true, true},
	{"file:///etc/hosts", true, true},
	{"a+b-c.d:x", true, true},
	{"1a:x", false, false},
	{":x", false, false},
	{"http:", true, true},
	{"/relative", false, true},
	{"../a", false, true},
	{"a/b:c", false, true},
	{"a:b/c", true, true},
	{"./a:b", false, true},
	{"//host/path", false, true},
	{"///x", false, true},
	{"?q", false, true},
	{"#f", false, true},
	{"", false, true},
	{"\x7f", false, false},
	{"http://x/\x00", false, false},
	{"https://medusa-public-images.s3.eu-west-1.amazonaws.com/coffee-mug.png", true, true},
}

func TestValidURI(t *testing.T) {
	for _, c := range uriCases {
		if got := validURI(c.s, false); got != c.uri {
			t.Errorf("uri %q: got %v, want %v", c.s, got, c.uri)
		}
		if got := validURI(c.s, true); got != c.reference {
			t.Errorf("uri-reference %q: got %v, want %v", c.s, got, c.reference)
		}
		checkURIStricter(t, c.s)
	}
}

// FuzzURI: the RFC 3986 check is at least as strict as the net/url.Parse
// check it replaces (absolute: a scheme).
func FuzzURI(f *testing.F) {
	for _, c := range uriCases {
		f.Add(c.s)
	}
	f.Fuzz(checkURIStricter)
}

func checkURIStricter(t *testing.T, s string) {
	if validURI(s, false) {
		if u, err := url.Parse(s); err != nil || u.Scheme == "" {
			t.Fatalf("uri %q accepted; net/url: %v", s, err)
		}
	}
	if validURI(s, true) {
		if _, err := url.Parse(s); err != nil {
			t.Fatalf("uri-reference %q accepted; net/url: %v", s, err)
		}
	}
}

var base64Cases = []string{"", "aGk=", "aGk", "aGk==", "aA==", "aA=", "a===", "====", "aGVsbG8=", "aGVs\nbG8=", "aGVs\r\nbG8=\n",
	"aG=k", "aGk=aGk=", "a-_b", "+/+/", "aGk=\n", "\n", "aA==\nx", "abc", "abcd="}

func TestValidBase64(t *testing.T) {
	for _, s := range base64Cases {
		checkBase64(t, s)
	}
}

// FuzzBase64: validBase64 agrees with base64.StdEncoding, without decoding.
func FuzzBase64(f *testing.F) {
	for _, s := range base64Cases {
		f.Add(s)
	}
	f.Fuzz(checkBase64)
}

func checkBase64(t *testing.T, s string) {
	_, err := base64.StdEncoding.DecodeString(s)
	if got := validBase64(s); got != (err == nil) {
		t.Fatalf("%q: validBase64 %v, encoding/base64 %v", s, got, err)
	}
}

func TestDateTimeFormats(t *testing.T) {
	cases := []struct {
		format, s string
		ok        bool
	}{
		{"date-time", "2024-01-02T03:04:05Z", true},
		{"date-time", "2024-01-02T03:04:05.123456789Z", true},
		{"date-time", "2024-01-02t03:04:05Z", false},
		{"date-time", "2024-01-02T03:04:05z", false},
		{"date-time", "2024-01-02T03:04:05+01:00", true},
		{"date-time", "2024-01-02T03:04:05.1-23:59", true},
		{"date-time", "2024-02-29T00:00:00Z", true},
		{"date-time", "2023-02-29T00:00:00Z", false},
		{"date-time", "2024-01-02T3:04:05Z", false},
		{"date-time", "2024-01-02T03:04:05,123+02:00", false},
		{"date-time", "2024-01-02T03:04:05", false},
		{"date-time", "2024-01-02 03:04:05Z", false},
		{"date-time", "2024-01-02T24:00:00Z", false},
		{"date-time", "2024-01-02T23:59:60Z", false},
		{"date-time", "2024-01-02T03:04:05.Z", false},
		{"date-time", "2024-01-02T03:04:05+0100", false},
		{"date-time", "2024-01-02T03:04:05+24:00", false},
		{"date-time", "14/03/2024 09:26", false},
		{"date", "2024-01-02", true},
		{"date", "2024-13-02", false},
		{"date", "2024-1-02", false},
		{"date", "2000-02-29", true},
		{"date", "1900-02-29", false},
		{"time", "03:04:05+01:00", true},
		{"time", "03:04:05.5Z", true},
		{"time", "25:00:00Z", false},
		{"time", "03:04:05", false},
		{"time", "3:04:05Z", false},
	}
	for _, c := range cases {
		if got := checkFormat(c.format, c.s) == ""; got != c.ok {
			t.Errorf("%s %q: got %v, want %v", c.format, c.s, got, c.ok)
		}
		// What the date-time check accepts, Go's time package reads.
		if c.format == "date-time" && c.ok {
			if _, err := time.Parse(time.RFC3339Nano, strings.ToUpper(c.s)); err != nil {
				t.Errorf("%q: accepted, but time.Parse: %v", c.s, err)
			}
		}
	}
}

// TestFormatsDoNotAllocate: Validate allocates nothing on a valid value, so
// no format check may allocate on a valid string.
func TestFormatsDoNotAllocate(t *testing.T) {
	valid := map[string]string{
		"date-time": "2024-01-02T03:04:05.123+02:00", "date": "2024-01-02", "time": "03:04:05Z",
		"email": "jane.doe@example.com", "uuid": "123e4567-e89b-12d3-a456-426614174000",
		"uri": "https://user@example.com:8080/a/b?c=d#e", "uri-reference": "../a/b?c",
		"hostname": "api.example.com", "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "byte": "aGVsbG8=",
	}
	for format, s := range valid {
		if msg := checkFormat(format, s); msg != "" {
			t.Errorf("%s %q: %s", format, s, msg)
		}
		if allocs := testing.AllocsPerRun(100, func() { checkFormat(format, s) }); allocs != 0 {
			t.Errorf("%s %q: %v allocations", format, s, allocs)
		}
	}
}
