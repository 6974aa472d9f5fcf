package naming

import (
	"go/token"
	"go/types"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestExported(t *testing.T) {
	tests := []struct {
		name  string
		parts []string
		want  string
	}{
		// Examples from the design brief.
		{"snake", []string{"payment_sessions"}, "PaymentSessions"},
		{"initialism alone", []string{"id"}, "ID"},
		{"initialism suffix", []string{"cart_id"}, "CartID"},
		{"already exported", []string{"Cart"}, "Cart"},
		{"pascal", []string{"PaymentSession"}, "PaymentSession"},
		{"url suffix", []string{"thumbnail_url"}, "ThumbnailURL"},
		{"plural ids", []string{"ids"}, "IDs"},
		{"plural urls", []string{"urls"}, "URLs"},
		{"kebab", []string{"foo-bar"}, "FooBar"},
		{"path parts", []string{"store", "carts", "{id}"}, "StoreCartsID"},
		{"x prefix", []string{"x-enum"}, "XEnum"},
		{"digit part", []string{"GetCart", "200", "Response"}, "GetCart200Response"},
		{"leading digit", []string{"2fa"}, "X2fa"},
		{"empty", []string{""}, ""},
		{"no parts", nil, ""},
		{"unicode letter", []string{"é_tag"}, "ÉTag"},
		{"keyword", []string{"type"}, "Type"},
		{"screaming", []string{"API_KEY"}, "APIKey"},
		{"camel", []string{"createdAt"}, "CreatedAt"},
		{"snake two words", []string{"requires_more"}, "RequiresMore"},

		// Symbol-only enum values.
		{"plus one", []string{"+1"}, "Plus1"},
		{"minus one", []string{"-1"}, "Minus1"},
		{"plus", []string{"+"}, "Plus"},
		{"minus", []string{"-"}, "Minus"},
		{"star", []string{"*"}, "Star"},
		{"lt", []string{"<"}, "Lt"},
		{"gt", []string{">"}, "Gt"},
		{"eq", []string{"="}, "Eq"},
		{"lte", []string{"<="}, "LtEq"},
		{"not eq", []string{"!="}, "NotEq"},
		{"slash", []string{"/"}, "Slash"},
		{"dot", []string{"."}, "Dot"},
		{"decimal", []string{"1.5"}, "X1Dot5"},
		{"unknown symbol", []string{"§"}, ""},
		{"spaces only", []string{"   "}, ""},
		{"symbols dropped next to letters", []string{"$ref"}, "Ref"},
		{"at type", []string{"@type"}, "Type"},

		// Already good Go names stay unchanged.
		{"stable HTTPServer", []string{"HTTPServer"}, "HTTPServer"},
		{"stable UserID", []string{"UserID"}, "UserID"},
		{"stable PaymentSession", []string{"PaymentSession"}, "PaymentSession"},
		{"stable AdminPostProductsReq", []string{"AdminPostProductsReq"}, "AdminPostProductsReq"},
		{"stable UserIDs", []string{"UserIDs"}, "UserIDs"},
		{"stable URLs", []string{"URLs"}, "URLs"},
		{"stable IDsFor", []string{"IDsFor"}, "IDsFor"},
		{"stable acronym", []string{"ABCService"}, "ABCService"},
		{"stable UTF8String", []string{"UTF8String"}, "UTF8String"},
		{"stable OAuth2Token", []string{"OAuth2Token"}, "OAuth2Token"},
		{"stable XMLHTTPRequest", []string{"XMLHTTPRequest"}, "XMLHTTPRequest"},
		{"stable initialism run", []string{"IDURL"}, "IDURL"},

		// Initialisms inside camelCase.
		{"camel id", []string{"userId"}, "UserID"},
		{"camel ids", []string{"userIds"}, "UserIDs"},
		{"camel url", []string{"avatarUrl"}, "AvatarURL"},
		{"camel acronym", []string{"getHTTPResponse"}, "GetHTTPResponse"},
		{"xml http", []string{"XmlHttpRequest"}, "XMLHTTPRequest"},
		{"utf8", []string{"utf8"}, "UTF8"},
		{"https", []string{"https"}, "HTTPS"},
		{"ios is not IOs", []string{"ios"}, "Ios"},

		// SCREAMING_CASE parts.
		{"screaming enum", []string{"PENDING"}, "Pending"},
		{"screaming words", []string{"HTTP_STATUS_CODE"}, "HTTPStatusCode"},
		{"screaming id", []string{"USER_ID"}, "UserID"},
		{"screaming plural", []string{"USER_IDS"}, "UserIDs"},
		{"screaming initialism digits", []string{"HTTP2"}, "HTTP2"},
		{"screaming digits", []string{"4XX"}, "X4xx"},
		{"single upper", []string{"X"}, "X"},

		// Digits.
		{"version", []string{"v2"}, "V2"},
		{"version camel", []string{"v2Beta"}, "V2Beta"},
		{"digits only", []string{"200"}, "X200"},
		{"digit then upper", []string{"enable2FA"}, "Enable2FA"},
		{"digits later part", []string{"status", "404"}, "Status404"},
		{"letter digit kept", []string{"address2"}, "Address2"},

		// Unicode.
		{"cjk", []string{"名前"}, "X名前"},
		{"cjk after word", []string{"user", "名前"}, "User名前"},
		{"no upper form", []string{"ßeta"}, "Xßeta"},
		{"greek", []string{"αβγ_δ"}, "ΑβγΔ"},
		{"combining mark dropped", []string{"e\u0301t\u0301"}, "Et"},
		{"title case letter", []string{"ǆungla"}, "Ǆungla"},
		{"arabic digits", []string{"٣"}, "X٣"},

		// Invalid UTF-8 separates words.
		{"invalid utf8", []string{"foo\xffbar"}, "FooBar"},
		{"invalid only", []string{"\xff\xfe"}, ""},
		{"truncated rune", []string{"caf\xc3"}, "Caf"},

		// Multiple parts: empty ones are skipped.
		{"empty middle part", []string{"get", "", "cart"}, "GetCart"},
		{"separators everywhere", []string{"/store/carts/{id}/line-items"}, "StoreCartsIDLineItems"},
		{"dots", []string{"a.b.c"}, "ABC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Exported(tt.parts...)
			if got != tt.want {
				t.Errorf("Exported(%q) = %q, want %q", tt.parts, got, tt.want)
			}
			checkExported(t, tt.parts, got)
		})
	}
}

