import type { PathField } from '../../shared/provider'
import { member, parseDocument } from '../jsonpath/document'
import type { DocumentNote, DocumentResult, JsonNode } from '../jsonpath/document'
import { panelEngine } from '../engine/registry'
import { EXTRACT_FIELDS, extractField, generatedValue, FIELD_BYTE_LIMIT, FIELD_WORD } from '../jsonpath/extract'
import type { EngineDocument, ExtractField, Extraction } from '../jsonpath/extract'
import { compareWithLegacy } from '../jsonpath/legacy'
import type { LegacyComparison } from '../jsonpath/legacy'
import { documentCandidates, PREFERRED_CLAIMS } from '../jsonpath/suggest'
import { checkUserField } from './rules'
import type { RuleFailure } from './rules'

/**
 * Registration preview (docs/panel-behaviour.md#registration): for a userinfo document and the five
 * paths, what the panel's first login would do — create the account, refuse it (and
 * why, in the panel's words), or fail before that — with fixes that work on this
 * document and their effect. Browser-safe: the renderer's worker runs it per keystroke.
 */

/** A userinfo body parsed once for many evaluations. */
export interface PreparedDocument {
  /** The body as text (bytes that are not UTF-8 shown as U+FFFD). */
  text: string
  /** The body in the panel's engine, as the panel reads it; null when the panel cannot read it. */
  engine: EngineDocument | null
  /**
   * A display parse for the tree and the suggestions (same key order and number text); when the panel
   * cannot read the body, the engine's reason (serde_json's words).
   */
  result: DocumentResult
  /** JSON.parse's view (what legacy evaluators see); undefined when the text isn't JSON. */
  plain: unknown
  /**
   * Field results by field and path: typing in one field re-evaluates only that one
   * (a document is immutable, so a result never goes stale).
   */
  fieldCache: Map<string, FieldPreview>
}

// Engine documents live in the module's memory: free each when the object holding its handle is collected.
const released = new FinalizationRegistry<number>((handle) => panelEngine().freeDocument(handle))

/**
 * Reads a userinfo body with the panel's engine (bytes, as the panel receives them; a string is sent
 * as UTF-8), plus a display parse of the same text.
 */
export function prepareDocument(body: string | Uint8Array): PreparedDocument {
  // ignoreBOM keeps a byte-order mark in the text: the panel refuses it, and the admin should see it.
  const text = typeof body === 'string' ? body : new TextDecoder('utf-8', { ignoreBOM: true }).decode(body)
  const parsed = panelEngine().parseDocument(body)
  let plain: unknown
  try {
    plain = JSON.parse(text)
  } catch {
    plain = undefined
  }
  if (!parsed.ok) {
    const bom = text.charCodeAt(0) === 0xfeff ? ' (the body starts with a byte-order mark, U+FEFF)' : ''
    return {
      text,
      engine: null,
      result: { ok: false, message: `${parsed.error}${bom}`, line: parsed.line, column: parsed.column },
      plain,
      fieldCache: new Map()
    }
  }
  const engine: EngineDocument = { handle: parsed.handle }
  released.register(engine, parsed.handle)
  return { text, engine, result: displayParse(text, parsed.handle), plain, fieldCache: new Map() }
}

/** The display tree; from serde_json's own text of the body if our display parser disagrees with the panel. */
function displayParse(text: string, handle: number): DocumentResult {
  const result = parseDocument(text)
  if (result.ok) return result
  const whole = panelEngine().query(handle, '$', { nodeLimit: 1 }).nodes[0]!.json
  return parseDocument(whole)
}

export { FIELD_PATH } from '../jsonpath/fields'
import { FIELD_PATH } from '../jsonpath/fields'

export type PreviewPaths = Record<PathField, string | null>

export interface PreviewProblem {
  field: ExtractField | null
  severity: 'error' | 'warning' | 'info'
  code: string
  message: string
}

export interface FieldPreview extends Extraction {
  legacy: LegacyComparison
  /** The panel's user-creation rules this value breaks (empty for the identifier). */
  ruleFailures: RuleFailure[]
}

export interface FixSuggestion {
  field: ExtractField
  /** The path to use instead; null = leave the field empty so the panel generates a value. */
  path: string | null
  /** What the panel would then store (an example for generated values). */
  value: string
  /** What changes, said for the admin. */
  effect: string
}

export type RegistrationOutcome =
  /** The first login of a new user creates the account. */
  | 'creates-account'
  /** The first login of a new user is refused (validation or extraction). */
  | 'fails'
  /** `login_only`: no account is created; the user is sent back with `error=registration_disabled`. */
  | 'disabled'
  /** Every login fails before registration (document unreadable or no identifier). */
  | 'login-fails'

export interface RegistrationPreview {
  document: { ok: true; notes: DocumentNote[] } | { ok: false; message: string; line: number | null; column: number | null }
  fields: Record<ExtractField, FieldPreview> | null
  outcome: RegistrationOutcome
  registration_ok: boolean
  /** What the panel answers the browser when it fails (its own words), or null. */
  panelResponse: string | null
  problems: PreviewProblem[]
  suggestions: FixSuggestion[]
}

