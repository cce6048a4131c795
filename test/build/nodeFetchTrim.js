// node-fetch 2 as it ships in dist/features.js: its lib/index.js less what SignDesk never reaches. The one
// caller, src/core/fetchHttpClient.ts, sends a Buffer (or no body) with redirect: 'manual' and reads the
// answer's status, headers (forEach) and body stream; it never calls the Body readers (json(), text()...),
// clone(), the header iterators, or any redirect mode but 'manual'. Each cut names exact text of node-fetch
// 2.7.0, so another version fails the build here rather than shipping half-cut.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const NODE_FETCH_FILE = path.join('node_modules', 'node-fetch', 'lib', 'index.js');

/** `toStringTag(X)`: node-fetch's statement naming X's prototype for Object.prototype.toString. */
const toStringTag = (name) =>
  `Object.defineProperty(${name}.prototype, Symbol.toStringTag, {\n\tvalue: '${name}',\n\twritable: false,\n\tenumerable: false,\n\tconfigurable: true\n});`;

/**
 * Each cut replaces the text from `from` through `through` (or up to, not including, `before`; or `from` alone)
 * with `by` (default nothing). `from` must occur exactly once.
 */
const CUTS = [
  {
    why: "Its own Blob: only Body's blob() makes one (cut below); a Blob sent as a body is still told by isBlob()'s duck typing.",
    from: '// Based on https://github.com/tmpvar/jsdom',
    through: toStringTag('Blob'),
  },
  { why: 'The `encoding` package serves only textConverted() (cut below).', from: 'let convert;\ntry {', through: "convert = require('encoding').convert;\n} catch (e) {}" },
  {
    why: 'The Body readers: fetchHttpClient reads the body stream itself, under a size cap (core/cappedBody.ts).',
    from: '\n\n\t/**\n  * Decode response as ArrayBuffer',
    through: 'return convertBody(buffer, _this3.headers);\n\t\t});\n\t}',
  },
  { why: 'What the readers above used.', from: '/**\n * Consume and convert an entire Body to a Buffer.', through: "return convert(buffer, 'UTF-8', charset).toString();\n}" },
  // Enumerability and toStringTag only show when a Body, Headers, Request or Response is listed or printed.
  { why: 'Enumerable accessors (see above).', from: '// In browsers, all properties are enumerable.\nObject.defineProperties(Body.prototype, {', through: 'text: { enumerable: true }\n});' },
  {
    why: 'Header pairs as an iterable: node-fetch builds Headers from a Headers or a plain object, and so does fetchHttpClient.',
    from: 'const method = init[Symbol.iterator];',
    through: '} else {\n\t\t\t\t// record<ByteString, ByteString>',
    by: '{',
  },
  { why: 'The header iterators (fetchHttpClient reads headers with forEach).', from: '\n\n\t/**\n  * Get an iterator on keys.', through: "return createHeadersIterator(this, 'key+value');\n\t}" },
  { why: 'The iterators (see above).', from: 'Headers.prototype.entries = Headers.prototype[Symbol.iterator];', through: 'entries: { enumerable: true }\n});' },
  { why: 'The iterators (see above).', from: "const INTERNAL = Symbol('internal');", through: toStringTag('HeadersIterator').replace('HeadersIterator.prototype', 'HeadersIteratorPrototype') },
  { why: "Response's ok and redirected: only clone() (cut below) reads them.", from: '\tget ok() {', before: '\tget statusText() {' },
  { why: 'clone(): nothing clones an answer.', from: '\n\n\t/**\n  * Clone this response', through: 'redirected: this.redirected\n\t\t});\n\t}' },
  { why: 'Enumerable accessors and toStringTag (see above).', from: 'Object.defineProperties(Response.prototype, {', through: toStringTag('Response') },
  { why: 'clone(): nothing clones a request.', from: '\n\n\t/**\n  * Clone this request', through: 'return new Request(this);\n\t}' },
  { why: 'Enumerable accessors and toStringTag (see above).', from: toStringTag('Request'), through: 'signal: { enumerable: true }\n});' },
  { why: 'Node before 8 (SignDesk runs on 20 or later).', from: "const streamDestructionSupported = 'destroy' in Stream.Readable.prototype;" },
  { why: 'Node before 8.', from: 'if (request.signal && request.body instanceof Stream.Readable && !streamDestructionSupported) {', through: 'is not supported in node < 8\');\n\t}' },
  { why: 'Node before 14.', from: '/* c8 ignore next 18 */', before: "req.on('response', function (res) {" },
  {
    why: "Redirect modes other than 'manual' (fetchHttpClient follows redirects itself, core/redirects.ts): a request asking for another fails.",
    from: '\t\tconst request = new Request(url, opts);',
    by: "\t\tconst request = new Request(url, opts);\n\t\tif (request.redirect !== 'manual') throw new TypeError('This node-fetch follows no redirects: use redirect: manual');",
  },
  { why: 'The other modes (see above).', from: "\t\t\t\t\tif (request.redirect !== 'manual') {\n\t\t\t\t\t\treject(new FetchError(`uri requested responds with an invalid redirect URL", through: "'invalid-redirect'));\n\t\t\t\t\t\tfinalize();\n\t\t\t\t\t\treturn;\n\t\t\t\t\t}" },
  { why: 'The other modes (see above).', from: "\t\t\t\tswitch (request.redirect) {\n\t\t\t\t\tcase 'error':", through: "\t\t\t\t\tcase 'manual':" },
  { why: 'The other modes (see above).', from: "\t\t\t\t\t\tbreak;\n\t\t\t\t\tcase 'follow':", through: 'resolve(fetch(new Request(locationURL, requestOpts)));\n\t\t\t\t\t\tfinalize();\n\t\t\t\t\t\treturn;\n\t\t\t\t}' },
  { why: "What 'follow' used.", from: 'const isDomainOrSubdomain = function', through: 'const dest = new URL$1(destination).protocol;\n\n\treturn orig === dest;\n};' },
  {
    why: 'Bodies other than a Buffer: a URLSearchParams (fetchHttpClient encodes forms itself) or form-data.',
    from: '\t} else if (isURLSearchParams(body)) {\n\t\t// body is a URLSearchParams\n\t\tbody = Buffer.from(body.toString());\n',
  },
  { why: 'Bodies other than a Buffer (see above).', from: '\t} else if (isURLSearchParams(body)) {\n\t\t// body is a URLSearchParams\n\t\treturn', before: '\t} else if (isBlob(body)) {\n\t\t// body is blob\n\t\treturn body.type' },
  { why: 'Bodies other than a Buffer (see above).', from: '/**\n * Detect a URLSearchParams object', before: '/**\n * Check if `obj` is a W3C `Blob` object' },
  { why: 'Bodies other than a Buffer (see above).', from: "\t} else if (typeof body.getBoundary === 'function') {", before: '\t} else if (body instanceof Stream) {\n\t\t// body is stream\n\t\t// can\'t' },
  { why: 'Bodies other than a Buffer (see above).', from: "\t} else if (body && typeof body.getLengthSync === 'function') {", through: '\t\treturn null;\n\t} else {' , by: '\t} else {' },
  {
    why: 'A Request or URL object as the input: fetchHttpClient passes the URL as a string (another input is stringified).',
    from: '\t\t// normalize input\n\t\tif (!isRequest(input)) {',
    through: '\t\t} else {\n\t\t\tparsedURL = parseURL(input.url);\n\t\t}',
    by: '\t\tparsedURL = parseURL(`${input}`);\n\t\tinput = {};',
  },
  { why: 'A Request as the input (see above).', from: '(init.body != null || isRequest(input) && input.body !== null)', by: 'init.body != null' },
  { why: 'A Request as the input (see above).', from: 'init.body != null ? init.body : isRequest(input) && input.body !== null ? clone(input) : null', by: 'init.body != null ? init.body : null' },
  { why: 'A Request as the input (see above).', from: 'let signal = isRequest(input) ? input.signal : null;', by: 'let signal = null;' },
  { why: 'A Request as the input (see above).', from: '/**\n * Check if a value is an instance of Request.', through: "return typeof input === 'object' && typeof input[INTERNALS$2] === 'object';\n}" },
  { why: 'What cloning a Request used.', from: '/**\n * Clone body given Res/Req instance', through: '\treturn body;\n}' },
  { why: 'What cloning a Request used.', from: '// fix an issue where "PassThrough" isn\'t a named export for node <10\nconst PassThrough = Stream.PassThrough;' },
  // Node has had url.URL since 10: whatwg-url's (the fallback) never ships.
  { why: "Node's URL.", from: "var whatwgUrl = _interopDefault(require('whatwg-url'));" },
  { why: "Node's URL.", from: 'const URL = Url.URL || whatwgUrl.URL;', by: 'const URL = Url.URL;' },
  { why: "Node's URL.", from: 'const URL$1 = Url.URL || whatwgUrl.URL;', by: 'const URL$1 = Url.URL;' },
];

