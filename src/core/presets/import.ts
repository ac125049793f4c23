import { parse as parseJsonAst, evaluate as evaluateJson, type ObjectNode } from '@humanwhocodes/momoa'
import { LineCounter, isMap, isScalar, parseAllDocuments, type Document } from 'yaml'
import { findExcessNesting, JSON_NESTING, MAX_DOCUMENT_NESTING, YAML_NESTING } from '../limits/nesting'
import { PATH_FIELDS, PROVIDER_KEYS, SWITCH_FIELDS } from '../../shared/provider'
import type { ImportProblem, ImportResult, PresetConfig, PresetFormat } from '../../shared/schemas/presets'
import { PRESET_MAX_BYTES, presetTooLargeMessage } from '../../shared/presets'
import { PRESET_KEYS } from '../../shared/schemas/presets'
import { checkProviderRules } from '../provider/rules'

/**
 * Reading a preset file the way the panel's Import button reads it (frontend
 * `AdminOAuthProviders.tsx` → `handleImport`), and saying precisely, with the key and the
 * line, everything that would make the panel refuse it or store something unexpected.
 *
 * What the panel does, step by step, and how we mirror it:
 * 1. `await file.text()` (UTF-8, a leading BOM dropped) then `.trim()`.
 * 2. `text.startsWith('{')` → `JSON.parse`, otherwise js-yaml `load` (one document;
 *    duplicate keys are an error there; JSON.parse keeps the last of duplicate keys).
 * 3. `{...raw, client_id: 'example', client_secret: 'example'}`: a secret in the file is
 *    ignored, never used (docs/panel-behaviour.md#preset-import). We drop it too, and say so.
 * 4. Keys are matched after camelCasing them (`identifier_path` and `identifierPath` both
 *    work); any other key is silently ignored.
 * 5. zod: every field required; strings where strings are due (no coercion: `123` or
 *    `yes` is not text); `''` becomes null for description and the optional paths; the
 *    paths need ≥ 3 characters; then the backend's rules on create (docs/panel-behaviour.md#provider-record).
 */

type Field = (typeof PROVIDER_KEYS)[number]

interface Located {
  line?: number
  column?: number
}

interface RawMember extends Located {
  key: string
  value: unknown
}

/** The panel's `toCamelCase` (frontend lib/api-transform.ts). */
function toCamelCase(key: string): string {
  return key.replace(/_([a-z0-9])/gi, (_: string, letter: string) => letter.toUpperCase())
}

const FIELD_BY_CAMEL = new Map<string, Field>(PROVIDER_KEYS.map((k) => [toCamelCase(k), k]))

const STRING_FIELDS = new Set<string>(['name', 'auth_url', 'token_url', 'info_url', 'identifier_path'])
const NULLABLE_FIELDS = new Set<string>(['description', 'email_path', 'username_path', 'name_first_path', 'name_last_path'])
const BOOL_FIELDS = new Set<string>(SWITCH_FIELDS)

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
    }
  }
  return row[b.length]!
}

function suggestKey(key: string): string | null {
  const norm = key.toLowerCase().replace(/[-\s]/g, '_')
  let best: string | null = null
  let bestD = Infinity
  for (const k of PRESET_KEYS) {
    const d = levenshtein(norm, k)
    if (d < bestD) {
      bestD = d
      best = k
    }
  }
  return bestD <= Math.max(2, Math.floor(key.length / 5)) ? best : null
}

