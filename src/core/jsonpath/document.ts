import { NumberOutOfRangeError, readJsonNumber } from './numbers'
import type { NumberKind } from './numbers'

/**
 * The display parse of a userinfo document (the tree, path suggestions): the panel's engine
 * (src/core/engine) decides what the panel reads and extracts; this mirrors how it holds it:
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
  /** Name → position, built on first lookup in large objects only (see `memberIndex`). */
  index: Map<string, number> | null
}

const SMALL_OBJECT = 12

/**
 * Position of a member name in an object, or -1. Small objects (most of a userinfo) are
 * scanned; larger ones get a Map on first use, so parsing allocates one per object less.
 */
export function memberIndex(obj: JsonObject, name: string): number {
  const keys = obj.keys
  if (keys.length <= SMALL_OBJECT) {
    for (let i = 0; i < keys.length; i++) if (keys[i] === name) return i
    return -1
  }
  let index = obj.index
  if (index === null) {
    index = new Map()
    for (let i = 0; i < keys.length; i++) index.set(keys[i]!, i)
    obj.index = index
  }
  return index.get(name) ?? -1
}

/** The member's value, or undefined. */
export function member(obj: JsonObject, name: string): JsonNode | undefined {
  const i = memberIndex(obj, name)
  return i === -1 ? undefined : obj.values[i]
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

/** serde_json's recursion limit: `remaining_depth` starts at 128, so 128 nested arrays/objects fail. */
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

/** A failure where serde_json fails; `message` uses serde_json's wording. */
class Unreadable extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

/** A number node whose serde_json text is only computed when something prints it. */
class LazyNumber implements JsonNumber {
  readonly type = 'number' as const
  private printed: string | null
  constructor(
    readonly kind: NumberKind,
    readonly value: number,
    printed: string | null,
    readonly source: string,
    readonly parent: JsonArray | JsonObject | null,
    readonly key: string | number | null,
    readonly start: number,
    readonly end: number
  ) {
    this.printed = printed
  }
  get text(): string {
    if (this.printed === null) this.printed = readJsonNumber(this.source).text
    return this.printed
  }
}

const WS = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/**
 * A strict RFC 8259 parser that accepts exactly what serde_json accepts (no comments,
 * no trailing commas, whitespace = space/tab/LF/CR, paired surrogate escapes only) and
 * builds the document tree directly (several times faster than a general AST parser
 * on a 1 MB document, which matters: the tester re-parses on every paste).
 */
class Parser {
  i = 0
  count = 0
  readonly notes: DocumentNote[] = []
  constructor(readonly s: string) {}

  fail(message: string, at = this.i): never {
    throw new Unreadable(message, at)
  }

  ws(): void {
    const s = this.s
    while (this.i < s.length && WS(s.charCodeAt(this.i))) this.i++
  }

  value(parent: JsonArray | JsonObject | null, key: string | number | null, depth: number): JsonNode {
    this.ws()
    const s = this.s
    const start = this.i
    const c = s.charCodeAt(start)
    this.count++
    switch (c) {
      case 0x7b /* { */:
        return this.object(parent, key, depth, start)
      case 0x5b /* [ */:
        return this.array(parent, key, depth, start)
      case 0x22 /* " */: {
        const value = this.string()
        return { type: 'string', value, parent, key, start, end: this.i }
      }
      case 0x74 /* t */:
        this.word('true')
        return { type: 'bool', value: true, parent, key, start, end: this.i }
      case 0x66 /* f */:
        this.word('false')
        return { type: 'bool', value: false, parent, key, start, end: this.i }
      case 0x6e /* n */:
        this.word('null')
        return { type: 'null', parent, key, start, end: this.i }
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number(parent, key, start)
        if (Number.isNaN(c)) this.fail('EOF while parsing a value')
        this.fail('expected value')
    }
  }

  word(w: string): void {
    for (let k = 0; k < w.length; k++) {
      if (this.i >= this.s.length) this.fail('EOF while parsing a value')
      if (this.s[this.i] !== w[k]) this.fail('expected ident')
      this.i++
    }
  }

  number(parent: JsonArray | JsonObject | null, key: string | number | null, start: number): JsonNode {
    const s = this.s
    let i = this.i
    let simple = true
    let c = s.charCodeAt(i)
    if (c === 0x2d) c = s.charCodeAt(++i)
    if (!(c >= 0x30 && c <= 0x39)) this.fail(i >= s.length ? 'EOF while parsing a value' : 'invalid number', i)
    if (c === 0x30) {
      c = s.charCodeAt(++i)
      if (c >= 0x30 && c <= 0x39) this.fail('invalid number', i)
    } else {
      do c = s.charCodeAt(++i)
      while (c >= 0x30 && c <= 0x39)
    }
    if (c === 0x2e /* . */) {
      simple = false
      c = s.charCodeAt(++i)
      if (!(c >= 0x30 && c <= 0x39)) this.fail(i >= s.length ? 'EOF while parsing a value' : 'invalid number', i)
      do c = s.charCodeAt(++i)
      while (c >= 0x30 && c <= 0x39)
    }
    if (c === 0x65 || c === 0x45) {
      simple = false
      c = s.charCodeAt(++i)
      if (c === 0x2b || c === 0x2d) c = s.charCodeAt(++i)
      if (!(c >= 0x30 && c <= 0x39)) this.fail(i >= s.length ? 'EOF while parsing a value' : 'invalid number', i)
      do c = s.charCodeAt(++i)
      while (c >= 0x30 && c <= 0x39)
    }
    this.i = i
    const source = s.slice(start, this.i)
    const negative = source.charCodeAt(0) === 0x2d
    const digits = source.length - (negative ? 1 : 0)
    // Fast path: integers up to 15 digits are exact in f64 and print as written (not -0).
    if (simple && digits <= 15 && source !== '-0') {
      return new LazyNumber(negative ? 'neg' : 'pos', Number(source), source, source, parent, key, start, this.i)
    }
    let n
    try {
      n = readJsonNumber(source)
    } catch (err) {
      if (err instanceof NumberOutOfRangeError) this.fail('number out of range', start)
      throw err
    }
    return new LazyNumber(n.kind, n.value, n.kind === 'float' ? null : n.text, source, parent, key, start, this.i)
  }

  string(): string {
    const s = this.s
    this.i++ // opening quote
    let out = ''
    let from = this.i
    for (;;) {
      if (this.i >= s.length) this.fail('EOF while parsing a string')
      const c = s.charCodeAt(this.i)
      if (c === 0x22) {
        out += s.slice(from, this.i)
        this.i++
        return out
      }
      if (c < 0x20) this.fail('control character (\\u0000-\\u001F) found while parsing a string')
      if (c >= 0xd800 && c <= 0xdfff) {
        // Raw text: only a well-formed pair is valid UTF-8 on the wire.
        const d = s.charCodeAt(this.i + 1)
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          this.i += 2
          continue
        }
        this.fail('invalid unicode code point')
      }
      if (c !== 0x5c) {
        this.i++
        continue
      }
      out += s.slice(from, this.i)
      this.i++
      const esc = s[this.i]
      this.i++
      switch (esc) {
        case '"':
          out += '"'
          break
        case '\\':
          out += '\\'
          break
        case '/':
          out += '/'
          break
        case 'b':
          out += '\b'
          break
        case 'f':
          out += '\f'
          break
        case 'n':
          out += '\n'
          break
        case 'r':
          out += '\r'
          break
        case 't':
          out += '\t'
          break
        case 'u': {
          const n = this.hex4()
          if (n >= 0xdc00 && n <= 0xdfff) this.fail('lone leading surrogate in hex escape')
          if (n >= 0xd800 && n <= 0xdbff) {
            // serde_json (read.rs parse_unicode_escape): a leading surrogate must be followed by `\u` + a trailing one.
            if (s[this.i] !== '\\' || s[this.i + 1] !== 'u') this.fail('unexpected end of hex escape')
            this.i += 2
            const m = this.hex4()
            if (m < 0xdc00 || m > 0xdfff) this.fail('lone leading surrogate in hex escape')
            out += String.fromCharCode(n, m)
          } else out += String.fromCharCode(n)
          break
        }
        case undefined:
          this.fail('EOF while parsing a string')
        // falls through (fail never returns)
        default:
          this.fail('invalid escape', this.i - 1)
      }
      from = this.i
    }
  }

  hex4(): number {
    const h = this.s.slice(this.i, this.i + 4)
    if (h.length < 4) this.fail('EOF while parsing a string')
    if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail('invalid escape')
    this.i += 4
    return parseInt(h, 16)
  }

  array(parent: JsonArray | JsonObject | null, key: string | number | null, depth: number, start: number): JsonArray {
    if (depth >= MAX_DEPTH) this.fail('recursion limit exceeded')
    const node: JsonArray = { type: 'array', items: [], parent, key, start, end: start }
    this.i++
    this.ws()
    if (this.s.charCodeAt(this.i) === 0x5d) {
      this.i++
      node.end = this.i
      return node
    }
    for (;;) {
      node.items.push(this.value(node, node.items.length, depth + 1))
      this.ws()
      const c = this.s.charCodeAt(this.i)
      if (c === 0x2c) {
        this.i++
        this.ws()
        if (this.s.charCodeAt(this.i) === 0x5d) this.fail('trailing comma')
        continue
      }
      if (c === 0x5d) {
        this.i++
        node.end = this.i
        return node
      }
      this.fail(Number.isNaN(c) ? 'EOF while parsing a list' : 'expected `,` or `]`')
    }
  }

  object(parent: JsonArray | JsonObject | null, key: string | number | null, depth: number, start: number): JsonObject {
    if (depth >= MAX_DEPTH) this.fail('recursion limit exceeded')
    const node: JsonObject = { type: 'object', keys: [], values: [], index: null, parent, key, start, end: start }
    this.i++
    this.ws()
    if (this.s.charCodeAt(this.i) === 0x7d) {
      this.i++
      node.end = this.i
      return node
    }
    for (;;) {
      const c = this.s.charCodeAt(this.i)
      if (c !== 0x22) this.fail(Number.isNaN(c) ? 'EOF while parsing an object' : 'key must be a string')
      const nameAt = this.i
      const name = this.string()
      this.ws()
      if (this.s.charCodeAt(this.i) !== 0x3a) this.fail(this.i >= this.s.length ? 'EOF while parsing an object' : 'expected `:`')
      this.i++
      const at = memberIndex(node, name)
      if (at === -1) {
        node.keys.push(name)
        if (node.index) node.index.set(name, node.keys.length - 1)
        node.values.push(this.value(node, name, depth + 1))
      } else {
        // IndexMap::insert: the key keeps its first position, the value is replaced.
        node.values[at] = this.value(node, name, depth + 1)
        const { line, column } = lineColumn(this.s, nameAt)
        this.notes.push({
          message: `member ${JSON.stringify(name)} appears more than once; the panel keeps the last value (line ${line}) at the first one's position`,
          line,
          column
        })
      }
      this.ws()
      const d = this.s.charCodeAt(this.i)
      if (d === 0x2c) {
        this.i++
        this.ws()
        if (this.s.charCodeAt(this.i) === 0x7d) this.fail('trailing comma')
        continue
      }
      if (d === 0x7d) {
        this.i++
        node.end = this.i
        return node
      }
      this.fail(Number.isNaN(d) ? 'EOF while parsing an object' : 'expected `,` or `}`')
    }
  }
}

/**
 * Parses a userinfo JSON text once, for many evaluations. `ok: false` exactly where
 * the panel's `response.json()` (serde_json::from_slice) fails, with serde_json's words
 * and the position: syntax, a number out of range, nesting of 128 levels, a lone
 * surrogate, a byte-order mark, trailing characters.
 */
export function parseDocument(text: string): DocumentResult {
  const p = new Parser(text)
  try {
    if (text.charCodeAt(0) === 0xfeff) p.fail('expected value (the text starts with a byte-order mark, U+FEFF, which serde_json refuses)')
    const root = p.value(null, null, 0)
    p.ws()
    if (p.i < text.length) p.fail('trailing characters')
    return { ok: true, root, notes: p.notes, nodeCount: p.count }
  } catch (err) {
    if (err instanceof Unreadable) {
      const { line, column } = lineColumn(text, err.offset)
      return { ok: false, message: `${err.message} at line ${line} column ${column}`, line, column }
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
    const node: JsonObject = { type: 'object', keys: [], values: [], index: null, ...base }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
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
