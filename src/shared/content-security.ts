/**
 * The renderer's Content Security Policy, sent as a header by the desktop app's app://
 * handler and by the browser-mode server: only its own scripts, no frames, no forms.
 * 'wasm-unsafe-eval' lets the Claims worker compile the JSONPath engine (WebAssembly) and
 * nothing else: it allows no eval() of JavaScript.
 * (index.html repeats it in a meta tag for pages opened without either; frame-ancestors
 * works only as a header.)
 */
export const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
