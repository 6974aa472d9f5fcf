// Finishes the one-file spec `redocly bundle` writes, for Prism (see
// contract.sh): node bundle.cjs BUNDLED.json SOURCE.yaml OUT.json
//
//  - drops the extensions (x-...) that hold a $ref Redocly left external:
//    x-codeSamples, whose $refs point at code_samples/ files that are not
//    in the repositories, medusa's tags' x-associatedSchema (documentation
//    only; Prism reads no extension);
//  - drops the `example` values that hold a `$ref` key: an example is
//    data, and a `$ref` key in it is ordinary data (specs/store's LineItem
//    metadata has one on purpose), but Redocly replaces it by the file it
//    names (so Prism would serve a schema as the example), and Prism, given
//    the `$ref` back, tries to open that file and does not start. Without
//    the example, Prism generates the value from the schema;
//  - fails when an external $ref is left.
//
// js-yaml comes with Redocly CLI in examples/store/.contract.
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require(path.join(__dirname, ".contract/node_modules/js-yaml"));

const [bundledFile, sourceFile, outFile] = process.argv.slice(2);
const doc = JSON.parse(fs.readFileSync(bundledFile, "utf8"));
const cache = new Map();
function load(file) {
	if (!cache.has(file)) cache.set(file, fs.existsSync(file) ? yaml.load(fs.readFileSync(file, "utf8")) : undefined);
	return cache.get(file);
}

// dropRefExamples walks a bundled node and its source (read from file) together,
// following the source's $refs to other files, and drops the bundled
// examples whose source holds a $ref key.
function dropRefExamples(node, src, file, depth, inProperties) {
	if (!node || typeof node !== "object" || !src || typeof src !== "object" || depth > 64) return;
	while (typeof src.$ref === "string" && !src.$ref.startsWith("#")) {
		const [rel] = src.$ref.split("#");
		file = path.resolve(path.dirname(file), rel);
		src = load(file);
		if (!src || typeof src !== "object") return;
	}
	for (const key of Object.keys(node)) {
		if (key === "example" && !inProperties && hasRef(src[key])) delete node[key];
		else dropRefExamples(node[key], src[key], file, depth + 1, key === "properties");
	}
}
function hasExternalRef(v) {
	if (!v || typeof v !== "object") return false;
	if (typeof v.$ref === "string" && !v.$ref.startsWith("#")) return true;
	return Object.values(v).some(hasExternalRef);
}
function hasRef(v) {
	return !!v && typeof v === "object" && ("$ref" in v || Object.values(v).some(hasRef));
}
const root = path.resolve(sourceFile);
dropRefExamples(doc, load(root), root, 0);
// Components Redocly added from files the source's components do not list.
for (const [kind, items] of Object.entries(doc.components || {})) {
	for (const name of Object.keys(items || {})) {
		const file = path.join(path.dirname(root), "components", kind, name + ".yaml");
		if (!(load(root).components?.[kind]?.[name]) && load(file)) dropRefExamples(items[name], load(file), file, 0);
	}
}

const external = [];
(function walk(node, at) {
	if (!node || typeof node !== "object") return;
	for (const key of Object.keys(node)) {
		if (key.startsWith("x-") && hasExternalRef(node[key])) { delete node[key]; continue; }
		if (key === "$ref" && typeof node[key] === "string" && !node[key].startsWith("#")) external.push(at + ": " + node[key]);
		walk(node[key], at + "/" + key);
	}
})(doc, "#");
if (external.length) {
	console.error("unresolved $refs after bundling:\n  " + external.join("\n  "));
	process.exit(1);
}
fs.writeFileSync(outFile, JSON.stringify(doc));
