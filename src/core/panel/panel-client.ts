import { z } from 'zod'
import { AppError } from '../../shared/errors'
import { ProviderConfigSchema } from '../../shared/schemas/provider'
import { httpRequest, type HttpResponse } from '../net/http'
import { panelEvidence, panelHttpError } from './panel-errors'
import { panelApiUrl, type PanelBase } from './panel-url'

/**
 * The panel's admin record of a provider (`AdminApiOAuthProvider`): the provider record's fields (docs/panel-behaviour.md#provider-record) plus
 * uuid and created. Its `client_secret` is in clear; it stays inside the core (plan and
 * push compare against it) and never goes into a result, a message or evidence.
 */
export const AdminProviderSchema = ProviderConfigSchema.extend({
  uuid: z.string(),
  /** In clear in today's panel; a panel that stops returning it still works (the secret is then always sent). */
  client_secret: z.string().nullable().optional(),
  created: z.string().optional()
})
export type AdminProvider = z.infer<typeof AdminProviderSchema>

const SettingsSchema = z.object({
  app: z.object({ url: z.string(), name: z.string() })
})

const ListSchema = z.object({
  oauth_providers: z.object({
    total: z.number(),
    per_page: z.number(),
    page: z.number(),
    data: z.array(AdminProviderSchema)
  })
})

/** The panel's maximum page size (PaginationParamsWithSearch: per_page 1..=100). */
const PER_PAGE = 100
/** More pages than any panel has providers: a guard against a server that never ends. */
const MAX_PAGES = 50

export interface PanelClientOptions {
  panel: PanelBase
  /** Needed for the admin API; the public routes work without it. */
  apiKey?: string
  timeoutMs?: number
  signal?: AbortSignal
}

export interface PanelSettings {
  app_url: string
  app_name: string
}

/**
 * One request to the panel's API, as both the provider and the mapping clients send it:
 * through httpRequest (timeout, cancel, typed network errors), redirects not followed,
 * the API key as a Bearer token when given, a body as JSON.
 */
