import { parse as parseJsonAst } from '@humanwhocodes/momoa'
import type { ValueNode } from '@humanwhocodes/momoa'
import { NumberOutOfRangeError, readJsonNumber } from './numbers'
import type { NumberKind } from './numbers'

/**
 * A userinfo document as the panel's serde_json (features `preserve_order`) holds it:
 * object members in document order, numbers with serde_json's integer/float split,
 * duplicate keys collapsed the way `IndexMap::insert` does it (the LAST value, at the
 * position of the FIRST occurrence). JavaScript's JSON.parse keeps none of this.
 *
 * Every node knows its parent and key so a matched node's location (and its shortest
 * path) is found without tracking paths during evaluation. Browser-safe.
 */
export type JsonNode = JsonNull | JsonBool | JsonNumber | JsonString | JsonArray | JsonObject

interface NodeBase {
  parent: JsonArray | JsonObject | null
  /** Member name or array index in the parent; null for the root. */
  key: string | number | null
  /** Offsets of the value in the source text (UTF-16 units). */
  start: number
  end: number
}
export interface JsonNull extends NodeBase {
  type: 'null'
}
export interface JsonBool extends NodeBase {
  type: 'bool'
  value: boolean
}
export interface JsonNumber extends NodeBase {
  type: 'number'
  kind: NumberKind
  /** As f64 (serde_json `as_f64`), for filter comparisons. */
  value: number
  /** What serde_json writes (`3.0`, `12345678901234567890`, `1e+21`). */
  text: string
  /** The literal as written in the document. */
  source: string
}
export interface JsonString extends NodeBase {
  type: 'string'
  value: string
}
export interface JsonArray extends NodeBase {
  type: 'array'
  items: JsonNode[]
}
export interface JsonObject extends NodeBase {
  type: 'object'
  /** Unique keys in document order (first occurrence). */
  keys: string[]
  /** Values parallel to `keys` (last occurrence wins). */
  values: JsonNode[]
  index: Map<string, number>
}

/** Something about the document the admin should know; none of it stops the panel. */
export interface DocumentNote {
  message: string
  line: number | null
  column: number | null
}

export type DocumentResult =
  | { ok: true; root: JsonNode; notes: DocumentNote[]; nodeCount: number }
  | {
      ok: false
      /** Why the panel (serde_json) cannot read it: its login fails before extraction. */
      message: string
      line: number | null
      column: number | null
    }

/** serde_json's recursion limit: 128 levels of arrays/objects make it give up. */
const MAX_DEPTH = 127

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let last = -1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    last = i
  }
  return { line, column: offset - last }
}

/** A lone UTF-16 surrogate: serde_json refuses `\ud800` without its pair. */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++
        continue
      }
      return true
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true
  }
  return false
}

class Unreadable extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

/**
 * Parses a userinfo JSON text once, for many evaluations. The result says `ok: false`
 * exactly where the panel's `response.json()` would fail (syntax, a number out of
 * range, nesting deeper than 127, a lone surrogate escape, a byte-order mark).
 */