/** Names the cuts remove every declaration of: none may still be used. */
const GONE = ['isURLSearchParams', 'isRequest', 'clone', 'PassThrough', 'Blob', 'BUFFER', 'TYPE', 'Readable', 'convert', 'consumeBody', 'convertBody', 'createHeadersIterator', 'HeadersIteratorPrototype', 'INTERNAL', 'streamDestructionSupported', 'isDomainOrSubdomain', 'isSameProtocol', 'whatwgUrl'];

function occurrences(text, part) {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count += 1;
  return count;
}

/**
 * node-fetch's lib/index.js `source` with `cuts` applied; throws when a cut does not fit, a `gone` name is still
 * used, or a declaration cut is still used.
 */
function trimNodeFetch(source, cuts = CUTS, gone = GONE) {
  let text = source;
  for (const cut of cuts) {
    if (occurrences(text, cut.from) !== 1) throw new Error(`node-fetch trim: expected "${cut.from}" once (${cut.why})`);
    const start = text.indexOf(cut.from);
    const endMark = cut.through ?? cut.before ?? cut.from;
    const endAt = text.indexOf(endMark, start);
    if (endAt < 0) throw new Error(`node-fetch trim: no "${endMark}" after "${cut.from}" (${cut.why})`);
    const end = cut.before === undefined ? endAt + endMark.length : endAt;
    text = text.slice(0, start) + (cut.by ?? '') + text.slice(end);
  }
  const after = namesIn(text);
  const used = gone.filter((name) => after.used.has(name));
  if (used.length > 0) throw new Error(`node-fetch trim: still used after the cuts: ${used.join(', ')}`);
  const lost = [...namesIn(source).declared].filter((name) => !after.declared.has(name) && after.used.has(name));
  if (lost.length > 0) throw new Error(`node-fetch trim: cut though still used: ${lost.join(', ')}`);
  return text;
}