/** What a value is, in words an admin understands, for "must be text, found …". */
function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)'
  if (typeof v === 'string') return `text (${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)})`
  if (typeof v === 'number') return `a number (${v})`
  if (typeof v === 'boolean') return `${v} (a yes/no value)`
  if (v instanceof Date) return 'a date (YAML reads an unquoted 2024-01-01 as a date)'
  if (v instanceof Uint8Array) return 'binary data'
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`
  return 'a mapping of keys'
}

function where(loc: Located): string {
  return loc.line === undefined ? '' : ` (line ${loc.line})`
}

function problem(severity: ImportProblem['severity'], message: string, loc: Located = {}, field?: string): ImportProblem {
  const p: ImportProblem = { severity, message }
  if (field !== undefined) p.field = field
  if (loc.line !== undefined) p.line = loc.line
  if (loc.column !== undefined) p.column = loc.column
  return p
}

/** Position of the first character that makes `text` binary rather than text, if any. */
function firstBinaryChar(text: string): number {
  // NUL and the C0 controls other than tab/LF/CR never occur in a text file; U+FFFD is what
  // a UTF-8 decoder (the renderer's File.text(), our CLI's reader) leaves for invalid bytes.
  const m = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/.exec(text)
  return m ? m.index : -1
}

function lineColAt(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/** Shifts positions measured in the trimmed text back to the file's own lines. */
function makeShift(prefix: string): (loc: { line: number; column: number }) => Located {
  const { line: pLine, column: pCol } = lineColAt(prefix, prefix.length)
  return ({ line, column }) => ({ line: line + pLine - 1, column: line === 1 ? column + pCol - 1 : column })
}

interface Parsed {
  members: RawMember[] | null
  problems: ImportProblem[]
}

const MOMOA_TOKENS: Record<string, string> = {
  LBrace: '"{"',
  RBrace: '"}"',
  LBracket: '"["',
  RBracket: '"]"',
  Colon: '":"',
  Comma: '","',
  String: 'text in quotes',
  Number: 'a number',
  Boolean: 'true/false',
  Null: 'null'
}

/**
 * Where and why a JSON text is broken. The panel uses `JSON.parse`, so its verdict decides;
 * V8 says "at position N", which we turn into a line and column. When V8's message carries
 * no position, momoa's tokenizer gives one.
 */
function jsonSyntaxError(text: string): { message: string; offset: number | null; loc: { line: number; column: number } | null } | null {
  try {
    JSON.parse(text)
    return null
  } catch (err) {
    const v8 = (err as Error).message
    const pos = /at position (\d+)/.exec(v8)
    if (pos && !/is not valid JSON/.test(v8)) {
      return { message: v8.replace(/\s*in JSON at position \d+.*$/s, ''), offset: Number(pos[1]), loc: null }
    }
    try {
      parseJsonAst(text)
    } catch (momoaErr) {
      const e = momoaErr as { message: string; line?: number; column?: number }
      const message = e.message
        .replace(/\s*\(\d+:\d+\)\s*$/, '')
        .replace(/token (\w+)/, (_: string, t: string) => MOMOA_TOKENS[t] ?? t)
        .replace(/ found\.?$/, '')
      return { message, offset: null, loc: typeof e.line === 'number' && typeof e.column === 'number' ? { line: e.line, column: e.column } : null }
    }
    return { message: v8, offset: null, loc: null }
  }
}

function parseJson(trimmed: string, shift: ReturnType<typeof makeShift>): Parsed {
  const syntax = jsonSyntaxError(trimmed)
  if (syntax) {
    const raw = syntax.offset !== null ? lineColAt(trimmed, syntax.offset) : syntax.loc
    const loc = raw ? shift(raw) : {}
    return {
      members: null,
      problems: [problem('error', `The file starts with "{", so it is read as JSON (as the panel does), but it is not valid JSON${where(loc)}: ${syntax.message}.`, loc)]
    }
  }
  let ast: ReturnType<typeof parseJsonAst>
  try {
    ast = parseJsonAst(trimmed)
  } catch {
    // JSON.parse (the panel's verdict) accepted it; only the line numbers are lost.
    const value = JSON.parse(trimmed) as Record<string, unknown>
    return { members: Object.entries(value).map(([key, v]) => ({ key, value: v })), problems: [] }
  }
  const body = ast.body
  if (body.type !== 'Object') {
    return { members: null, problems: [problem('error', 'The file is JSON but not an object of keys ({"name": …}).')] }
  }
  const members: RawMember[] = (body as ObjectNode).members.map((m) => ({
    key: m.name.type === 'String' ? m.name.value : String((m.name as { name?: string }).name),
    value: evaluateJson(m.value),
    ...shift({ line: m.name.loc.start.line, column: m.name.loc.start.column })
  }))
  return { members, problems: [] }
}

/** js-yaml's default schema reads timestamps, binary, sets, ordered maps and merge keys. */
const YAML_OPTIONS = {
  uniqueKeys: false,
  prettyErrors: false,
  // Complex keys make the yaml package print a process warning to stderr; the problem
  // list reports what matters, and a library must not write to the host's terminal.
  logLevel: 'error' as const,
  merge: true,
  customTags: ['timestamp', 'binary', 'set', 'omap', 'pairs'] as ('timestamp' | 'binary' | 'set' | 'omap' | 'pairs')[]
}

function parseYaml(trimmed: string, shift: ReturnType<typeof makeShift>): Parsed {
  const lc = new LineCounter()
  const docs = parseAllDocuments(trimmed, { ...YAML_OPTIONS, lineCounter: lc })
  const list: Document[] = Array.isArray(docs) ? docs : [docs as unknown as Document]
  const at = (offset: number): Located => {
    const p = lc.linePos(offset)
    return shift({ line: p.line, column: p.col })
  }
  if (list.length > 1) {
    const second = list[1]!
    const loc = second.range ? at(second.range[0]) : {}
    return {
      members: null,
      problems: [problem('error', `The file holds several YAML documents (a second one starts after "---"${loc.line === undefined ? '' : ` at line ${loc.line}`}); the panel reads exactly one.`, loc)]
    }
  }
  const doc = list[0]
  if (!doc) return { members: null, problems: [problem('error', 'The file is empty.')] }
  if (doc.errors.length > 0) {
    // The first error is the cause; the parser's later ones mostly follow from it.
    const e = doc.errors[0]!
    const loc = at(e.pos[0])
    const more = doc.errors.length > 1 ? ` (the ${doc.errors.length - 1} other error${doc.errors.length > 2 ? 's' : ''} after it may follow from this one)` : ''
    return {
      members: null,
      problems: [problem('error', `YAML syntax error${where(loc)}: ${e.message.replace(/\s*at line \d+, column \d+.*$/s, '').replace(/\.$/, '')}${more}.`, loc)]
    }
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (err) {
    return { members: null, problems: [problem('error', `The YAML cannot be read: ${(err as Error).message}.`)] }
  }
  if (value === null || value === undefined) return { members: null, problems: [problem('error', 'The file is empty.')] }
  if (!isMap(doc.contents) || typeof value !== 'object' || Array.isArray(value)) {
    return {
      members: null,
      problems: [problem('error', `This is not a preset: expected keys such as "name: 'Keycloak'", found ${describe(value)}.`, at(doc.contents?.range?.[0] ?? 0))]
    }
  }
  const members: RawMember[] = []
  const obj = value as Record<string, unknown>
  const seen = new Set<string>()
  for (const pair of doc.contents.items) {
    const keyNode = pair.key
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
    const loc = keyNode && (keyNode as { range?: [number, number, number] }).range ? at((keyNode as { range: [number, number, number] }).range[0]) : {}
    if (key === '<<') continue // merge key: its members appear in `obj` below
    // Duplicate keys stay in the list: js-yaml (the panel) refuses them, checked later.
    members.push({ key, value: seen.has(key) ? undefined : obj[key], ...loc })
    seen.add(key)
  }
  // Keys brought in by a merge key (`<<: *base`) have no line of their own.
  for (const k of Object.keys(obj)) if (!seen.has(k)) members.push({ key: k, value: obj[k] })
  // For duplicates, the value we carry is the last one (what a reader would see), but a
  // YAML duplicate is an error anyway.
  return { members, problems: [] }
}

/**
 * Reads a preset file (YAML or JSON), validates it against the panel's Import and save
 * rules (docs/panel-behaviour.md#provider-record, #preset-import), and returns the preset when the panel would accept it,
 * with every problem located by key and line.
 */
export function importPreset(input: string, opts: { byteLength?: number } = {}): ImportResult {
  const problems: ImportProblem[] = []
  const fail = (): ImportResult => ({ ok: false, format, preset: null, problems })
  let format: PresetFormat | null = null

  // Length in UTF-16 units never exceeds the UTF-8 byte count, so the cheap test goes first.
  // (`byteLength`: the file's real size, when the caller read only its beginning.)
  const bytes = opts.byteLength ?? (input.length > PRESET_MAX_BYTES ? input.length : new TextEncoder().encode(input).length)
  if (bytes > PRESET_MAX_BYTES) {
    problems.push(problem('error', presetTooLargeMessage(bytes)))
    return fail()
  }
  let text = input
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1)
    problems.push(problem('warning', 'The file starts with a byte order mark (BOM); it was ignored, as the panel ignores it.', { line: 1, column: 1 }))
  }
  const bin = firstBinaryChar(text)
  if (bin !== -1) {
    const loc = lineColAt(text, bin)
    const code = text.charCodeAt(bin)
    const what = code === 0xfffd ? 'bytes that are not valid UTF-8' : `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    problems.push(problem('error', `This is not a text file: it contains ${what} (line ${loc.line}, column ${loc.column}). A preset is a YAML or JSON text file.`, loc))
    return fail()
  }
  if (/\r\n/.test(text)) {
    problems.push(problem('warning', 'The file has Windows line endings (CRLF); they were read fine (the panel reads them too). Files exported here use LF.'))
  }
  const trimmed = text.trim()
  if (trimmed === '') {
    problems.push(problem('error', 'The file is empty.'))
    return fail()
  }
  const shift = makeShift(text.slice(0, text.length - text.trimStart().length))
  format = trimmed.startsWith('{') ? 'json' : 'yaml'
  const tooDeep = findExcessNesting(trimmed, MAX_DOCUMENT_NESTING, format === 'json' ? JSON_NESTING : YAML_NESTING)
  if (tooDeep !== -1) {
    const loc = shift(lineColAt(trimmed, tooDeep))
    problems.push(problem('error', `The file nests brackets more than ${MAX_DOCUMENT_NESTING} levels deep${where(loc)}; a preset is a flat list of keys.`, loc))
    return fail()
  }
  const parsed = format === 'json' ? parseJson(trimmed, shift) : parseYaml(trimmed, shift)
  problems.push(...parsed.problems)
  if (!parsed.members) return fail()
  const built = checkMembers(parsed.members, format)
  problems.push(...built.problems)
  const ok = !problems.some((p) => p.severity === 'error')
  return { ok, format, preset: ok ? built.preset : null, problems }
}

