/**
 * A Calagopus Panel stand-in on 127.0.0.1, port 0: the parts of the panel the push
 * talks to, written from the panel's source (calagopus/panel; docs/panel-behaviour.md) so
 * that it judges our client instead of agreeing with it.
 *
 * What it reproduces, and where the panel decides it:
 * - API key auth (backend/src/routes/api/client/mod.rs): no header → 401 `missing
 *   authorization`; a header whose length is not 55 bytes → 401 `invalid authorization
 *   header`; an unknown key → 401 `invalid api key`; then (api/admin/mod.rs) a user
 *   without admin rights → 401 `unauthorized`; then per route a missing admin permission
 *   → 403 `you do not have permission to perform this action: <perm>` (user/auth.rs).
 * - Bodies (shared/src/payload.rs): only exactly `application/json`; an empty body is `{}`;
 *   serde errors → 400 `invalid payload: …`; unknown keys are ignored (no deny_unknown_fields).
 * - Validation (garde, shared/src/models/oauth_provider.rs): one message per failing rule,
 *   `"<field>: <message>"`, in field declaration order, with garde's texts (`length is
 *   lower than 3`, `length is greater than 255`) and the panel's `must be a valid json
 *   path: at position N, …` (serde_json_path's own wording, from the panel's engine). Sent the way `ApiResponse::from(DatabaseError::Validation)` sends
 *   it: the `{"errors":[…]}` document serialized to a string, wrapped in another
 *   `{"errors":[…]}` (shared/src/response.rs, extract_readable_error).
 * - 409 `oauth provider with name already exists` (case-sensitive unique index on name).
 * - PATCH (UpdateOAuthProviderOptions): absent = unchanged; `null` clears description and
 *   the four optional paths (serde double_option); `null` elsewhere is ignored; 200 `{}`.
 * - Routes under /{uuid}: read permission first, then `invalid oauth provider uuid` 400,
 *   then `oauth provider not found` 404 (the route layer), then the handler's checks.
 * - GET list: per_page 1..=100, search is ILIKE '%text%' (`%`, `_` wildcards), by created.
 * - GET /api/settings: the public settings with `app.url` and `app.name`.
 * - GET /api/auth/oauth/redirect/{uuid}: rate limit 6 per 300 s per IP and provider
 *   (the 6th is refused: 429 with X-RateLimit-Limit/-Remaining/-Reset and Retry-After,
 *   headers the panel sends on refusals only), 404 for unknown or disabled, 307 to auth_url with the oauth2
 *   crate's parameters appended (response_type, client_id, state, redirect_uri built
 *   from app.url with trailing slashes trimmed and kept verbatim, scope joined by spaces
 *   only when not empty), form-urlencoded; a state cookie.
 * - An optional path prefix (a reverse proxy mounting the panel at /panel): anything
 *   outside it is an ordinary 404 page.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { parse as parseJson, type AnyNode } from '@humanwhocodes/momoa'
import {
  handleMappingRoute,
  handlePickerRoute,
  type MappingRoutesState,
  type StandinRole,
  type StandinServer,
  type StoredMapping
} from './panel-standin-mappings'
import { usePanelEngineFromDisk } from '../../src/core/engine/load-node'
import { panelEngine } from '../../src/core/engine/registry'

export const ALL_OAUTH_PERMISSIONS = ['oauth-providers.read', 'oauth-providers.create', 'oauth-providers.update', 'oauth-providers.delete']
/** A default key also reads roles and servers (the mapping pickers). */
const DEFAULT_PERMISSIONS = [...ALL_OAUTH_PERMISSIONS, 'roles.read', 'servers.read']

export interface StandinKey {
  key: string
  /** The key owner is an admin (default true); false with no role permissions → 401 `unauthorized`. */
  admin?: boolean
  /** The API key's admin permissions (default: all oauth-providers ones). */
  permissions?: string[]
}

