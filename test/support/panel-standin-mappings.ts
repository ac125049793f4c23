/**
 * The mapping half of the panel stand-in: `/api/admin/oauth-providers/{provider}/mappings`
 * and the pickers (`/api/admin/roles`, `/api/admin/servers`, `/api/client/permissions`),
 * written from the panel's source (calagopus/panel 76dfc96; docs/panel-behaviour.md#mapping-admin-api) so that it judges the client:
 * - permissions: list/get need oauth-providers.read (checked by the {provider} layer
 *   before this), create/update/delete need oauth-providers.update; roles.read, servers.read;
 * - bodies: exactly `application/json`; serde of the tagged enums (`type`), missing keys
 *   and unknown variants → 400 `invalid payload: …` (the serde wording is approximated:
 *   no line/column); unknown keys dropped; uuids parsed (upper case, braces, URN, bare hex)
 *   and stored lowercase hyphenated; `revoke_unmatched` defaults to false;
 * - validation → 400 flat `{"errors":["matcher.matchers[0].path: …", …]}` with garde's
 *   texts, nesting limit, byte limits, known server permissions (first bad one);
 * - PATCH: each object given replaces the stored one whole; absent or null = unchanged;
 * - list: page ≥ 1, per_page 1..=100 (defaults 1/25), ordered by created; unknown mapping 404;
 * - role/server uuids are not checked on write; `cleanupUnknownUuids()` does what the
 *   panel's cron does a minute later (deletes mappings whose role or server is gone).
 */
import { randomUUID } from 'node:crypto'
import type http from 'node:http'
import { usePanelEngineFromDisk } from '../../src/core/engine/load-node'
import { panelEngine } from '../../src/core/engine/registry'

usePanelEngineFromDisk()

export interface StoredMapping {
  uuid: string
  provider: string
  matcher: unknown
  mapping: unknown
  created: string
}

export interface StandinRole {
  uuid: string
  name: string
  description: string | null
}
export interface StandinServer {
  uuid: string
  name: string
  owner: string
}

/** The panel's base server permissions (shared/src/permissions.rs), `<group>.<key>`. */
export const STANDIN_SERVER_PERMISSIONS: Record<string, string[]> = {
  control: ['read-console', 'console', 'start', 'stop', 'restart'],
  subusers: ['create', 'read', 'update', 'delete'],
  files: ['create', 'read', 'read-content', 'update', 'delete', 'archive', 'sftp', 'query-raw'],
  backups: ['create', 'read', 'download', 'restore', 'update', 'delete'],
  'backup-groups': ['create', 'read', 'update', 'delete'],
  schedules: ['create', 'read', 'update', 'delete'],
  allocations: ['read', 'create', 'update', 'delete'],
  startup: ['read', 'update', 'command', 'docker-image'],
  databases: [
    'create',
    'read',
    'read-password',
    'update',
    'recreate',
    'delete',
    'query',
    'query-raw',
    'edit-rows',
    'edit-structure',
    'delete-structure'
  ],
  'database-instances': [
    'create',
    'read',
    'update',
    'apply-update',
    'delete',
    'power',
    'logs',
    'databases',
    'recreate',
    'users',
    'import',
    'export',
    'query',
    'query-raw',
    'edit-rows',
    'edit-structure',
    'delete-structure'
  ],
  mounts: ['attach', 'read', 'detach'],
  settings: ['rename', 'timezone', 'auto-kill', 'auto-start', 'install', 'cancel-install'],
  activity: ['read', 'read-ip']
}

export interface MappingRoutesState {
  mappings: StoredMapping[]
  roles: StandinRole[]
  servers: StandinServer[]
}

type Reply = (status: number, body: unknown) => void
type Allowed = (perm: string) => boolean

class PayloadError extends Error {}

const typeName = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'sequence'
      : typeof v === 'object'
        ? 'map'
        : typeof v === 'boolean'
          ? `boolean \`${v}\``
          : typeof v === 'number'
            ? `integer \`${v}\``
            : `string ${JSON.stringify(v)}`