export function parseDocument(text: string): DocumentResult {
  const notes: DocumentNote[] = []
  let ast
  try {
    ast = parseJsonAst(text, { mode: 'json' })
  } catch (err) {
    const e = err as { message?: string; line?: number; column?: number }
    const bom = text.charCodeAt(0) === 0xfeff
    return {
      ok: false,
      message: bom
        ? 'the text starts with a byte-order mark (U+FEFF); serde_json refuses it'
        : `not valid JSON: ${(e.message ?? 'syntax error').replace(/\s*\(\d+:\d+\)\s*$/, '')}`,
      line: typeof e.line === 'number' ? e.line : null,
      column: typeof e.column === 'number' ? e.column : null
    }
  }
  let count = 0
  const build = (v: ValueNode, parent: JsonArray | JsonObject | null, key: string | number | null, depth: number): JsonNode => {
    count++
    const start = v.loc.start.offset
    const end = v.loc.end.offset
    switch (v.type) {
      case 'Null':
        return { type: 'null', parent, key, start, end }
      case 'Boolean':
        return { type: 'bool', value: v.value, parent, key, start, end }
      case 'Number': {
        const source = text.slice(start, end)
        let n
        try {
          n = readJsonNumber(source)
        } catch (err) {
          if (err instanceof NumberOutOfRangeError) throw new Unreadable(err.message, start)
          throw err
        }
        return { type: 'number', kind: n.kind, value: n.value, text: n.text, source, parent, key, start, end }
      }
      case 'String':
        if (hasLoneSurrogate(v.value)) throw new Unreadable('a string contains an unpaired UTF-16 surrogate escape (lone leading surrogate in hex escape)', start)
        return { type: 'string', value: v.value, parent, key, start, end }
      case 'Array': {
        if (depth >= MAX_DEPTH) throw new Unreadable('nesting deeper than 127 levels (recursion limit exceeded)', start)
        const node: JsonArray = { type: 'array', items: [], parent, key, start, end }
        const els = v.elements
        for (let i = 0; i < els.length; i++) node.items.push(build(els[i]!.value, node, i, depth + 1))
        return node
      }
      case 'Object': {
        if (depth >= MAX_DEPTH) throw new Unreadable('nesting deeper than 127 levels (recursion limit exceeded)', start)
        const node: JsonObject = { type: 'object', keys: [], values: [], index: new Map(), parent, key, start, end }
        for (const m of v.members) {
          const name = m.name.type === 'String' ? m.name.value : m.name.name
          if (hasLoneSurrogate(name)) throw new Unreadable('a member name contains an unpaired UTF-16 surrogate escape', m.name.loc.start.offset)
          const at = node.index.get(name)
          if (at === undefined) {
            node.index.set(name, node.keys.length)
            node.keys.push(name)
            node.values.push(build(m.value, node, name, depth + 1))
          } else {
            // IndexMap::insert: the key keeps its first position, the value is replaced.
            node.values[at] = build(m.value, node, name, depth + 1)
            const { line, column } = lineColumn(text, m.name.loc.start.offset)
            notes.push({
              message: `member ${JSON.stringify(name)} appears more than once; the panel keeps the last value (line ${line}) at the first one's position`,
              line,
              column
            })
          }
        }
        return node
      }
      default:
        throw new Unreadable(`unexpected ${v.type}`, start)
    }
  }
  try {
    const root = build(ast.body, null, null, 0)
    return { ok: true, root, notes, nodeCount: count }
  } catch (err) {
    if (err instanceof Unreadable) {
      const { line, column } = lineColumn(text, err.offset)
      return { ok: false, message: err.message, line, column }
    }
    throw err
  }
}

/** Builds a document node tree from a plain JS value (tests, CTS documents, literals). */
export function fromJsValue(value: unknown, parent: JsonArray | JsonObject | null = null, key: string | number | null = null): JsonNode {
  const base = { parent, key, start: 0, end: 0 }
  if (value === null) return { type: 'null', ...base }
  if (typeof value === 'boolean') return { type: 'bool', value, ...base }
  if (typeof value === 'number') {
    const n = readJsonNumber(Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? BigInt(value).toString() : String(value))
    return { type: 'number', kind: n.kind, value: n.value, text: n.text, source: String(value), ...base }
  }
  if (typeof value === 'string') return { type: 'string', value, ...base }
  if (Array.isArray(value)) {
    const node: JsonArray = { type: 'array', items: [], ...base }
    value.forEach((v, i) => node.items.push(fromJsValue(v, node, i)))
    return node
  }
  if (typeof value === 'object') {
    const node: JsonObject = { type: 'object', keys: [], values: [], index: new Map(), ...base }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      node.index.set(k, node.keys.length)
      node.keys.push(k)
      node.values.push(fromJsValue(v, node, k))
    }
    return node
  }
  throw new TypeError(`not a JSON value: ${typeof value}`)
}

/** Plain JS value of a node (loses what JSON.parse loses; for display and comparisons in tests). */
export function toJsValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'null':
      return null
    case 'bool':
    case 'string':
      return node.value
    case 'number':
      return node.value
    case 'array':
      return node.items.map(toJsValue)
    case 'object': {
      const out: Record<string, unknown> = {}
      node.keys.forEach((k, i) => {
        out[k] = toJsValue(node.values[i]!)
      })
      return out
    }
  }
}