func TestExportedIsStableOnItsOutput(t *testing.T) {
	inputs := []string{
		"payment_sessions", "cart_id", "ids", "2fa", "API_KEY", "é_tag",
		"+1", "PENDING", "4XX", "名前", "ßeta", "FOO_bar", "ios", "HTTP2",
		"XmlHttpRequest", "USER_IDS", "1.5",
	}
	for _, in := range inputs {
		t.Run(in, func(t *testing.T) {
			once := Exported(in)
			if twice := Exported(once); twice != once {
				t.Errorf("Exported(%q) = %q but Exported(%q) = %q", in, once, once, twice)
			}
		})
	}
}

func TestUnexported(t *testing.T) {
	tests := []struct {
		name  string
		parts []string
		want  string
	}{
		{"initialism", []string{"ID"}, "id"},
		{"initialism lower", []string{"id"}, "id"},
		{"initialism first", []string{"URLPath"}, "urlPath"},
		{"plural initialism", []string{"ids"}, "ids"},
		{"plural initialism upper", []string{"URLs"}, "urls"},
		{"camel", []string{"createdAt"}, "createdAt"},
		{"pascal", []string{"PaymentSession"}, "paymentSession"},
		{"initialism later", []string{"cart_id"}, "cartID"},
		{"acronym", []string{"HTTPServer"}, "httpServer"},
		{"author acronym", []string{"ABCService"}, "abcService"},
		{"screaming", []string{"API_KEY"}, "apiKey"},
		{"parts", []string{"store", "carts", "{id}"}, "storeCartsID"},
		{"leading digit", []string{"2fa"}, "x2fa"},
		{"digits only", []string{"200"}, "x200"},
		{"symbols", []string{"+1"}, "plus1"},
		{"empty", []string{""}, ""},
		{"invalid only", []string{"\xff"}, ""},
		{"cjk needs no prefix", []string{"名前"}, "名前"},
		{"unicode", []string{"É_tag"}, "éTag"},

		// Keywords and predeclared identifiers get "Value".
		{"keyword type", []string{"type"}, "typeValue"},
		{"keyword Type", []string{"Type"}, "typeValue"},
		{"keyword func", []string{"func"}, "funcValue"},
		{"keyword range", []string{"RANGE"}, "rangeValue"},
		{"predeclared string", []string{"string"}, "stringValue"},
		{"predeclared len", []string{"len"}, "lenValue"},
		{"predeclared error", []string{"error"}, "errorValue"},
		{"predeclared nil", []string{"nil"}, "nilValue"},
		{"predeclared any", []string{"any"}, "anyValue"},
		{"not a keyword", []string{"type", "id"}, "typeID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Unexported(tt.parts...)
			if got != tt.want {
				t.Errorf("Unexported(%q) = %q, want %q", tt.parts, got, tt.want)
			}
			checkUnexported(t, tt.parts, got)
		})
	}
}