export function sendPanelRequest(opts: PanelClientOptions, method: string, path: string, body?: unknown): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`
  // Exactly `application/json`: the panel compares the whole media type, so
  // `application/json; charset=utf-8` is "unsupported content type" (shared/src/payload.rs).
  if (body !== undefined) headers['content-type'] = 'application/json'
  return httpRequest({
    url: panelApiUrl(opts.panel, path),
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
    maxRedirects: 0,
    what: 'the panel'
  })
}

/**
 * A small client of the panel's HTTP API (docs/panel-behaviour.md#admin-api). Every call goes
 * through httpRequest (timeout, cancel, typed network errors) with redirects NOT
 * followed: a redirect from an API route means the address is wrong (http → https,
 * a login page of a proxy), and a followed 302 would turn a POST into a GET.
 */
export class PanelClient {
  constructor(private readonly opts: PanelClientOptions) {}

  get panel(): PanelBase {
    return this.opts.panel
  }

  private async send(method: string, path: string, body?: unknown, auth = true): Promise<HttpResponse> {
    if (auth && !this.opts.apiKey) {
      throw new AppError('panel.key-missing', 'No API key is set for this panel.', {
        field: 'apiKey',
        hint: 'Create an API key in the panel (Account → API Keys) with the oauth-providers admin permissions and enter it here.'
      })
    }
    return sendPanelRequest({ ...this.opts, apiKey: auth ? this.opts.apiKey : undefined }, method, path, body)
  }

  private redirected(res: HttpResponse, method: string): AppError {
    const location = res.headers.get('location')
    const target = location ? new URL(location, res.url).toString() : null
    return new AppError('panel.redirected', `The panel address redirects${target ? ` to ${target}` : ''} instead of answering the API.`, {
      field: 'panelUrl',
      hint: target
        ? 'Use the address the panel really answers on (often the https:// one), including its path if it lives under one.'
        : 'Check the panel address.',
      evidence: panelEvidence(res, method)
    })
  }

  private json(res: HttpResponse, method: string, what: string): unknown {
    try {
      return JSON.parse(res.bodyText)
    } catch {
      throw new AppError('panel.not-a-panel', `The answer to ${what} is not JSON: this address does not look like a Calagopus Panel API.`, {
        field: 'panelUrl',
        hint: 'If the panel lives under a path (https://host/panel), include that path in the address.',
        evidence: panelEvidence(res, method)
      })
    }
  }

  private async admin(method: string, path: string, what: string, body?: unknown): Promise<HttpResponse> {
    const res = await this.send(method, path, body)
    if (res.status >= 300 && res.status < 400) throw this.redirected(res, method)
    if (res.status < 200 || res.status >= 300) throw panelHttpError(res, method, what)
    return res
  }

  /** `GET /api/settings` (public): proves the address is a Calagopus Panel and reads app.url/app.name. */
  async getSettings(): Promise<PanelSettings> {
    const res = await this.send('GET', '/api/settings', undefined, false)
    if (res.status >= 300 && res.status < 400) throw this.redirected(res, 'GET')
    const notPanel = (why: string): AppError =>
      new AppError('panel.not-a-panel', `${this.opts.panel.base} does not look like a Calagopus Panel: ${why}.`, {
        field: 'panelUrl',
        hint: 'Use the address you open the panel with in a browser. If the panel lives under a path (https://host/panel), include that path.',
        evidence: panelEvidence(res, 'GET')
      })
    if (res.status !== 200) throw notPanel(`GET /api/settings answered HTTP ${res.status}`)
    let body: unknown
    try {
      body = JSON.parse(res.bodyText)
    } catch {
      const ct = res.headers.get('content-type') ?? 'no content type'
      throw notPanel(`GET /api/settings answered with ${ct.split(';')[0]}, not the panel’s JSON settings`)
    }
    const parsed = SettingsSchema.safeParse(body)
    if (!parsed.success) throw notPanel('its /api/settings has no app.url and app.name')
    return { app_url: parsed.data.app.url, app_name: parsed.data.app.name }
  }

  /** One page of the admin list; `search` is the panel's case-insensitive substring match. */
  async listProviders(page: number, perPage: number, search?: string): Promise<z.infer<typeof ListSchema>['oauth_providers']> {
    const q = new URLSearchParams({ page: String(page), per_page: String(perPage) })
    if (search) q.set('search', search)
    const res = await this.admin('GET', `/api/admin/oauth-providers?${q}`, 'listing the OAuth providers')
    const parsed = ListSchema.safeParse(this.json(res, 'GET', 'the provider list'))
    if (!parsed.success) {
      throw new AppError('panel.unexpected', 'The panel’s list of OAuth providers has an unexpected shape.', {
        hint: 'This panel version may differ from the one this assistant knows; check that both are up to date.',
        evidence: panelEvidence(res, 'GET')
      })
    }
    return parsed.data.oauth_providers
  }

  /**
   * Every provider whose name equals `name` exactly (the panel's unique index is
   * case-sensitive), plus the near misses (same name, other case) for a warning.
   */
  async findByName(name: string): Promise<{ exact: AdminProvider | null; similar: AdminProvider[] }> {
    const all: AdminProvider[] = []
    // The panel's search is ILIKE '%text%' where % and _ are wildcards (more results,
    // never fewer) and a backslash escapes (fewer: so search only up to the first one).
    // Searching needs 1..=128 characters; otherwise list everything.
    const head = name.split('\\', 1)[0]!
    const search = head !== '' && [...head].length <= 128 ? head : undefined
    for (let page = 1; page <= MAX_PAGES; page++) {
      const p = await this.listProviders(page, PER_PAGE, search)
      all.push(...p.data)
      if (p.data.length === 0 || page * p.per_page >= p.total) break
    }
    const exact = all.find((p) => p.name === name) ?? null
    const lower = name.toLowerCase()
    const similar = all.filter((p) => p.name !== name && p.name.toLowerCase() === lower)
    return { exact, similar }
  }

  async getProvider(uuid: string): Promise<AdminProvider> {
    const res = await this.admin('GET', `/api/admin/oauth-providers/${encodeURIComponent(uuid)}`, 'reading the provider')
    const body = this.json(res, 'GET', 'the provider') as { oauth_provider?: unknown }
    const parsed = AdminProviderSchema.safeParse(body?.oauth_provider)
    if (!parsed.success) {
      throw new AppError('panel.unexpected', 'The panel’s provider record has an unexpected shape.', {
        evidence: panelEvidence(res, 'GET')
      })
    }
    return parsed.data
  }

  /** `POST /api/admin/oauth-providers` with every field of the provider record. */
  async createProvider(body: Record<string, unknown>): Promise<AdminProvider> {
    const res = await this.admin('POST', '/api/admin/oauth-providers', 'creating the provider', body)
    const out = this.json(res, 'POST', 'the new provider') as { oauth_provider?: unknown }
    const parsed = AdminProviderSchema.safeParse(out?.oauth_provider)
    if (!parsed.success) {
      throw new AppError('panel.unexpected', 'The panel created the provider but its answer has an unexpected shape.', {
        hint: 'Check the panel’s OAuth providers page; the provider may exist now.',
        evidence: panelEvidence(res, 'POST')
      })
    }
    return parsed.data
  }

  /** `PATCH /api/admin/oauth-providers/{uuid}` with only the fields to change (`null` clears a path). */
  async updateProvider(uuid: string, patch: Record<string, unknown>): Promise<void> {
    await this.admin('PATCH', `/api/admin/oauth-providers/${encodeURIComponent(uuid)}`, 'updating the provider', patch)
  }

  /** `GET /api/auth/oauth/redirect/{uuid}` (public), returned as it is: a 307 is the expected answer. */
  async getLoginRedirect(uuid: string): Promise<HttpResponse> {
    return this.send('GET', `/api/auth/oauth/redirect/${encodeURIComponent(uuid)}`, undefined, false)
  }
}
