import { z } from 'zod'
import { AppError } from '../../shared/errors'
import type { AdminMapping, MappingEntry } from '../../shared/mappings'
import type { HttpResponse } from '../net/http'
import { sendPanelRequest } from '../panel/panel-client'
import { panelEvidence, panelHttpError, parseErrorMessages } from '../panel/panel-errors'
import type { PanelBase } from '../panel/panel-url'

/**
 * The panel's mapping admin API and the pickers the mapping builder uses
 * (docs/panel-behaviour.md#mapping-admin-api), sent as the provider client sends its
 * requests (sendPanelRequest).
 */

const AdminMappingSchema = z.object({ uuid: z.string(), matcher: z.unknown(), mapping: z.unknown(), created: z.string() })
const PageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number(), per_page: z.number(), page: z.number(), data: z.array(item) })

const RoleSchema = z.object({ uuid: z.string(), name: z.string(), description: z.string().nullable().optional() })
const ServerSchema = z.object({
  uuid: z.string(),
  name: z.string(),
  uuid_short: z.unknown().optional(),
  owner: z.object({ username: z.string().optional() }).passthrough().nullable().optional()
})
const PermissionGroupsSchema = z.record(z.string(), z.object({ description: z.string(), permissions: z.record(z.string(), z.string()) }))
const PermissionsSchema = z.object({ server_permissions: PermissionGroupsSchema })

/** The panel's largest page (per_page 1..=100). */
export const MAPPINGS_PER_PAGE = 100
/** A guard against a server whose pages never end: 100 000 mappings. */
const MAX_PAGES = 1000

export interface MappingClientOptions {
  panel: PanelBase
  apiKey: string
  timeoutMs?: number
  signal?: AbortSignal
}

export type PageOf<T> = { total: number; per_page: number; page: number; data: T[] }

export class MappingClient {
  constructor(private readonly opts: MappingClientOptions) {}

  private async call(method: string, path: string, what: string, body?: unknown): Promise<{ res: HttpResponse; json: unknown }> {
    const res = await sendPanelRequest(this.opts, method, path, body)
    if (res.status === 400 && path.includes('/mappings')) {
      const messages = parseErrorMessages(res.bodyText)
      if (messages && !messages.some((m) => m.startsWith('invalid payload') || m.startsWith('invalid oauth provider uuid'))) {
        throw new AppError('panel.validation', `The panel refused the mapping while ${what}: ${messages.join('; ')}.`, {
          problems: messages.map((message) => ({ message })),
          hint: 'Correct the mapping in the Mappings step and push again.',
          evidence: panelEvidence(res, method)
        })
      }
    }
    if (res.status < 200 || res.status >= 300) throw panelHttpError(res, method, what)
    try {
      return { res, json: JSON.parse(res.bodyText) }
    } catch {
      throw new AppError('panel.unexpected', `The panel’s answer to ${what} is not JSON.`, { evidence: panelEvidence(res, method) })
    }
  }

  private shape<T extends z.ZodType>(schema: T, value: unknown, res: HttpResponse, method: string, what: string): z.output<T> {
    const parsed = schema.safeParse(value)
    if (!parsed.success) {
      throw new AppError('panel.unexpected', `The panel’s answer to ${what} has an unexpected shape.`, {
        hint: 'This panel version may differ from the one this assistant knows; mappings need a panel from 2026-08 or later.',
        evidence: panelEvidence(res, method)
      })
    }
    return parsed.data
  }

  private base(provider: string): string {
    return `/api/admin/oauth-providers/${encodeURIComponent(provider)}/mappings`
  }

  /** Every mapping of the provider, in the panel's order (created ascending). */
  async listMappings(provider: string): Promise<AdminMapping[]> {
    const all: AdminMapping[] = []
    for (let page = 1; page <= MAX_PAGES; page++) {
      const what = 'listing the provider’s mappings'
      const { res, json } = await this.call('GET', `${this.base(provider)}?page=${page}&per_page=${MAPPINGS_PER_PAGE}`, what)
      const p = this.shape(z.object({ oauth_mappings: PageSchema(AdminMappingSchema) }), json, res, 'GET', what).oauth_mappings
      all.push(...(p.data as AdminMapping[]))
      if (p.data.length === 0 || page * p.per_page >= p.total) break
    }
    return all
  }

  async createMapping(provider: string, entry: MappingEntry): Promise<AdminMapping> {
    const what = 'creating a mapping'
    const { res, json } = await this.call('POST', this.base(provider), what, { matcher: entry.matcher, mapping: entry.mapping })
    return this.shape(z.object({ oauth_mapping: AdminMappingSchema }), json, res, 'POST', what).oauth_mapping as AdminMapping
  }

  /** PATCH replaces each object it carries whole; an absent one stays. */
  async updateMapping(provider: string, uuid: string, body: { matcher?: unknown; mapping?: unknown }): Promise<void> {
    await this.call('PATCH', `${this.base(provider)}/${encodeURIComponent(uuid)}`, 'updating a mapping', body)
  }

  async deleteMapping(provider: string, uuid: string): Promise<void> {
    await this.call('DELETE', `${this.base(provider)}/${encodeURIComponent(uuid)}`, 'deleting a mapping')
  }

  /** One page of roles or servers for a picker (search: the panel's ILIKE on the name). */
  async listPicker(
    kind: 'roles' | 'servers',
    page: number,
    search: string
  ): Promise<PageOf<{ uuid: string; name: string; detail: string | null }>> {
    const q = new URLSearchParams({ page: String(page), per_page: '100' })
    if (search !== '') q.set('search', search)
    const what = kind === 'roles' ? 'listing the roles' : 'listing the servers'
    const { res, json } = await this.call('GET', `/api/admin/${kind}?${q}`, what)
    if (kind === 'roles') {
      const p = this.shape(z.object({ roles: PageSchema(RoleSchema) }), json, res, 'GET', what).roles
      return { ...p, data: p.data.map((r) => ({ uuid: r.uuid, name: r.name, detail: r.description ?? null })) }
    }
    const p = this.shape(z.object({ servers: PageSchema(ServerSchema) }), json, res, 'GET', what).servers
    return {
      ...p,
      data: p.data.map((s) => ({ uuid: s.uuid, name: s.name, detail: s.owner?.username ? `owner ${s.owner.username}` : null }))
    }
  }

  /** The server permissions the panel knows (`<group>.<key>`), with their descriptions. */
  async serverPermissions(): Promise<z.output<typeof PermissionGroupsSchema>> {
    const what = 'reading the permission list'
    const { res, json } = await this.call('GET', '/api/client/permissions', what)
    return this.shape(PermissionsSchema, json, res, 'GET', what).server_permissions
  }
}