export interface PreviewOptions {
  login_only?: boolean
  /** “Link Manageable by User”: whether users can link this provider from their account settings. */
  user_manageable?: boolean
}

/** Keys whose values change when the user edits their profile: poor identifiers. */
const UNSTABLE_KEYS = new Set([
  'email',
  'mail',
  'preferred_username',
  'username',
  'login',
  'nickname',
  'name',
  'upn',
  'unique_name',
  'global_name',
  'given_name',
  'family_name'
])

function fieldPreview(doc: PreparedDocument, engine: EngineDocument, field: ExtractField, path: string | null): FieldPreview {
  const key = `${field}\u0000${path === null ? '\u0001' : path}`
  const hit = doc.fieldCache.get(key)
  if (hit) return hit
  const fp = computeFieldPreview(engine, field, path)
  if (doc.fieldCache.size >= 200) doc.fieldCache.clear()
  doc.fieldCache.set(key, fp)
  return fp
}

const NO_LEGACY: LegacyComparison = { legacyValue: null, message: null }

function computeFieldPreview(engine: EngineDocument, field: ExtractField, path: string | null): FieldPreview {
  const ex = extractField(engine, field, path)
  const ruleFailures =
    field !== 'identifier' && ex.panelValue !== null && ex.outcome === 'value' ? checkUserField(field, ex.panelValue) : []
  return { ...ex, legacy: NO_LEGACY, ruleFailures }
}

/** What the panel would store for `field` from `path` (the engine's answer). */
function valueOf(engine: EngineDocument, path: string, field: ExtractField): string {
  return panelEngine().query(engine.handle, path, { valueMax: FIELD_BYTE_LIMIT[field] }).value ?? ''
}

/**
 * Adds the "a legacy evaluator would say" line (jsonpath-plus) to each field. Kept apart from
 * previewRegistration so the tester can answer a keystroke first and add these lines after.
 */
export function withLegacyLines(doc: PreparedDocument, preview: RegistrationPreview): RegistrationPreview {
  if (!preview.fields || doc.plain === undefined) return preview
  const fields = { ...preview.fields }
  const problems = preview.problems.filter((p) => p.code !== 'legacy.differs')
  for (const f of EXTRACT_FIELDS) {
    const legacy = compareWithLegacy(doc.plain, fields[f])
    fields[f] = { ...fields[f], legacy }
    if (legacy.message) problems.push({ field: f, severity: 'info', code: 'legacy.differs', message: legacy.message })
  }
  return { ...preview, fields, problems }
}

