import type { ProviderConfig, PathField } from '../../shared/provider'
import { PATH_FIELDS } from '../../shared/provider'
import { hasPanelEngine, panelEngine } from '../engine/registry'
import { refusalInWords } from '../jsonpath/refusal-words'

export interface RuleProblem {
  field: string
  message: string
  /** `error`: the panel refuses to save; `warning`: it saves, but something is off. */
  severity: 'error' | 'warning'
}

export type RuleMode =
  /** POST /api/admin/oauth-providers: everything required, secret included. */
  | 'create'
  /** A preset file: no client id/secret. */
  | 'preset'
  /** The wizard's draft before credentials: client id/secret checked only when typed. */
  | 'draft'

/**
 * The panel stores scopes as varchar(64)[] but validates only their count: a longer scope
 * passes validation and the database insert fails, so saving answers 500
 * (docs/panel-behaviour.md#provider-record).
 */
export const SCOPE_MAX_CHARS = 64

/** Rust's validators count `chars()`, i.e. Unicode scalar values, not UTF-16 units. */
export function charCount(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

function lengthRule(field: string, value: string, min: number, max: number): RuleProblem | null {
  const n = charCount(value)
  if (n < min || n > max) {
    return {
      field,
      severity: 'error',
      message:
        n < min ? `must be at least ${min} character${min === 1 ? '' : 's'} long` : `must be at most ${max} characters long (it has ${n})`
    }
  }
  return null
}

/**
 * The panel's validation of a provider record (docs/panel-behaviour.md#provider-record), every problem at
 * once, so the wizard can show them next to the fields and the push never meets a 400
 * that we could have predicted.
 */
export function checkProviderRules(
  config: ProviderConfig,
  opts: { mode: RuleMode; clientSecret?: string | null } = { mode: 'create' }
): RuleProblem[] {
  const out: RuleProblem[] = []
  const push = (p: RuleProblem | null): void => {
    if (p) out.push(p)
  }
  push(lengthRule('name', config.name, 1, 255))
  if (config.description !== null) push(lengthRule('description', config.description, 1, 1024))
  if (opts.mode === 'create' || (opts.mode === 'draft' && config.client_id !== '')) {
    push(lengthRule('client_id', config.client_id, 3, 255))
  }
  if (opts.mode === 'create') {
    const secret = opts.clientSecret ?? config.client_secret ?? ''
    push(lengthRule('client_secret', secret, 3, 255))
  }
  for (const f of ['auth_url', 'token_url', 'info_url'] as const) {
    push(lengthRule(f, config[f], 3, 255))
    const v = config[f].trim()
    if (v !== '' && !/^https?:\/\/[^\s/]+/i.test(v)) {
      // The panel stores any text here; the browser and its HTTP client will not.
      out.push({ field: f, severity: 'warning', message: 'is not an http(s) URL; the panel will save it but logins will fail' })
    }
  }
  if (config.scopes.length > 255) {
    out.push({ field: 'scopes', severity: 'error', message: `must have at most 255 entries (it has ${config.scopes.length})` })
  }
  config.scopes.forEach((s, i) => {
    const n = charCount(s)
    if (n > SCOPE_MAX_CHARS) {
      out.push({
        field: 'scopes',
        severity: 'error',
        message: `entry ${i + 1} (${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)}) has ${n} characters: the panel's validation lets it through, but it stores at most ${SCOPE_MAX_CHARS} per scope, so saving fails with 500 (internal server error)`
      })
    }
    if (s === '' || /\s/.test(s)) {
      out.push({
        field: 'scopes',
        severity: 'warning',
        message: `entry ${i + 1} (${JSON.stringify(s)}) is empty or contains spaces; scopes are joined by spaces in the login URL`
      })
    }
  })
  for (const f of PATH_FIELDS) out.push(...pathProblems(f, config[f]))
  return out
}

/** One path field: length and RFC 9535 syntax, as the panel checks them on save. */
export function pathProblems(field: PathField, value: string | null): RuleProblem[] {
  if (value === null) {
    return field === 'identifier_path' ? [{ field, severity: 'error', message: 'is required' }] : []
  }
  const min = field === 'identifier_path' ? 3 : 1
  const len = lengthRule(field, value, min, 255)
  if (len) return [len]
  // The panel's own parser (its `validate_json_path`). Where the engine is not loaded (the renderer's main
  // thread keeps it in the Claims worker), the save itself checks again in core before anything is sent.
  const parsed = hasPanelEngine() ? panelEngine().checkPath(value) : { ok: true as const }
  if (!parsed.ok) {
    return [{ field, severity: 'error', message: `invalid JSONPath at position ${parsed.offset}: ${refusalInWords(value, parsed)}` }]
  }
  if (charCount(value) < 3) {
    return [{ field, severity: 'warning', message: "is shorter than 3 characters: the panel's API accepts it, but its web form does not" }]
  }
  return []
}
