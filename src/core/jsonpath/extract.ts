import type { JsonNode } from './document'
import { evaluatePlan } from './evaluate'
import type { ExtractField } from './fields'
import { compilePath } from './parse'
import { pathOf } from './paths'
import { toCompactJsonLimited } from './serialize'

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

/** Matched nodes in the form the tester and the CLI show them. */
export function describeNodes(nodes: JsonNode[], maxChars = Infinity): MatchedNode[] {
  const out: MatchedNode[] = []
  for (const n of nodes) {
    const j = toCompactJsonLimited(n, maxChars)
    out.push({ json: j.complete ? j.text : `${j.text}…`, path: pathOf(n), type: n.type })
  }
  return out
}

/** How much of the matches to describe (the tester keeps it small; the CLI wants all). */
export interface ExtractOptions {
  maxNodes?: number
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
 * Extracts one field the way the panel does, from a document parsed once with
 * `parseDocument`. `path === null` means "not set"; an empty string counts as not set
 * for the optional fields (the wizard's empty field) and as missing for the identifier.
 */
export function extractField(root: JsonNode, field: ExtractField, path: string | null, opts: ExtractOptions = {}): Extraction {
  const maxNodes = opts.maxNodes ?? 50
  const maxNodeChars = opts.maxNodeChars ?? 2000
  // No object spreads or per-call closures on this path: in V8 (Node 20) `{...base, x}`
  // costs about 1 µs, more than the query itself, and this runs on every keystroke.
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
  const compiled = compilePath(path)
  if (!compiled.ok) {
    const at = compiled.position === null ? '' : ` at position ${compiled.position}`
    return makeExtraction(
      field,
      path,
      false,
      { message: compiled.message, position: compiled.position },
      'failed',
      null,
      [
        {
          severity: 'error',
          code: 'path.invalid',
          message: `Not a valid RFC 9535 JSONPath${at}: ${compiled.message}. The panel refuses to save it (“must be a valid json path”).`
        }
      ],
      []
    )
  }
  const nodes = evaluatePlan(compiled.path, root)
  if (nodes.length === 0) {
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
  const described = describeNodes(nodes.length > maxNodes ? nodes.slice(0, maxNodes) : nodes, maxNodeChars)
  const problems: ExtractProblem[] = []
  const first = nodes[0]!
  if (nodes.length > 1) {
    problems.push({
      severity: 'info',
      code: 'value.several',
      message: `${nodes.length} nodes match; the panel takes the first (${described[0]!.path}).`
    })
  }
  // Past 1024 characters the 255-byte cut is certain; don't serialize a huge object whole.
  const limited = first.type === 'string' ? { text: first.value, complete: true } : toCompactJsonLimited(first, 1024)
  const full = limited.text
  if (first.type !== 'string') {
    const bad = first.type === 'null' || first.type === 'array' || first.type === 'object'
    const idNumber = field === 'identifier' && first.type === 'number'
    problems.push({
      severity: bad ? 'warning' : 'info',
      code: `value.${first.type}`,
      message: idNumber
        ? `The value is a number; the panel stores its JSON text “${full}”.`
        : `The value is ${TYPE_WORD[first.type]}, not a string; the panel stores its JSON text “${full.length > 80 ? `${full.slice(0, 80)}…` : full}”.`
    })
  }
  const limit = FIELD_BYTE_LIMIT[field]
  const value = truncateUtf8(full, limit)
  if (value !== full || !limited.complete) {
    const size = limited.complete ? String(utf8Length(full)) : 'over 1000'
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
