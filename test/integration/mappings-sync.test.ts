import { afterEach, describe, expect, it } from 'vitest'
import { MappingClient } from '../../src/core/mappings/mapping-client'
import { applyMappingSync, mappingReadBackProblems, planMappingSync } from '../../src/core/mappings/reconcile'
import { normalizePanelUrl } from '../../src/core/panel/panel-url'
import { AppError } from '../../src/shared/errors'
import type { MappingEntry } from '../../src/shared/mappings'
import { makeApiKey, startPanelStandin, type PanelStandin } from '../support/panel-standin'
import { cleanupUnknownUuids } from '../support/panel-standin-mappings'

const ROLE_A = '6f1b2c3d-1111-2222-3333-444455556666'
const ROLE_B = '6f1b2c3d-1111-2222-3333-444455557777'
const SERVER = '0a0b0c0d-aaaa-bbbb-cccc-ddddeeeeffff'

const role = (uuid: string, matcher: unknown = { type: 'field_equals', path: '$.groups[*]', equals: 'ops' }): MappingEntry => ({
  matcher,
  mapping: { type: 'role', role_uuid: uuid, revoke_unmatched: false }
})
const subuser = (permissions: string[]): MappingEntry => ({
  matcher: { type: 'field_contains', path: '$.groups', contains: 'dev' },
  mapping: { type: 'server_subuser', server_uuid: SERVER, permissions, ignored_files: [], revoke_unmatched: true }
})

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function setup(
  opts: Parameters<typeof startPanelStandin>[0] = {}
): Promise<{ s: PanelStandin; client: MappingClient; provider: string }> {
  const s = await startPanelStandin(opts)
  cleanups.push(() => s.close())
  const provider = s.seed({ name: 'Company' }).uuid
  const client = new MappingClient({ panel: normalizePanelUrl(s.url), apiKey: s.apiKey, timeoutMs: 5000 })
  return { s, client, provider }
}

async function sync(client: MappingClient, provider: string, desired: MappingEntry[]) {
  const plan = planMappingSync(await client.listMappings(provider), desired)
  await applyMappingSync(client, provider, plan)
  return plan
}

describe('mapping reconciliation against the panel stand-in', () => {
  it('creates, then a second push sends nothing, and the panel holds exactly the draft', async () => {
    const { s, client, provider } = await setup()
    const desired = [role(ROLE_A), subuser(['control.console', 'files.read'])]
    const first = await sync(client, provider, desired)
    expect(first.counts).toEqual({ created: 2, updated: 0, deleted: 0, unchanged: 0 })
    const writesAfterFirst = s.writes().length
    const second = await sync(client, provider, desired)
    expect(second.counts).toEqual({ created: 0, updated: 0, deleted: 0, unchanged: 2 })
    expect(s.writes().length).toBe(writesAfterFirst)
    expect(mappingReadBackProblems(await client.listMappings(provider), desired)).toEqual([])
  })

  it('an upper-case, braced or URN uuid and an omitted revoke_unmatched do not look changed', async () => {
    const { s, client, provider } = await setup()
    await sync(client, provider, [role(ROLE_A)])
    const before = s.writes().length
    const variants: MappingEntry[] = [
      { matcher: role(ROLE_A).matcher, mapping: { type: 'role', role_uuid: ROLE_A.toUpperCase() } },
      { matcher: role(ROLE_A).matcher, mapping: { type: 'role', role_uuid: `{${ROLE_A}}`, revoke_unmatched: false } },
      { matcher: role(ROLE_A).matcher, mapping: { type: 'role', role_uuid: `urn:uuid:${ROLE_A}` } },
      { matcher: role(ROLE_A).matcher, mapping: { revoke_unmatched: false, role_uuid: ROLE_A.replace(/-/g, ''), type: 'role' } }
    ]
    for (const v of variants) {
      const plan = await sync(client, provider, [v])
      expect(plan.counts.unchanged).toBe(1)
    }
    expect(s.writes().length).toBe(before)
    expect((s.mappingsOf(provider)[0]!.mapping as { role_uuid: string }).role_uuid).toBe(ROLE_A)
  })

  it('PATCH carries only the object that changed, whole', async () => {
    const { s, client, provider } = await setup()
    await sync(client, provider, [subuser(['control.console'])])
    const created = s.mappingsOf(provider)[0]!.created
    const plan = await sync(client, provider, [subuser(['control.console', 'control.start'])])
    expect(plan.counts).toEqual({ created: 0, updated: 1, deleted: 0, unchanged: 0 })
    const patch = s.writes().at(-1)!
    expect(patch.method).toBe('PATCH')
    expect(Object.keys(JSON.parse(patch.body))).toEqual(['mapping'])
    expect(JSON.parse(patch.body).mapping.permissions).toEqual(['control.console', 'control.start'])
    expect(s.mappingsOf(provider)[0]!.created).toBe(created)
  })

  it('keeps the draft order (last-created role wins): a reorder is rewritten in place, never appended', async () => {
    const { s, client, provider } = await setup()
    await sync(client, provider, [role(ROLE_A), role(ROLE_B)])
    await sync(client, provider, [role(ROLE_B), role(ROLE_A)])
    const stored = s.mappingsOf(provider).map((m) => (m.mapping as { role_uuid: string }).role_uuid)
    expect(stored).toEqual([ROLE_B, ROLE_A])
    expect((await sync(client, provider, [role(ROLE_B), role(ROLE_A)])).counts.unchanged).toBe(2)
  })

  it('a deletion in the middle deletes one mapping and leaves the rest alone', async () => {
    const { s, client, provider } = await setup()
    const a = role(ROLE_A)
    const b = subuser(['control.console'])
    const c = role(ROLE_B)
    await sync(client, provider, [a, b, c])
    const before = s.writes().length
    const plan = await sync(client, provider, [a, c])
    expect(plan.counts).toEqual({ created: 0, updated: 0, deleted: 1, unchanged: 2 })
    expect(s.writes().length - before).toBe(1)
    expect(s.writes().at(-1)!.method).toBe('DELETE')
  })

  it('an insertion in the middle keeps the order by rewriting positions', async () => {
    const { s, client, provider } = await setup()
    const a = role(ROLE_A)
    const b = subuser(['control.console'])
    const c = role(ROLE_B)
    await sync(client, provider, [a, c])
    await sync(client, provider, [a, b, c])
    expect(mappingReadBackProblems(await client.listMappings(provider), [a, b, c])).toEqual([])
    expect(s.mappingsOf(provider)).toHaveLength(3)
  })

  it('warns when mappings share a created time (copied by Duplicate)', () => {
    const t = '2026-08-01T00:00:00Z'
    const plan = planMappingSync(
      [
        { uuid: 'u1', created: t, ...role(ROLE_A) },
        { uuid: 'u2', created: t, ...role(ROLE_B) }
      ],
      [role(ROLE_A), role(ROLE_B)]
    )
    expect(plan.counts.unchanged).toBe(2)
    expect(plan.warnings.join(' ')).toMatch(/share a created time/)
  })

  it('lists across pages of 100', async () => {
    const { client, provider } = await setup()
    const many = Array.from({ length: 130 }, (_, i) => role(ROLE_A, { type: 'field_equals', path: '$.n', equals: String(i) }))
    const plan = await sync(client, provider, many)
    expect(plan.counts.created).toBe(130)
    const listed = await client.listMappings(provider)
    expect(listed).toHaveLength(130)
    expect((listed[129]!.matcher as { equals: string }).equals).toBe('129')
  })
})