function obj(v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new PayloadError(`invalid type: ${typeName(v)}, expected ${what}`)
  return v as Record<string, unknown>
}
function str(o: Record<string, unknown>, k: string): string {
  if (!(k in o)) throw new PayloadError(`missing field \`${k}\``)
  if (typeof o[k] !== 'string') throw new PayloadError(`invalid type: ${typeName(o[k])}, expected a string`)
  return o[k] as string
}
function strs(o: Record<string, unknown>, k: string): string[] {
  if (!(k in o)) throw new PayloadError(`missing field \`${k}\``)
  const v = o[k]
  if (!Array.isArray(v)) throw new PayloadError(`invalid type: ${typeName(v)}, expected a sequence`)
  return v.map((e) => {
    if (typeof e !== 'string') throw new PayloadError(`invalid type: ${typeName(e)}, expected a string`)
    return e
  })
}

/** uuid crate's parse_str: hyphenated, simple, braced, urn; any case. */
export function parseUuid(text: string): string {
  let t = text
  if (/^urn:uuid:/i.test(t)) t = t.slice(9)
  else if (t.startsWith('{') && t.endsWith('}')) t = t.slice(1, -1)
  const hex = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t)
    ? t.replace(/-/g, '')
    : /^[0-9a-f]{32}$/i.test(t)
      ? t
      : null
  if (!hex) throw new PayloadError(`UUID parsing failed: invalid character or length in ${JSON.stringify(text)}`)
  const h = hex.toLowerCase()
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const MATCHER_VARIANTS = [
  'none',
  'and',
  'or',
  'not',
  'scopes',
  'field_exists',
  'field_equals',
  'field_contains',
  'field_starts_with',
  'field_ends_with'
]
const VALUE_KEY: Record<string, string> = {
  field_equals: 'equals',
  field_contains: 'contains',
  field_starts_with: 'starts_with',
  field_ends_with: 'ends_with'
}

/** serde of OAuthProviderMappingMatcher: returns the stored (canonical) form. */
function readMatcher(v: unknown): unknown {
  const o = obj(v, 'internally tagged enum OAuthProviderMappingMatcher')
  const type = str(o, 'type')
  if (!MATCHER_VARIANTS.includes(type))
    throw new PayloadError(`unknown variant \`${type}\`, expected one of ${MATCHER_VARIANTS.map((x) => `\`${x}\``).join(', ')}`)
  switch (type) {
    case 'none':
      return { type }
    case 'and':
    case 'or': {
      if (!('matchers' in o)) throw new PayloadError('missing field `matchers`')
      if (!Array.isArray(o.matchers)) throw new PayloadError(`invalid type: ${typeName(o.matchers)}, expected a sequence`)
      return { type, matchers: o.matchers.map(readMatcher) }
    }
    case 'not':
      if (!('matcher' in o)) throw new PayloadError('missing field `matcher`')
      return { type, matcher: readMatcher(o.matcher) }
    case 'scopes':
      return { type, scopes: strs(o, 'scopes') }
    case 'field_exists':
      return { type, path: str(o, 'path') }
    default: {
      const key = VALUE_KEY[type]!
      return { type, path: str(o, 'path'), [key]: str(o, key) }
    }
  }
}

function readMapping(v: unknown): unknown {
  const o = obj(v, 'internally tagged enum OAuthProviderMappingType')
  const type = str(o, 'type')
  const revoke = (): boolean => {
    if (o.revoke_unmatched === undefined) return false
    if (typeof o.revoke_unmatched !== 'boolean') throw new PayloadError(`invalid type: ${typeName(o.revoke_unmatched)}, expected a boolean`)
    return o.revoke_unmatched
  }
  if (type === 'role') return { type, role_uuid: parseUuid(str(o, 'role_uuid')), revoke_unmatched: revoke() }
  if (type === 'server_subuser') {
    const server_uuid = parseUuid(str(o, 'server_uuid'))
    const permissions = strs(o, 'permissions')
    const ignored_files = strs(o, 'ignored_files')
    return { type, server_uuid, permissions, ignored_files, revoke_unmatched: revoke() }
  }
  throw new PayloadError(`unknown variant \`${type}\`, expected \`role\` or \`server_subuser\``)
}