/** Well-typed stand-ins for fields that failed their type check (their rules are skipped). */
function emptyPresetShape(): PresetConfig {
  return {
    name: 'x',
    description: null,
    auth_url: 'https://x',
    token_url: 'https://x',
    info_url: 'https://x',
    scopes: [],
    identifier_path: '$.x',
    email_path: null,
    username_path: null,
    name_first_path: null,
    name_last_path: null,
    enabled: true,
    login_only: false,
    login_bypass_2fa: false,
    link_viewable: true,
    user_manageable: true,
    basic_auth: false
  }
}

/** Key-level checks (unknown, duplicate, secret, missing, type) then the panel's rules. */
function checkMembers(members: RawMember[], format: PresetFormat): { preset: PresetConfig; problems: ImportProblem[] } {
  const problems: ImportProblem[] = []
  const byField = new Map<Field, RawMember>()
  const firstSeen = new Map<string, RawMember>()

  for (const m of members) {
    const dup = firstSeen.get(m.key)
    if (dup) {
      problems.push(
        format === 'yaml'
          ? problem('error', `"${m.key}" appears twice (lines ${dup.line ?? '?'} and ${m.line ?? '?'}); the panel refuses a YAML file with a duplicate key. Keep one.`, m, m.key)
          : problem('warning', `"${m.key}" appears twice (lines ${dup.line ?? '?'} and ${m.line ?? '?'}); the panel keeps the last value. Keep one.`, m, m.key)
      )
      if (format === 'yaml') continue
    } else {
      firstSeen.set(m.key, m)
    }
    const field = FIELD_BY_CAMEL.get(toCamelCase(m.key))
    if (!field) {
      const hint = suggestKey(m.key)
      problems.push(
        problem(
          'warning',
          `Unknown key "${m.key}"${where(m)}: the panel ignores it${hint ? `. Did you mean "${hint}"?` : '.'}`,
          m,
          m.key
        )
      )
      continue
    }
    if (field !== m.key) {
      const other = byField.get(field)
      if (other && other.key !== m.key) {
        problems.push(problem('warning', `"${m.key}"${where(m)} and "${other.key}"${where(other)} are the same field for the panel (it compares keys after camelCasing them); it keeps the one written last.`, m, field))
      } else if (field !== 'client_id' && field !== 'client_secret') {
        problems.push(problem('warning', `"${m.key}"${where(m)} is read as "${field}" (the panel accepts camelCase keys); exports from here write "${field}".`, m, field))
      }
    }
    byField.set(field, m)
  }

  // docs/panel-behaviour.md#preset-import: a preset never carries credentials; the panel's Import overwrites both.
  const secret = byField.get('client_secret')
  if (secret) {
    problems.push(
      problem(
        'warning',
        `The file contains a client secret${where(secret)}. It was dropped and is not kept anywhere (the panel's Import ignores it too). A preset must never carry a secret: if this file has been shared, create a new secret at the provider.`,
        secret,
        'client_secret'
      )
    )
    byField.delete('client_secret')
  }
  const clientId = byField.get('client_id')
  if (clientId) {
    problems.push(problem('warning', `The file contains a client ID${where(clientId)}; it was dropped (the panel's Import replaces it with "example"). Enter the client ID in the credentials step.`, clientId, 'client_id'))
    byField.delete('client_id')
  }

  const out: Record<string, unknown> = {}
  const badFields = new Set<string>()
  const missing: string[] = []
  for (const f of PRESET_KEYS) {
    const m = byField.get(f)
    if (!m) {
      missing.push(f)
      badFields.add(f)
      continue
    }
    const v = m.value
    const typeErr = (expected: string, fix: string): void => {
      badFields.add(f)
      problems.push(problem('error', `"${f}"${where(m)} must be ${expected}, found ${describe(v)}.${fix ? ` ${fix}` : ''}`, m, f))
    }
    if (STRING_FIELDS.has(f)) {
      if (typeof v === 'string') out[f] = v
      else typeErr('text', typeof v === 'number' || typeof v === 'boolean' || v instanceof Date ? `Quote it: ${f}: '${v instanceof Date ? '…' : String(v)}'.` : '')
    } else if (NULLABLE_FIELDS.has(f)) {
      // The panel's `nullableString`: an empty text is stored as null.
      if (v === null || v === '') out[f] = null
      else if (typeof v === 'string') out[f] = v
      else typeErr('text or null', typeof v === 'number' || typeof v === 'boolean' ? `Quote it: ${f}: '${String(v)}'.` : '')
    } else if (f === 'scopes') {
      if (Array.isArray(v) && v.every((s) => typeof s === 'string')) out[f] = [...(v as string[])]
      else if (Array.isArray(v)) {
        const bad = v.findIndex((s) => typeof s !== 'string')
        typeErr('a list of texts', `Entry ${bad + 1} is ${describe(v[bad])}; quote it.`)
      } else typeErr('a list', typeof v === 'string' ? `Write one scope per line:\nscopes:\n  - 'openid'\n  - 'email'` : '')
    } else if (BOOL_FIELDS.has(f)) {
      if (typeof v === 'boolean') out[f] = v
      else typeErr('true or false', typeof v === 'string' && /^(yes|no|on|off|y|n|true|false|1|0)$/i.test(v) ? `Write true or false without quotes ("${v}" is text in YAML 1.2 and JSON).` : '')
    }
  }
  if (missing.length > 3) {
    problems.push(problem('error', `Missing ${missing.length} of the ${PRESET_KEYS.length} keys the panel's Import needs: ${missing.join(', ')}. Is this a Calagopus OAuth provider preset?`))
  } else {
    for (const f of missing) {
      problems.push(problem('error', `Missing key "${f}": the panel's Import needs every field${NULLABLE_FIELDS.has(f) ? ` (write "${f}: null" to leave it empty)` : ''}.`, {}, f))
    }
  }
  const preset = out as unknown as PresetConfig
  // The panel's rules still run on the fields that are well typed, so one pass shows all.
  const checkable = { ...emptyPresetShape(), ...out } as PresetConfig

  // The panel's frontend schema (used by Import) wants ≥ 3 characters in every path; its
  // backend wants ≥ 1. The stricter one decides for a file imported through the panel.
  const shortPath = new Set<string>()
  for (const f of PATH_FIELDS) {
    const v = checkable[f]
    if (badFields.has(f)) continue
    if (v !== null && [...v].length < 3) {
      shortPath.add(f)
      const m = byField.get(f)!
      problems.push(problem('error', `"${f}"${where(m)} must be at least 3 characters long; the panel's Import refuses "${v}".`, m, f))
    }
  }
  for (const r of checkProviderRules({ ...checkable, client_id: '' }, { mode: 'preset' })) {
    if (shortPath.has(r.field) || badFields.has(r.field)) continue
    const m = byField.get(r.field as Field) ?? {}
    problems.push(problem(r.severity, `"${r.field}"${where(m)} ${r.message}.`, m, r.field))
  }
  return { preset, problems }
}