export interface StoredProvider {
  uuid: string
  name: string
  description: string | null
  client_id: string
  client_secret: string
  auth_url: string
  token_url: string
  info_url: string
  scopes: string[]
  identifier_path: string
  email_path: string | null
  username_path: string | null
  name_first_path: string | null
  name_last_path: string | null
  enabled: boolean
  login_only: boolean
  login_bypass_2fa: boolean
  link_viewable: boolean
  user_manageable: boolean
  basic_auth: boolean
  created: string
}

export interface StandinRequest {
  method: string
  /** Path below the prefix, without the query. */
  path: string
  query: string
  contentType: string | undefined
  authorization: boolean
  body: string
}

export interface PanelStandinOptions {
  /** e.g. `/panel`; default none. */
  prefix?: string
  /** The panel's app.url; default: the stand-in's own address (prefix included). */
  appUrl?: string
  appName?: string
  keys?: StandinKey[]
  /** Answer every request after this many ms (a slow panel). */
  delayMs?: number
  /** The redirect route's rate limit (default on, as the panel). */
  rateLimit?: boolean
}

export interface PanelStandin {
  /** Base address incl. prefix, e.g. `http://127.0.0.1:40000/panel`. */
  url: string
  origin: string
  /** A valid 48-character key with every oauth-providers permission. */
  apiKey: string
  providers: Map<string, StoredProvider>
  requests: StandinRequest[]
  /** Requests that changed something (POST, PATCH, DELETE). */
  writes(): StandinRequest[]
  appUrl: string
  appName: string
  delayMs: number
  /** Mappings, roles and servers (the mapping routes and pickers). */
  mappingState: MappingRoutesState
  /** The provider's mappings in the panel's order (created). */
  mappingsOf(provider: string): StoredMapping[]
  seedRole(name: string, uuid?: string): StandinRole
  seedServer(name: string, uuid?: string): StandinServer
  /** Adds a provider directly (as if created earlier); returns it. */
  seed(p: Partial<StoredProvider> & { name: string }): StoredProvider
  close(): Promise<void>
}

/** A random key of the panel's length (48 characters). */
export function makeApiKey(): string {
  return randomBytes(36).toString('base64url').slice(0, 48)
}

const PREFIX_API = '/api'

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', vary: 'Accept', ...headers })
  res.end(text)
}
const errors = (res: http.ServerResponse, status: number, ...messages: string[]): void => json(res, status, { errors: messages })

// ---------------------------------------------------------------- serde emulation

type FieldKind = 'string' | 'bool' | 'strings' | 'option-string' | 'double-option-string' | 'option-bool' | 'option-strings'

const CREATE_FIELDS: [string, FieldKind][] = [
  ['name', 'string'],
  ['description', 'option-string'],
  ['enabled', 'bool'],
  ['login_only', 'bool'],
  ['login_bypass_2fa', 'bool'],
  ['link_viewable', 'bool'],
  ['user_manageable', 'bool'],
  ['basic_auth', 'bool'],
  ['client_id', 'string'],
  ['client_secret', 'string'],
  ['auth_url', 'string'],
  ['token_url', 'string'],
  ['info_url', 'string'],
  ['scopes', 'strings'],
  ['identifier_path', 'string'],
  ['email_path', 'option-string'],
  ['username_path', 'option-string'],
  ['name_first_path', 'option-string'],
  ['name_last_path', 'option-string']
]

const UPDATE_FIELDS: [string, FieldKind][] = CREATE_FIELDS.map(([k, kind]) => {
  if (k === 'description' || (k.endsWith('_path') && k !== 'identifier_path')) return [k, 'double-option-string']
  if (kind === 'bool') return [k, 'option-bool']
  if (kind === 'strings') return [k, 'option-strings']
  return [k, 'option-string']
})

class SerdeError extends Error {}