function lengthMsg(n: number, min: number, max: number): string | null {
  if (n < min) return `length is lower than ${min}`
  if (n > max) return `length is greater than ${max}`
  return null
}

function validateMatcher(m: Record<string, unknown>, at: string, errs: string[]): void {
  const type = m.type as string
  if (type === 'and' || type === 'or')
    (m.matchers as Record<string, unknown>[]).forEach((s, i) => validateMatcher(s, `${at}.matchers[${i}]`, errs))
  else if (type === 'not') validateMatcher(m.matcher as Record<string, unknown>, `${at}.matcher`, errs)
  else if (type === 'scopes') {
    const scopes = m.scopes as string[]
    scopes.forEach((s, i) => {
      const e = lengthMsg(Buffer.byteLength(s), 0, 255)
      if (e) errs.push(`${at}.scopes[${i}]: ${e}`)
    })
    const e = lengthMsg(scopes.length, 0, 255)
    if (e) errs.push(`${at}.scopes: ${e}`)
  } else if (type.startsWith('field_')) {
    const path = m.path as string
    const e = lengthMsg([...path].length, 1, 255)
    if (e) errs.push(`${at}.path: ${e}`)
    // The panel's own parser (serde_json_path, in the engine) and its message.
    const check = panelEngine().checkPath(path)
    if (!check.ok) errs.push(`${at}.path: must be a valid json path: ${check.error}`)
    const key = VALUE_KEY[type]
    if (key) {
      const e2 = lengthMsg(Buffer.byteLength(m[key] as string), 0, 255)
      if (e2) errs.push(`${at}.${key}: ${e2}`)
    }
  }
}

function withinLimit(m: Record<string, unknown>, depth: number): boolean {
  const t = m.type
  if (t === 'and' || t === 'or' || t === 'not') {
    if (depth >= 3) return false
    const kids = t === 'not' ? [m.matcher] : (m.matchers as unknown[])
    return kids.every((k) => withinLimit(k as Record<string, unknown>, depth + 1))
  }
  return true
}

function validate(matcher: unknown, mapping: unknown, errs: string[]): void {
  if (matcher !== undefined) {
    validateMatcher(matcher as Record<string, unknown>, 'matcher', errs)
    if (!withinLimit(matcher as Record<string, unknown>, 0)) errs.push('matcher: matcher may not nest groups more than 3 levels deep')
  }
  const mp = mapping as { type?: string; permissions?: string[] } | undefined
  if (mp?.type === 'server_subuser') {
    const known = (p: string): boolean => {
      const dot = p.indexOf('.')
      return dot > 0 && (STANDIN_SERVER_PERMISSIONS[p.slice(0, dot)] ?? []).includes(p.slice(dot + 1))
    }
    const bad = mp.permissions!.find((p) => !known(p))
    if (bad !== undefined) errs.push(`mapping.permissions: invalid permission: ${bad}`)
  }
}

function pageParams(url: URL, reply: Reply): { page: number; perPage: number } | null {
  const page = Number(url.searchParams.get('page') ?? '1')
  const perPage = Number(url.searchParams.get('per_page') ?? '25')
  if (!Number.isInteger(page) || !Number.isInteger(perPage)) {
    reply(400, { errors: ['invalid query string'] })
    return null
  }
  const errs: string[] = []
  if (page < 1) errs.push('page: lower than 1')
  if (perPage < 1) errs.push('per_page: lower than 1')
  else if (perPage > 100) errs.push('per_page: greater than 100')
  if (errs.length) {
    reply(400, { errors: errs })
    return null
  }
  return { page, perPage }
}

