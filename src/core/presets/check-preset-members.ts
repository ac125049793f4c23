import { PATH_FIELDS, PROVIDER_KEYS, SWITCH_FIELDS } from '../../shared/provider'
import type { ImportProblem, PresetConfig, PresetFormat } from '../../shared/schemas/presets'
import { PRESET_KEYS } from '../../shared/schemas/presets'
import { checkProviderRules } from '../provider/rules'
import { describe, problem, where } from './import-problems'
import { suggestKey } from './suggest-key'
import type { RawMember } from './parsed-preset'

type Field = (typeof PROVIDER_KEYS)[number]

/** The panel's `toCamelCase` (frontend lib/api-transform.ts). */
function toCamelCase(key: string): string {
  return key.replace(/_([a-z0-9])/gi, (_: string, letter: string) => letter.toUpperCase())
}

const FIELD_BY_CAMEL = new Map<string, Field>(PROVIDER_KEYS.map((k) => [toCamelCase(k), k]))

const STRING_FIELDS = new Set<string>(['name', 'auth_url', 'token_url', 'info_url', 'identifier_path'])
const NULLABLE_FIELDS = new Set<string>(['description', 'email_path', 'username_path', 'name_first_path', 'name_last_path'])
const BOOL_FIELDS = new Set<string>(SWITCH_FIELDS)

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
export function checkMembers(members: RawMember[], format: PresetFormat): { preset: PresetConfig; problems: ImportProblem[] } {
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

  // A preset never carries credentials; the panel's Import overwrites both (docs/panel-behaviour.md#preset-import).
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
      else typeErr('text', typeof v === 'number' || typeof v === 'boolean' ? `Quote it: ${f}: '${String(v)}'.` : '')
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