function unexpected(node: AnyNode): string {
  switch (node.type) {
    case 'Null':
      return 'null'
    case 'Boolean':
      return `boolean \`${node.value}\``
    case 'Number':
      return Number.isInteger(node.value) ? `integer \`${node.value}\`` : `floating point \`${node.value}\``
    case 'String':
      return `string ${JSON.stringify(node.value)}`
    case 'Array':
      return 'sequence'
    case 'Object':
      return 'map'
    default:
      return node.type
  }
}

function at(node: AnyNode): string {
  return `at line ${node.loc.end.line} column ${Math.max(1, node.loc.end.column - 1)}`
}

function expectString(node: AnyNode): string {
  if (node.type !== 'String') throw new SerdeError(`invalid type: ${unexpected(node)}, expected a string ${at(node)}`)
  return node.value
}

function convert(node: AnyNode, kind: FieldKind): unknown {
  const optional = kind.startsWith('option') || kind.startsWith('double-option')
  if (node.type === 'Null' && optional) return kind === 'double-option-string' ? null : undefined
  switch (kind) {
    case 'string':
    case 'option-string':
    case 'double-option-string':
      return expectString(node)
    case 'bool':
    case 'option-bool':
      if (node.type !== 'Boolean') throw new SerdeError(`invalid type: ${unexpected(node)}, expected a boolean ${at(node)}`)
      return node.value
    case 'strings':
    case 'option-strings':
      if (node.type !== 'Array') throw new SerdeError(`invalid type: ${unexpected(node)}, expected a sequence ${at(node)}`)
      return node.elements.map((e) => expectString(e.value))
  }
}

/**
 * serde_json + serde derive for one of the option structs: document order, first error
 * wins; missing required fields reported after the object (declaration order).
 * Returns the fields present (`undefined` = absent or ignored null, `null` = clear).
 */
function deserialize(text: string, fields: [string, FieldKind][], structName: string): Record<string, unknown> {
  const source = text.trim() === '' ? '{}' : text
  let doc
  try {
    doc = parseJson(source)
  } catch (err) {
    const e = err as { line?: number; column?: number; message: string }
    if (e.line !== undefined) throw new SerdeError(`expected value at line ${e.line} column ${e.column}`)
    throw new SerdeError('EOF while parsing a value at line 1 column 0')
  }
  const root = doc.body
  if (root.type !== 'Object') throw new SerdeError(`invalid type: ${unexpected(root)}, expected struct ${structName} ${at(root)}`)
  const kinds = new Map(fields)
  const out: Record<string, unknown> = {}
  const seen = new Set<string>()
  for (const m of root.members) {
    const key = m.name.type === 'String' ? m.name.value : String((m.name as { name?: string }).name)
    const kind = kinds.get(key)
    if (!kind) continue
    if (seen.has(key)) throw new SerdeError(`duplicate field \`${key}\` ${at(m.name)}`)
    seen.add(key)
    out[key] = convert(m.value, kind)
  }
  for (const [k, kind] of fields) {
    if (!seen.has(k) && (kind === 'string' || kind === 'bool' || kind === 'strings')) {
      throw new SerdeError(`missing field \`${k}\` ${at(root)}`)
    }
  }
  return out
}

// ---------------------------------------------------------------- garde emulation

function chars(s: string): number {
  return [...s].length
}

function lengthRule(errs: string[], field: string, value: string, min: number, max: number): void {
  const n = chars(value)
  if (n < min) errs.push(`${field}: length is lower than ${min}`)
  else if (n > max) errs.push(`${field}: length is greater than ${max}`)
}

// Paths are judged by the panel's own parser (the engine), loaded from disk on first use.
usePanelEngineFromDisk()

function jsonPathRule(errs: string[], field: string, value: string): void {
  const check = panelEngine().checkPath(value)
  if (!check.ok) errs.push(`${field}: must be a valid json path: ${check.error}`)
}

