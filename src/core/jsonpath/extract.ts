import { panelEngine } from '../engine/registry'
import type { EngineNode, EngineNodeKind } from '../engine/panel-engine'
import type { JsonNode } from './document'
import type { ExtractField } from './fields'
import { shortestPath } from './paths'
import { refusalInWords } from './refusal-words'

export { nodeLocation, pathOf, shortestPath } from './paths'
export { EXTRACT_FIELDS } from './fields'
export type { ExtractField } from './fields'

/**
 * What the panel stores for one of the five paths (docs/panel-behaviour.md#value-extraction, the panel's
 * `OAuthProvider::extract_*` in shared/src/models/oauth_provider.rs): the FIRST node
 * of the query; a string as is, anything else as serde_json's compact text; cut to
 * 255 bytes of UTF-8 (username 15) at a character boundary (`truncate_up_to`); a
 * generated value when an optional path is not set. Browser-safe.
 */

/** Byte limit the panel applies after extraction. */
export const FIELD_BYTE_LIMIT: Record<ExtractField, number> = {
  identifier: 255,
  email: 255,
  username: 15,
  name_first: 255,
  name_last: 255
}

/** Words the panel's error uses: "unable to extract {word} from …". */
export const FIELD_WORD: Record<ExtractField, string> = {
  identifier: 'identifier',
  email: 'email',
  username: 'username',
  name_first: 'first name',
  name_last: 'last name'
}

export interface ExtractProblem {
  severity: 'error' | 'warning' | 'info'
  /** Stable code, e.g. `path.invalid`, `value.truncated`. */
  code: string
  message: string
}

export interface MatchedNode {
  /** The node's value as compact JSON text (serde_json's form); cut with “…” past the display limit. */
  json: string
  /** Shortest RFC 9535 path of the node (`$.email`, `$['a b']`, `$.groups[0]`). */
  path: string
  type: JsonNode['type']
}

export interface Extraction {
  field: ExtractField
  /** The path as given; null = not set (the panel generates a value). */
  path: string | null
  /** The path parses as RFC 9535 (true when not set). */
  valid: boolean
  /** Parse error with position, as the panel would refuse it on save. */
  error: { message: string; position: number | null } | null
  nodes: MatchedNode[]
  /**
   * `value`: extracted from the document; `generated`: the path is not set and the
   * panel makes one up (see `example`); `failed`: no node or invalid path, so the
   * login fails.
   */
  outcome: 'value' | 'generated' | 'failed'
  /** What the panel stores; for `generated`, an example of what it would make up. Null when it fails. */
  panelValue: string | null
  problems: ExtractProblem[]
}

/** UTF-8 length of a string (scalar values; lone surrogates cannot reach here). */
export function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** Rust `truncate_up_to(s, max)`: at most `max` UTF-8 bytes, cut back to a char boundary. */
export function truncateUtf8(s: string, maxBytes: number): string {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3
    if (n + w > maxBytes) return s.slice(0, i)
    n += w
    if (w === 4) i++
  }
  return s
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** 10 random letters/digits, as `rand::distr::Alphanumeric.sample_string(…, 10)`. */
export function randomAlphanumeric(length = 10): string {
  const bytes = new Uint8Array(length * 2)
  globalThis.crypto.getRandomValues(bytes)
  let out = ''
  for (let i = 0; out.length < length; i++) {
    if (i >= bytes.length) {
      globalThis.crypto.getRandomValues(bytes)
      i = 0
    }
    // 248 = 4 × 62: reject the tail so every character is equally likely.
    if (bytes[i]! < 248) out += ALNUM[bytes[i]! % 62]
  }
  return out
}

/** The value the panel makes up when an optional path is not set. */
export function generatedValue(field: Exclude<ExtractField, 'identifier'>): { example: string; description: string } {
  switch (field) {
    case 'email':
      return { example: `${randomAlphanumeric()}@oauth.c7s.rs`, description: '10 random letters/digits + @oauth.c7s.rs' }
    case 'username':
      return { example: randomAlphanumeric(), description: '10 random letters/digits' }
    case 'name_first':
      return { example: 'First', description: 'the text “First”' }
    case 'name_last':
      return { example: 'Last', description: 'the text “Last”' }
  }
}