/** Other paths in this document whose value the panel would accept for `field`. */
function alternatives(root: JsonNode, engine: EngineDocument, field: ExtractField, current: string | null, max = 3): FixSuggestion[] {
  const prefs = PREFERRED_CLAIMS[field]
  const cands = documentCandidates(root)
    .filter((c) => c.path !== current && c.node.type !== 'null')
    .map((c, i) => ({ ...c, i, r: prefs.indexOf(String(c.name)) === -1 ? 100 : prefs.indexOf(String(c.name)) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
  const out: FixSuggestion[] = []
  for (const c of cands) {
    if (out.length >= max) break
    // Cheap checks on the display tree first; the engine says what the panel would store.
    if (field === 'identifier' ? c.r === 100 : c.node.type !== 'string') continue
    // Names and usernames: only claims meant for them; any other string could "pass" by accident.
    if (field !== 'identifier' && field !== 'email' && c.r === 100) continue
    const value = valueOf(engine, c.path, field)
    if (field !== 'identifier') {
      if (checkUserField(field, value).length) continue
      if (field === 'email' && c.r === 100 && !value.includes('@')) continue
    }
    out.push({ field, path: c.path, value, effect: `Use ${c.path}: the panel would store “${value}”.` })
  }
  return out
}

function generatedFix(field: Exclude<ExtractField, 'identifier'>): FixSuggestion {
  const g = generatedValue(field)
  const caveat: Record<typeof field, string> = {
    email: ' Users get a made-up address at oauth.c7s.rs, so the panel’s e-mails (password reset, notices) never reach them.',
    username: ' Every new user gets a random username.',
    name_first: ' Every new user is called “First”.',
    name_last: ' Every new user’s last name is “Last”.'
  }
  const what = field === 'email' || field === 'username' ? `${g.description} (e.g. “${g.example}”)` : g.description
  return {
    field,
    path: null,
    value: g.example,
    effect: `Leave the path empty: the panel generates ${what}, which always passes.${caveat[field]}`
  }
}

/**
 * Predicts the first login of a not-yet-linked user. `paths` uses the provider record's
 * field names; an empty string counts as "not set" for the optional paths.
 */
export function previewRegistration(doc: PreparedDocument, paths: PreviewPaths, opts: PreviewOptions = {}): RegistrationPreview {
  const problems: PreviewProblem[] = []
  const suggestions: FixSuggestion[] = []
  if (!doc.result.ok || !doc.engine) {
    const r = doc.result.ok ? { message: 'unreadable', line: null, column: null } : doc.result
    return {
      document: { ok: false, message: r.message, line: r.line, column: r.column },
      fields: null,
      outcome: 'login-fails',
      registration_ok: false,
      // `response.json()` fails with a reqwest decode error, which the panel doesn't turn into a readable message.
      panelResponse: 'internal server error (HTTP 500)',
      problems: [
        {
          field: null,
          severity: 'error',
          code: 'document.unreadable',
          message: `The panel cannot read this userinfo document: ${r.message}. Every login fails before any value is extracted.`
        }
      ],
      suggestions
    }
  }
  const root = doc.result.root
  const engine = doc.engine!
  const fields = {} as Record<ExtractField, FieldPreview>
  for (const f of EXTRACT_FIELDS) fields[f] = fieldPreview(doc, engine, f, paths[FIELD_PATH[f]])
  for (const n of doc.result.notes) problems.push({ field: null, severity: 'info', code: 'document.duplicate-key', message: n.message })
  for (const f of EXTRACT_FIELDS) {
    for (const p of fields[f].problems) problems.push({ field: f, ...p })
    for (const rf of fields[f].ruleFailures)
      problems.push({
        field: f,
        severity: 'error',
        code: `rule.${f}`,
        message: `${rf.message} The panel refuses the account: “${rf.panelMessage}”.`
      })
  }

  // Identifier stability: e-mail or username change at the provider; `sub` doesn't (OIDC Core §5.7).
  const id = fields.identifier
  const idNode = id.outcome === 'value' ? id.nodes[0] : undefined
  if (idNode) {
    const key = idNode.path.replace(/^\$\.?/, '').replace(/^\['|'\]$/g, '')
    const obj = root.type === 'object' ? root : null
    const stableKey = obj ? ['sub', 'id'].find((k) => member(obj, k) !== undefined && k !== key) : undefined
    const sameAsEmail = fields.email.outcome === 'value' && fields.email.panelValue === id.panelValue
    if ((UNSTABLE_KEYS.has(key) || sameAsEmail) && stableKey && obj) {
      problems.push({
        field: 'identifier',
        severity: 'warning',
        code: 'identifier.unstable',
        message: `The identifier ${idNode.path} can change at the provider (a new e-mail or username); the link then breaks and the next login creates a second account. $.${stableKey} never changes for a user.`
      })
      suggestions.push({
        field: 'identifier',
        path: `$.${stableKey}`,
        value: valueOf(engine, `$.${stableKey}`, 'identifier'),
        effect: `Use $.${stableKey}: a stable id, so renamed users keep their account.`
      })
    }
  }
  if (fields.username.outcome === 'value' && fields.username.nodes[0]?.type === 'null' && fields.username.ruleFailures.length === 0) {
    problems.push({
      field: 'username',
      severity: 'warning',
      code: 'username.null',
      message:
        'The username is JSON null, stored as “null”: the first such user registers as “null” and every later one fails with user_already_exists.'
    })
    suggestions.push(...alternatives(root, engine, 'username', paths.username_path), generatedFix('username'))
  }

  let outcome: RegistrationOutcome
  let panelResponse: string | null = null
  if (id.outcome === 'failed') {
    outcome = 'login-fails'
    panelResponse = id.valid ? 'unable to extract identifier from <userinfo>' : null
    suggestions.push(...alternatives(root, engine, 'identifier', paths.identifier_path))
  } else if (opts.login_only) {
    outcome = 'disabled'
    problems.push({
      field: null,
      severity: 'info',
      code: 'registration.disabled',
      message:
        '“Only allow Login” is on: a user without a linked account is sent back with error=registration_disabled; no account is created, so the username, e-mail and name values are not used at login.'
    })
    if (opts.user_manageable === false) {
      problems.push({
        field: null,
        severity: 'warning',
        code: 'registration.no-linking',
        message:
          '“Only allow Login” is on and “Link Manageable by User” is off: users cannot link this provider themselves, so nobody can log in with it until an admin links each account.'
      })
    }
  } else {
    // The panel extracts username, e-mail, first and last name in this order and stops at the first failure.
    const order: Array<Exclude<ExtractField, 'identifier'>> = ['username', 'email', 'name_first', 'name_last']
    const failedExtraction = order.find((f) => fields[f].outcome === 'failed')
    const failures = order.flatMap((f) => fields[f].ruleFailures)
    if (failedExtraction) {
      outcome = 'fails'
      panelResponse = fields[failedExtraction].valid ? `unable to extract ${FIELD_WORD[failedExtraction]} from <userinfo>` : null
    } else if (failures.length) {
      outcome = 'fails'
      panelResponse = JSON.stringify({ errors: failures.map((f) => f.panelMessage) })
    } else outcome = 'creates-account'
    for (const f of order) {
      if (fields[f].outcome === 'failed' || fields[f].ruleFailures.length) {
        suggestions.push(...alternatives(root, engine, f, paths[FIELD_PATH[f]]), generatedFix(f))
      }
    }
  }
  return {
    document: { ok: true, notes: doc.result.notes },
    fields,
    outcome,
    registration_ok: outcome === 'creates-account',
    panelResponse,
    problems,
    suggestions
  }
}