func TestIsKeyword(t *testing.T) {
	for _, kw := range []string{"break", "func", "type", "range", "go", "select", "fallthrough"} {
		if !IsKeyword(kw) {
			t.Errorf("IsKeyword(%q) = false, want true", kw)
		}
	}
	for _, s := range []string{"", "Type", "string", "len", "foo", "_"} {
		if IsKeyword(s) {
			t.Errorf("IsKeyword(%q) = true, want false", s)
		}
	}
}

// TestPredeclaredMatchesUniverse keeps the hand-written list in step with the
// toolchain's universe scope.
func TestPredeclaredMatchesUniverse(t *testing.T) {
	universe := types.Universe.Names()
	for _, name := range universe {
		if !isPredeclared(name) {
			t.Errorf("predeclared list misses %q", name)
		}
	}
	for name := range predeclared {
		if !slices.Contains(universe, name) {
			t.Errorf("predeclared list has %q, which is not in types.Universe", name)
		}
	}
}

// TestRandomInputsGiveValidIdentifiers is the property test: whatever the
// input, the results are valid identifiers with the right exportedness.
func TestRandomInputsGiveValidIdentifiers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aZ09_-. /{}$+<=éßǆ名ϒİ\u0301٣\U0001F600")
	for range 20000 {
		var parts []string
		for range rng.IntN(4) {
			parts = append(parts, randomString(rng, alphabet))
		}
		checkExported(t, parts, Exported(parts...))
		checkUnexported(t, parts, Unexported(parts...))
	}
}

func randomString(rng *rand.Rand, alphabet []rune) string {
	var b strings.Builder
	for range rng.IntN(12) {
		if rng.IntN(10) == 0 {
			b.WriteByte(byte(rng.IntN(256))) // often invalid UTF-8
			continue
		}
		b.WriteRune(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

func FuzzExported(f *testing.F) {
	for _, seed := range []string{
		"", "payment_sessions", "HTTPServer", "2fa", "+1", "é_tag", "名前",
		"\xff", "API_KEY", "URLs", "ϒ", "ǆ", "İD",
	} {
		f.Add(seed, "part")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		parts := []string{a, b}
		checkExported(t, parts, Exported(parts...))
		checkUnexported(t, parts, Unexported(parts...))
		checkExported(t, []string{a}, Exported(a))
		checkUnexported(t, []string{a}, Unexported(a))
	})
}

// checkExported fails unless got is "" or a valid exported identifier; ""
// is only allowed when Unexported agrees that the input holds nothing usable.
func checkExported(t *testing.T, parts []string, got string) {
	t.Helper()
	if got == "" {
		if u := Unexported(parts...); u != "" {
			t.Errorf("Exported(%q) = \"\" but Unexported = %q", parts, u)
		}
		return
	}
	if !token.IsIdentifier(got) || !token.IsExported(got) {
		t.Errorf("Exported(%q) = %q, not a valid exported identifier", parts, got)
	}
}

func checkUnexported(t *testing.T, parts []string, got string) {
	t.Helper()
	if got == "" {
		return
	}
	if !token.IsIdentifier(got) || token.IsExported(got) || isPredeclared(got) {
		t.Errorf("Unexported(%q) = %q, not a valid unexported non-predeclared identifier", parts, got)
	}
}