/** The identifiers `code` uses as variables (not as property names after a dot), and those its top level declares. */
function namesIn(code) {
  const ts = require('typescript');
  const used = new Set();
  const declared = new Set();
  const source = ts.createSourceFile('index.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  for (const statement of source.statements) {
    const declarations = ts.isVariableStatement(statement) ? statement.declarationList.declarations : [statement];
    for (const declaration of declarations) if (declaration.name && ts.isIdentifier(declaration.name)) declared.add(declaration.name.text);
  }
  const visit = (node) => {
    const isDeclarationName = node.parent && node.parent.name === node && (ts.isFunctionDeclaration(node.parent) || ts.isClassDeclaration(node.parent) || ts.isVariableDeclaration(node.parent));
    if (ts.isIdentifier(node) && !isDeclarationName && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { used, declared };
}

/** esbuild plugin: node-fetch's lib/index.js loads trimmed (its path, and so the metafile's, unchanged). */
function nodeFetchTrimmed(repoRoot) {
  const file = path.join(repoRoot, NODE_FETCH_FILE);
  let trimmed;
  return {
    name: 'node-fetch-trimmed',
    setup(build) {
      build.onLoad({ filter: /[\\/]node-fetch[\\/]lib[\\/]index\.js$/ }, (args) => {
        if (fs.realpathSync(args.path) !== fs.realpathSync(file)) return undefined;
        trimmed ??= trimNodeFetch(fs.readFileSync(file, 'utf8'));
        return { contents: trimmed, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

module.exports = { NODE_FETCH_FILE, trimNodeFetch, nodeFetchTrimmed };