/** garde's report for Create/UpdateOAuthProviderOptions, flattened like flatten_validation_errors. */
function validate(v: Record<string, unknown>): string[] {
  const errs: string[] = []
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined)
  if (str('name') !== undefined) lengthRule(errs, 'name', str('name')!, 1, 255)
  if (str('description') !== undefined) lengthRule(errs, 'description', str('description')!, 1, 1024)
  for (const k of ['client_id', 'client_secret', 'auth_url', 'token_url', 'info_url']) {
    if (str(k) !== undefined) lengthRule(errs, k, str(k)!, 3, 255)
  }
  if (Array.isArray(v.scopes) && v.scopes.length > 255) errs.push('scopes: length is greater than 255')
  if (str('identifier_path') !== undefined) {
    lengthRule(errs, 'identifier_path', str('identifier_path')!, 3, 255)
    jsonPathRule(errs, 'identifier_path', str('identifier_path')!)
  }
  for (const k of ['email_path', 'username_path', 'name_first_path', 'name_last_path']) {
    if (str(k) !== undefined) {
      lengthRule(errs, k, str(k)!, 1, 255)
      jsonPathRule(errs, k, str(k)!)
    }
  }
  return errs
}

/** How ApiResponse::from(DatabaseError::Validation) answers: the report, serialized, as the one message. */
function validationFailed(res: http.ServerResponse, messages: string[]): void {
  errors(res, 400, JSON.stringify({ errors: messages }))
}

// ---------------------------------------------------------------- server

/**
 * Postgres `name ILIKE '%' || $1 || '%'`: `%` and `_` are wildcards and `\` escapes the
 * next character (the default ESCAPE), so a search text ending in `\` escapes the final `%`.
 */