function paged<T>(all: T[], page: number, perPage: number): { total: number; per_page: number; page: number; data: T[] } {
  const data = all.slice((page - 1) * perPage, page * perPage)
  return { total: data.length ? all.length : 0, per_page: perPage, page, data }
}

const adminObject = (m: StoredMapping): Record<string, unknown> => ({
  uuid: m.uuid,
  matcher: m.matcher,
  mapping: m.mapping,
  created: m.created
})

/** Reads a write body: Content-Type, then JSON (empty = `{}`); null when it answered. */
function readBody(req: http.IncomingMessage, body: string, reply: Reply): Record<string, unknown> | null {
  const ct = req.headers['content-type']
  if (ct === undefined) {
    reply(400, { errors: ['invalid payload: missing content type header'] })
    return null
  }
  if (ct.trim().toLowerCase() !== 'application/json') {
    reply(400, { errors: ['invalid payload: unsupported content type'] })
    return null
  }
  let v: unknown
  try {
    v = JSON.parse(body.trim() === '' ? '{}' : body)
  } catch (err) {
    reply(400, { errors: [`invalid payload: ${(err as Error).message}`] })
    return null
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    reply(400, { errors: [`invalid payload: invalid type: ${typeName(v)}, expected a map`] })
    return null
  }
  return v as Record<string, unknown>
}

interface Payload {
  matcher: unknown
  mapping: unknown
}

/**
 * The body's matcher and mapping as the panel's deserializer reads them: both required on
 * create; on update each optional (absent or null: left as it is). Null when refused (answered).
 */
function readPayload(v: Record<string, unknown>, create: boolean, reply: Reply): Payload | null {
  const read = (key: keyof Payload, parse: (x: unknown) => unknown): unknown => {
    if (create && !(key in v)) throw new PayloadError(`missing field \`${key}\``)
    return create || (v[key] !== undefined && v[key] !== null) ? parse(v[key]) : undefined
  }
  try {
    const matcher = read('matcher', readMatcher)
    return { matcher, mapping: read('mapping', readMapping) }
  } catch (err) {
    if (!(err instanceof PayloadError)) throw err
    reply(400, { errors: [`invalid payload: ${err.message}`] })
    return null
  }
}

/** The permission check, then the panel's validation of what the payload carries; false when refused (answered). */
function accepted(p: Payload, allowed: Allowed, reply: Reply): boolean {
  if (!allowed('oauth-providers.update')) return false
  const errs: string[] = []
  validate(p.matcher, p.mapping, errs)
  if (errs.length) reply(400, { errors: errs })
  return errs.length === 0
}

/**
 * `…/oauth-providers/{provider}/mappings[/{mapping}]`, after the {provider} layer
 * (read permission, uuid, existence) has passed. `rest` is the part after `/mappings`.
 */
export function handleMappingRoute(
  state: MappingRoutesState,
  provider: string,
  rest: string,
  method: string,
  url: URL,
  req: http.IncomingMessage,
  body: string,
  allowed: Allowed,
  reply: Reply
): void {
  const mine = (): StoredMapping[] =>
    state.mappings.filter((m) => m.provider === provider).sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0))
  if (rest === '') {
    if (method === 'GET') {
      const p = pageParams(url, reply)
      if (!p) return
      reply(200, { oauth_mappings: paged(mine().map(adminObject), p.page, p.perPage) })
      return
    }
    if (method === 'POST') {
      const v = readBody(req, body, reply)
      const payload = v && readPayload(v, true, reply)
      if (!payload || !accepted(payload, allowed, reply)) return
      const { matcher, mapping } = payload
      const rec: StoredMapping = { uuid: randomUUID(), provider, matcher, mapping, created: nextCreated(state) }
      state.mappings.push(rec)
      reply(200, { oauth_mapping: adminObject(rec) })
      return
    }
    reply(405, { errors: ['method not allowed'] })
    return
  }
  const id = rest.replace(/^\//, '')
  let key: string
  try {
    key = parseUuid(id)
  } catch {
    reply(400, { errors: ['invalid oauth mapping uuid'] })
    return
  }
  // The {mapping} route layer loads the mapping before any handler runs.
  const rec = state.mappings.find((m) => m.provider === provider && m.uuid === key)
  if (!rec) return reply(404, { errors: ['oauth mapping not found'] })
  if (method === 'GET') {
    reply(200, { oauth_mapping: adminObject(rec) })
    return
  }
  if (method === 'PATCH') {
    const v = readBody(req, body, reply)
    const payload = v && readPayload(v, false, reply)
    if (!payload || !accepted(payload, allowed, reply)) return
    const { matcher, mapping } = payload
    if (matcher !== undefined) rec.matcher = matcher
    if (mapping !== undefined) rec.mapping = mapping
    reply(200, {})
    return
  }
  if (method === 'DELETE') {
    if (!allowed('oauth-providers.update')) return
    state.mappings.splice(state.mappings.indexOf(rec), 1)
    reply(200, {})
    return
  }
  reply(405, { errors: ['method not allowed'] })
}