const KIND_TYPE: Record<EngineNodeKind, JsonNode['type']> = {
  null: 'null',
  boolean: 'bool',
  number: 'number',
  string: 'string',
  array: 'array',
  object: 'object'
}

/** Matched nodes in the form the tester and the CLI show them. */
export function describeNodes(nodes: EngineNode[]): MatchedNode[] {
  return nodes.map((n) => ({ json: n.cut ? `${n.json}…` : n.json, path: shortestPath(n.segments), type: KIND_TYPE[n.kind] }))
}

/** A userinfo body the engine has parsed (see prepareDocument). */
export interface EngineDocument {
  handle: number
}

/** Bytes of a node's text the engine returns for messages (past 1024 the 255-byte cut is certain). */
const MESSAGE_TEXT_BYTES = 1024

/** How much of the matches to describe (the tester keeps it small; the CLI wants all). */
export interface ExtractOptions {
  maxNodes?: number
  /** Bytes of each node's text to keep. */
  maxNodeChars?: number
}

const TYPE_WORD: Record<JsonNode['type'], string> = {
  null: 'JSON null',
  bool: 'a boolean',
  number: 'a number',
  string: 'a string',
  array: 'an array',
  object: 'an object'
}

function makeExtraction(
  field: ExtractField,
  path: string | null,
  valid: boolean,
  error: Extraction['error'],
  outcome: Extraction['outcome'],
  panelValue: string | null,
  problems: ExtractProblem[],
  nodes: MatchedNode[]
): Extraction {
  return { field, path, valid, error, nodes, outcome, panelValue, problems }
}

/**
 * Extracts one field the way the panel does, with the panel's own engine, from a body it parsed once.
 * `path === null` means "not set"; an empty string counts as not set for the optional fields (the
 * wizard's empty field) and as missing for the identifier.
 */