function ilike(search: string): RegExp {
  const pattern = `%${search}%`
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    else if (c === '%') re += '.*'
    else if (c === '_') re += '.'
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`, 'is')
}

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

/**
 * The limit the panel passes to its ratelimit() for the login redirect: refused once the
 * window's count reaches it, so 5 requests get through (docs/panel-behaviour.md#rate-limits).
 */
const REDIRECT_RATE_LIMIT = 6

/** Starts the stand-in. */
export async function startPanelStandin(opts: PanelStandinOptions = {}): Promise<PanelStandin> {
  const prefix = (opts.prefix ?? '').replace(/\/+$/, '')
  const defaultKey = makeApiKey()
  const keys: StandinKey[] = opts.keys ?? [{ key: defaultKey }]
  const providers = new Map<string, StoredProvider>()
  const requests: StandinRequest[] = []
  const rate = new Map<string, { count: number; expires: number }>()
  const mappingState: MappingRoutesState = { mappings: [], roles: [], servers: [] }
  const server = http.createServer()

  const self: PanelStandin = {
    url: '',
    origin: '',
    apiKey: keys[0]?.key ?? defaultKey,
    providers,
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
    appUrl: '',
    appName: opts.appName ?? 'Calagopus',
    delayMs: opts.delayMs ?? 0,
    mappingState,
    mappingsOf: (provider) =>
      mappingState.mappings
        .filter((m) => m.provider === provider)
        .sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0)),
    seedRole(name, uuid = randomUUID()) {
      const r = { uuid, name, description: null }
      mappingState.roles.push(r)
      return r
    },
    seedServer(name, uuid = randomUUID()) {
      const s = { uuid, name, owner: 'admin' }
      mappingState.servers.push(s)
      return s
    },
    seed(p) {
      const rec: StoredProvider = {
        uuid: randomUUID(),
        description: null,
        client_id: 'seeded-client',
        client_secret: 'seeded-secret',
        auth_url: 'https://idp.example.com/authorize',
        token_url: 'https://idp.example.com/token',
        info_url: 'https://idp.example.com/userinfo',
        scopes: ['openid', 'profile', 'email'],
        identifier_path: '$.sub',
        email_path: '$.email',
        username_path: '$.preferred_username',
        name_first_path: '$.given_name',
        name_last_path: '$.family_name',
        enabled: true,
        login_only: false,
        login_bypass_2fa: false,
        link_viewable: true,
        user_manageable: true,
        basic_auth: false,
        created: new Date(Date.now() + providers.size).toISOString(),
        ...p
      }
      providers.set(rec.uuid, rec)
      return rec
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }

  /** client::auth then admin::auth; returns the permissions or null when it answered. */
  const authenticate = (req: http.IncomingMessage, res: http.ServerResponse): string[] | null => {
    const header = req.headers.authorization
    if (header === undefined) {
      errors(res, 401, 'missing authorization')
      return null
    }
    // "Bearer ".len() + 48 character token, in bytes.
    if (Buffer.byteLength(header, 'latin1') !== 55) {
      errors(res, 401, 'invalid authorization header')
      return null
    }
    let token = header
    while (token.startsWith('Bearer ')) token = token.slice(7)
    const entry = keys.find((k) => k.key === token)
    if (!entry) {
      errors(res, 401, 'invalid api key')
      return null
    }
    if (entry.admin === false) {
      errors(res, 401, 'unauthorized')
      return null
    }
    return entry.permissions ?? DEFAULT_PERMISSIONS
  }

  const allowed = (perms: string[], perm: string, res: http.ServerResponse): boolean => {
    if (perms.includes(perm)) return true
    errors(res, 403, `you do not have permission to perform this action: ${perm}`)
    return false
  }

  const payload = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string,
    fields: [string, FieldKind][],
    struct: string
  ): Record<string, unknown> | null => {
    const ct = req.headers['content-type']
    if (ct === undefined) {
      errors(res, 400, 'invalid payload: missing content type header')
      return null
    }
    // mime::Mime equality includes parameters: `application/json; charset=utf-8` is not APPLICATION_JSON.
    if (ct.trim().toLowerCase() !== 'application/json') {
      errors(res, 400, 'invalid payload: unsupported content type')
      return null
    }
    try {
      return deserialize(body, fields, struct)
    } catch (err) {
      if (err instanceof SerdeError) {
        errors(res, 400, `invalid payload: ${err.message}`)
        return null
      }
      throw err
    }
  }

  const adminObject = (p: StoredProvider): StoredProvider => ({ ...p })

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://standin')
    let path = url.pathname
    if (prefix) {
      if (path !== prefix && !path.startsWith(`${prefix}/`)) {
        res.writeHead(404, { 'content-type': 'text/html' })
        res.end('<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>')
        return
      }
      path = path.slice(prefix.length) || '/'
    }
    requests.push({
      method: req.method ?? 'GET',
      path,
      query: url.search,
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization !== undefined,
      body
    })
    const method = req.method ?? 'GET'

    if (path === `${PREFIX_API}/settings` && method === 'GET') {
      json(res, 200, {
        time: new Date().toISOString(),
        oobe_step: null,
        disabled_extensions: [],
        captcha_provider: { type: 'none' },
        app: {
          url: self.appUrl,
          icon: '/icon.svg',
          icon_light: null,
          banner: null,
          banner_light: null,
          name: self.appName,
          language: 'en',
          registration_enabled: true,
          debug: false
        },
        webauthn: { enabled: false, allow_discoverable: false },
        server: {},
        user: {}
      })
      return
    }

    const redirect = /^\/api\/auth\/oauth\/redirect\/([^/]+)$/.exec(path)
    if (redirect && method === 'GET') {
      const id = decodeURIComponent(redirect[1]!)
      if (!UUID_RE.test(id)) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('Invalid URL: UUID parsing failed')
        return
      }
      if (opts.rateLimit !== false) {
        const key = `${id}::${req.socket.remoteAddress}`
        const now = Math.floor(Date.now() / 1000)
        const cur = rate.get(key)
        const entry = cur && cur.expires > now + 2 ? { count: cur.count + 1, expires: cur.expires } : { count: 1, expires: now + 300 }
        rate.set(key, entry)
        if (entry.count >= REDIRECT_RATE_LIMIT) {
          const retry = Math.max(0, entry.expires - now)
          // The panel's ratelimit(): these four headers, on the refusal only.
          res.setHeader('X-RateLimit-Limit', String(REDIRECT_RATE_LIMIT))
          res.setHeader('X-RateLimit-Remaining', String(Math.max(0, REDIRECT_RATE_LIMIT - entry.count)))
          res.setHeader('X-RateLimit-Reset', String(entry.expires))
          res.setHeader('Retry-After', String(retry))
          errors(res, 429, `you are ratelimited, retry in ${retry}s`)
          return
        }
      }
      const p = providers.get(id.toLowerCase())
      if (!p || !p.enabled) {
        errors(res, 404, 'oauth provider not found')
        return
      }
      let auth: URL
      // RedirectUrl::new keeps the string it was given (oauth2 new_url_type!: parsed only to
      // check it): the redirect_uri sent is app.url verbatim, not a normalized URL.
      const redirectUri = `${self.appUrl.replace(/\/+$/, '')}/api/auth/oauth/${p.uuid}`
      try {
        auth = new URL(p.auth_url)
        new URL(redirectUri)
      } catch {
        errors(res, 500, 'internal server error')
        return
      }
      const state = randomBytes(16).toString('base64url')
      const pairs = new URLSearchParams()
      pairs.append('response_type', 'code')
      pairs.append('client_id', p.client_id)
      pairs.append('state', state)
      pairs.append('redirect_uri', redirectUri)
      if (p.scopes.length) pairs.append('scope', p.scopes.join(' '))
      // url::Url::query_pairs_mut appends to the existing query, it does not re-encode it.
      const existing = auth.search.replace(/^\?/, '')
      auth.search = existing ? `${existing}&${pairs}` : pairs.toString()
      res.writeHead(307, {
        location: auth.toString(),
        'set-cookie': `oauth_state=${state}; HttpOnly; SameSite=Lax; Path=/api/auth/oauth; Max-Age=600`
      })
      res.end()
      return
    }

    if (path === '/api/admin/oauth-providers' || path.startsWith('/api/admin/oauth-providers/')) {
      const perms = authenticate(req, res)
      if (!perms) return
      const rest = path.slice('/api/admin/oauth-providers'.length).replace(/^\//, '')
      if (rest === '') {
        if (method === 'GET') {
          const page = Number(url.searchParams.get('page') ?? '1')
          const perPage = Number(url.searchParams.get('per_page') ?? '10')
          const search = url.searchParams.get('search') || null
          if (!Number.isInteger(page) || !Number.isInteger(perPage)) {
            res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
            res.end('Failed to deserialize query string: invalid digit found in string')
            return
          }
          const verrs: string[] = []
          if (page < 1) verrs.push('page: lower than 1')
          if (perPage < 1) verrs.push('per_page: lower than 1')
          else if (perPage > 100) verrs.push('per_page: greater than 100')
          if (search !== null && chars(search) > 128) verrs.push('search: length is greater than 128')
          if (verrs.length) {
            json(res, 400, { errors: verrs })
            return
          }
          if (!allowed(perms, 'oauth-providers.read', res)) return
          const all = [...providers.values()].sort((a, b) => a.created.localeCompare(b.created))
          const hits = search === null ? all : all.filter((p) => ilike(search).test(p.name))
          const data = hits.slice((page - 1) * perPage, page * perPage).map(adminObject)
          // COUNT(*) OVER() read from the first row: a page past the end says total 0.
          json(res, 200, { oauth_providers: { total: data.length ? hits.length : 0, per_page: perPage, page, data } })
          return
        }
        if (method === 'POST') {
          const data = payload(req, res, body, CREATE_FIELDS, 'CreateOAuthProviderOptions')
          if (!data) return
          if (!allowed(perms, 'oauth-providers.create', res)) return
          const verrs = validate(data)
          if (verrs.length) {
            validationFailed(res, verrs)
            return
          }
          if ([...providers.values()].some((p) => p.name === data.name)) {
            errors(res, 409, 'oauth provider with name already exists')
            return
          }
          const rec = self.seed({
            ...(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v === undefined ? null : v])) as Partial<StoredProvider> & {
              name: string
            }),
            created: new Date().toISOString()
          })
          json(res, 200, { oauth_provider: adminObject(rec) })
          return
        }
        res.writeHead(405)
        res.end()
        return
      }
      const id = rest.split('/')[0]!
      // The {oauth_provider} route layer: permission, uuid, existence.
      if (!allowed(perms, 'oauth-providers.read', res)) return
      if (!UUID_RE.test(id)) {
        errors(res, 400, 'invalid oauth provider uuid')
        return
      }
      const p = providers.get(id.toLowerCase())
      if (!p) {
        errors(res, 404, 'oauth provider not found')
        return
      }
      const sub = rest.slice(id.length)
      if (sub === '/mappings' || sub.startsWith('/mappings/')) {
        handleMappingRoute(
          mappingState,
          p.uuid,
          sub.slice('/mappings'.length),
          method,
          url,
          req,
          body,
          (perm) => allowed(perms, perm, res),
          (status, b) => json(res, status, b)
        )
        return
      }
      if (rest !== id) {
        res.writeHead(404)
        res.end()
        return
      }
      if (method === 'GET') {
        json(res, 200, { oauth_provider: adminObject(p) })
        return
      }
      if (method === 'PATCH') {
        const data = payload(req, res, body, UPDATE_FIELDS, 'UpdateOAuthProviderOptions')
        if (!data) return
        if (!allowed(perms, 'oauth-providers.update', res)) return
        const verrs = validate(data)
        if (verrs.length) {
          validationFailed(res, verrs)
          return
        }
        if (typeof data.name === 'string' && [...providers.values()].some((o) => o.uuid !== p.uuid && o.name === data.name)) {
          errors(res, 409, 'oauth provider with name already exists')
          return
        }
        for (const [k, v] of Object.entries(data)) {
          if (v === undefined) continue
          ;(p as unknown as Record<string, unknown>)[k] = v
        }
        json(res, 200, {})
        return
      }
      if (method === 'DELETE') {
        if (!allowed(perms, 'oauth-providers.delete', res)) return
        providers.delete(p.uuid)
        // ON DELETE CASCADE
        mappingState.mappings = mappingState.mappings.filter((m) => m.provider !== p.uuid)
        json(res, 200, {})
        return
      }
      res.writeHead(405)
      res.end()
      return
    }

    if (path === '/api/admin/roles' || path === '/api/admin/servers' || path === '/api/client/permissions') {
      const perms = authenticate(req, res)
      if (!perms) return
      if (
        handlePickerRoute(
          mappingState,
          path,
          method,
          url,
          (perm) => allowed(perms, perm, res),
          (status, b) => json(res, status, b)
        )
      )
        return
    }

    // The panel's frontend answers everything else (an SPA page).
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><html><head><title>Calagopus</title></head><body><div id="root"></div></body></html>')
  }

  server.on('request', (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      if (self.delayMs > 0) {
        const t = setTimeout(() => handle(req, res, body), self.delayMs)
        res.on('close', () => clearTimeout(t))
      } else {
        handle(req, res, body)
      }
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  self.origin = `http://127.0.0.1:${port}`
  self.url = `${self.origin}${prefix}`
  self.appUrl = opts.appUrl ?? self.url
  return self
}

/** An ordinary website (not a panel): HTML for every path, like a company homepage. */
export async function startOrdinaryWebsite(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><html><head><title>Example Corp</title></head><body><h1>Welcome to Example Corp</h1></body></html>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