/** Strictly increasing creation times, even within one millisecond (the database's are microseconds). */
function nextCreated(state: MappingRoutesState): string {
  const last = state.mappings.reduce((t, m) => (m.created > t ? m.created : t), '')
  let t = Date.now()
  if (last && Date.parse(last) >= t) t = Date.parse(last) + 1
  return new Date(t).toISOString()
}

/** `/api/admin/roles`, `/api/admin/servers`, `/api/client/permissions`; false when the path is not one of them. */
export function handlePickerRoute(
  state: MappingRoutesState,
  path: string,
  method: string,
  url: URL,
  allowed: Allowed,
  reply: Reply
): boolean {
  if (method !== 'GET') return false
  if (path === '/api/client/permissions') {
    const server_permissions = Object.fromEntries(
      Object.entries(STANDIN_SERVER_PERMISSIONS).map(([g, keys]) => [
        g,
        { description: `Permissions for ${g}.`, permissions: Object.fromEntries(keys.map((k) => [k, `Allows ${k} on ${g}.`])) }
      ])
    )
    reply(200, { user_permissions: {}, admin_permissions: {}, server_permissions })
    return true
  }
  const kind = path === '/api/admin/roles' ? 'roles' : path === '/api/admin/servers' ? 'servers' : null
  if (!kind) return false
  const search = url.searchParams.get('search') ?? ''
  if ([...search].length > 128) {
    reply(400, { errors: ['search: length is greater than 128'] })
    return true
  }
  const p = pageParams(url, reply)
  if (!p) return true
  if (!allowed(`${kind}.read`)) return true
  const needle = search.toLowerCase()
  if (kind === 'roles') {
    const hits = state.roles.filter((r) => r.name.toLowerCase().includes(needle))
    const data = hits.map((r) => ({
      uuid: r.uuid,
      name: r.name,
      description: r.description,
      require_two_factor: false,
      admin_permissions: [],
      server_permissions: [],
      created: '2026-01-01T00:00:00Z'
    }))
    reply(200, { roles: paged(data, p.page, p.perPage) })
  } else {
    const hits = state.servers.filter((s) => s.name.toLowerCase().includes(needle))
    const data = hits.map((s) => ({ uuid: s.uuid, uuid_short: s.uuid.slice(0, 8), name: s.name, owner: { username: s.owner } }))
    reply(200, { servers: paged(data, p.page, p.perPage) })
  }
  return true
}

/** The panel's cron `cleanup_uuid_arrays`: mappings pointing at a role or server that does not exist go. */
export function cleanupUnknownUuids(state: MappingRoutesState): number {
  const before = state.mappings.length
  state.mappings = state.mappings.filter((m) => {
    const mp = m.mapping as { type: string; role_uuid?: string; server_uuid?: string }
    if (mp.type === 'role') return state.roles.some((r) => r.uuid === mp.role_uuid)
    return state.servers.some((s) => s.uuid === mp.server_uuid)
  })
  return before - state.mappings.length
}
