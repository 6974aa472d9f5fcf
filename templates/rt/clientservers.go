package rt

// specServerURL is generated from the spec's servers (client.go.tmpl);
// this one stands for it in the runtime package, which has none.
func specServerURL(index int, vars map[string]string) (string, error) {
	return serverURLOf(serverTemplate{url: "http://localhost"}, vars)
}

// clientSchemes is generated from the spec's security schemes
// (client.go.tmpl); this one stands for it in the runtime package.
var clientSchemes = map[string]clientScheme{}