export function extractField(doc: EngineDocument, field: ExtractField, path: string | null, opts: ExtractOptions = {}): Extraction {
  const notSet = path === null || (path === '' && field !== 'identifier')
  if (notSet) {
    if (field === 'identifier') {
      return makeExtraction(
        field,
        path,
        false,
        { message: 'the identifier path is required', position: null },
        'failed',
        null,
        [
          {
            severity: 'error',
            code: 'path.required',
            message: 'The identifier path is required: the panel will not save the provider without it.'
          }
        ],
        []
      )
    }
    const g = generatedValue(field)
    const message =
      field === 'email' || field === 'username'
        ? `Path not set: the panel generates ${g.description} at the first login (for example “${g.example}”).`
        : `Path not set: the panel stores “${g.example}”.`
    return makeExtraction(field, null, true, null, 'generated', g.example, [{ severity: 'info', code: 'value.generated', message }], [])
  }
  const maxNodes = opts.maxNodes ?? 50
  const maxNodeBytes = opts.maxNodeChars ?? 2000
  const limit = FIELD_BYTE_LIMIT[field]
  const answer = panelEngine().query(doc.handle, path, {
    nodeLimit: Number.isFinite(maxNodes) ? Math.max(1, maxNodes) : 0xffffffff,
    textMax: Number.isFinite(maxNodeBytes) ? Math.max(MESSAGE_TEXT_BYTES, maxNodeBytes) : 0,
    valueMax: limit
  })
  if (answer.refusal) {
    const r = answer.refusal
    const words = refusalInWords(path, r)
    return makeExtraction(
      field,
      path,
      false,
      { message: words, position: r.offset },
      'failed',
      null,
      [
        {
          severity: 'error',
          code: 'path.invalid',
          message: `The panel's JSONPath parser refuses this path at position ${r.offset}: ${words}. The panel will not save it (“must be a valid json path”).${surrogateHint(path)}`
        }
      ],
      []
    )
  }
  if (answer.count === 0) {
    return makeExtraction(
      field,
      path,
      true,
      null,
      'failed',
      null,
      [
        {
          severity: 'error',
          code: 'value.missing',
          message: `Nothing in the document matches ${path}: every login fails with “unable to extract ${FIELD_WORD[field]} from …”.`
        }
      ],
      []
    )
  }
  const shown = answer.nodes.slice(0, maxNodes)
  const described = describeNodes(Number.isFinite(maxNodeBytes) ? shown.map((n) => cutNode(n, maxNodeBytes)) : shown)
  const problems: ExtractProblem[] = []
  const first = answer.nodes[0]!
  const firstType = KIND_TYPE[first.kind]
  if (answer.count > 1) {
    problems.push({
      severity: 'info',
      code: 'value.several',
      message: `${answer.count} nodes match; the panel takes the first (${described[0]!.path}).`
    })
  }
  // The node's text as the panel reads it: a string's content, anything else serde_json's text.
  const full = first.kind === 'string' && !first.cut ? (JSON.parse(first.json) as string) : first.json
  const fullComplete = !first.cut
  if (first.kind !== 'string') {
    const bad = firstType === 'null' || firstType === 'array' || firstType === 'object'
    const idNumber = field === 'identifier' && firstType === 'number'
    problems.push({
      severity: bad ? 'warning' : 'info',
      code: `value.${firstType}`,
      message: idNumber
        ? `The value is a number; the panel stores its JSON text “${full}”.`
        : `The value is ${TYPE_WORD[firstType]}, not a string; the panel stores its JSON text “${excerpt(full, 80)}”.`
    })
  }
  const value = answer.value ?? ''
  if (answer.valueCut) {
    const size = fullComplete ? String(utf8Length(full)) : 'over 1000'
    problems.push({
      severity: field === 'identifier' ? 'error' : 'warning',
      code: 'value.truncated',
      message:
        field === 'identifier'
          ? `The identifier is ${size} bytes long; the panel cuts it to ${limit} bytes (“${value}”), so different accounts could end up with the same identifier.`
          : `The value is ${size} bytes of UTF-8; the panel keeps the first ${limit} bytes at a character boundary: “${value}”.`
    })
  }
  if (value.includes('\u0000')) {
    problems.push({
      severity: 'error',
      code: 'value.nul',
      message:
        'The value contains a NUL character (U+0000); the panel’s PostgreSQL database cannot store it and the login fails with a server error.'
    })
  }
  return makeExtraction(field, path, true, null, 'value', value, problems, described)
}

/** At most `max` UTF-16 units of `s`, never splitting a surrogate pair, with “…” when cut. */
export function excerpt(s: string, max: number): string {
  if (s.length <= max) return s
  let end = max
  const c = s.charCodeAt(end - 1)
  if (c >= 0xd800 && c <= 0xdbff) end--
  return `${s.slice(0, end)}…`
}

/** A node's text cut to `maxBytes` of UTF-8 at a character boundary (the engine returned more for messages). */
function cutNode(n: EngineNode, maxBytes: number): EngineNode {
  if (utf8Length(n.json) <= maxBytes) return n
  return { ...n, json: truncateUtf8(n.json, maxBytes), cut: true }
}

/**
 * serde_json_path reads `\\uD83D\\uDE00`-style escapes only with an upper-case high surrogate (`\\uD8`–`\\uDB`);
 * a lower-case one (as JSON.stringify writes) is refused. Says how to write it.
 */
function surrogateHint(path: string): string {
  return /\\u(?:d[89abAB]|D[ab])[0-9a-fA-F]{2}/.test(path)
    ? ' Write a character outside the Basic Multilingual Plane as itself (e.g. “😀”) or with an upper-case high surrogate (“\\uD83D\\uDE00”).'
    : ''
}