describe('the stand-in’s mapping routes follow the panel', () => {
  const call = async (s: PanelStandin, method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${s.apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body
    })
    return { status: res.status, body: (await res.json()) as { errors: string[] } }
  }

  it('validates flat, with garde paths, and refuses unknown permissions and deep nesting', async () => {
    const { s, provider } = await setup()
    const base = `/api/admin/oauth-providers/${provider}/mappings`
    const deep = { type: 'and', matchers: [{ type: 'or', matchers: [{ type: 'not', matcher: { type: 'and', matchers: [] } }] }] }
    const r = await call(
      s,
      'POST',
      base,
      JSON.stringify({
        matcher: deep,
        mapping: { type: 'server_subuser', server_uuid: SERVER, permissions: ['control.console', 'files.nope'], ignored_files: [] }
      })
    )
    expect(r).toEqual({
      status: 400,
      body: {
        errors: ['matcher: matcher may not nest groups more than 3 levels deep', 'mapping.permissions: invalid permission: files.nope']
      }
    })
    const bad = await call(s, 'POST', base, JSON.stringify({ matcher: { type: 'field_equals', path: '$.x', value: 'a' }, mapping: {} }))
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatch(/^invalid payload: missing field `equals`/)
  })

  it('is strict about Content-Type, paginates 1–100 and answers 404 for an unknown mapping', async () => {
    const { s, provider } = await setup()
    const base = `/api/admin/oauth-providers/${provider}/mappings`
    const body = JSON.stringify(role(ROLE_A))
    expect((await call(s, 'POST', base, body, { 'content-type': 'application/json; charset=utf-8' })).body).toEqual({
      errors: ['invalid payload: unsupported content type']
    })
    expect((await call(s, 'GET', `${base}?per_page=101`)).body).toEqual({ errors: ['per_page: greater than 100'] })
    expect((await call(s, 'GET', `${base}/${ROLE_B}`)).status).toBe(404)
    expect((await call(s, 'GET', `/api/admin/oauth-providers/${ROLE_B}/mappings`)).body).toEqual({ errors: ['oauth provider not found'] })
  })

  it('needs oauth-providers.update to write, and read to list', async () => {
    const key = makeApiKey()
    const { s, provider } = await setup({ keys: [{ key, permissions: ['oauth-providers.read'] }] })
    const client = new MappingClient({ panel: normalizePanelUrl(s.url), apiKey: key, timeoutMs: 5000 })
    expect(await client.listMappings(provider)).toEqual([])
    const err = await client.createMapping(provider, role(ROLE_A)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('panel.permission')
  })

  it('deletes mappings whose role or server the panel does not have, as its cron does', async () => {
    const { s, client, provider } = await setup()
    s.seedRole('Ops', ROLE_A)
    await sync(client, provider, [role(ROLE_A), role(ROLE_B)])
    expect(cleanupUnknownUuids(s.mappingState)).toBe(1)
    expect(s.mappingsOf(provider)).toHaveLength(1)
  })

  it('serves the pickers', async () => {
    const { s, client } = await setup()
    s.seedRole('Ops', ROLE_A)
    s.seedServer('Minecraft', SERVER)
    expect((await client.listPicker('roles', 1, 'op')).data).toEqual([{ uuid: ROLE_A, name: 'Ops', detail: null }])
    expect((await client.listPicker('servers', 1, '')).data[0]!.uuid).toBe(SERVER)
    const perms = await client.serverPermissions()
    expect(Object.keys(perms.control!.permissions)).toContain('console')
  })
})
