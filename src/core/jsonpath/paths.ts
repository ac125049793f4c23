import type { JsonNode } from './document'

/**
 * Locations and shortest RFC 9535 paths of document nodes. No dependencies: the
 * renderer's main thread uses it for the JSON tree without loading the evaluator.
 */

/** Walks parents up to the root: the node's location as names and indices. */
export function nodeLocation(node: JsonNode): Array<string | number> {
  const out: Array<string | number> = []
  for (let n: JsonNode | null = node; n && n.key !== null; n = n.parent) out.push(n.key)
  return out.reverse()
}

const SHORTHAND = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*$/

/** A name as an RFC 9535 single-quoted string literal (§2.3.1.1 escapes). */
function quoteName(name: string): string {
  let out = "'"
  for (const ch of name) {
    const c = ch.codePointAt(0)!
    if (ch === "'") out += "\\'"
    else if (ch === '\\') out += '\\\\'
    else if (c === 0x08) out += '\\b'
    else if (c === 0x0c) out += '\\f'
    else if (c === 0x0a) out += '\\n'
    else if (c === 0x0d) out += '\\r'
    else if (c === 0x09) out += '\\t'
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`
    else out += ch
  }
  return `${out}'`
}

/**
 * The shortest RFC 9535 query for a location: member-name shorthand (`.email`) where
 * §2.5.1.1 allows it (name-first: ALPHA / "_" / non-ASCII; then also DIGIT), else a
 * bracketed single-quoted name (`['weird key']`); array elements as `[0]`. Lone
 * surrogates are excluded from shorthand (they cannot occur in a document the panel reads).
 */
export function shortestPath(location: Array<string | number>): string {
  let out = '$'
  for (const k of location) {
    if (typeof k === 'number') out += `[${k}]`
    else if (SHORTHAND.test(k) && !/[\ud800-\udfff]/.test(k.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) out += `.${k}`
    else out += `[${quoteName(k)}]`
  }
  return out
}

const pathCache = new WeakMap<JsonNode, string>()

/** Shortest path of a document node, memoised per node (documents are immutable). */
export function pathOf(node: JsonNode): string {
  let p = pathCache.get(node)
  if (p === undefined) {
    p = shortestPath(nodeLocation(node))
    pathCache.set(node, p)
  }
  return p
}
