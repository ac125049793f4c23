import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { draftHandlers } from '../../src/core/drafts'
import { presetHandlers, type SaveFileRequest } from '../../src/core/presets'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import type { HandlerTable } from '../../src/shared/api'

// The presets:* and drafts:* methods through the same funnel the transports use: inputs
// and outputs are checked against the contract (src/shared/api.ts).
const dataDir = mkdtempSync(join(tmpdir(), 'contract-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
const POCKET = readFileSync(join(__dirname, '..', '..', 'presets', 'pocket-id.yml'), 'utf8')

function dispatcher(saveFile?: (r: SaveFileRequest) => Promise<{ saved: true; path: string } | { saved: false }>): Dispatcher {
  return new Dispatcher({ ...presetHandlers({ saveFile }), ...draftHandlers({ dataDir }) } as unknown as HandlerTable)
}

async function ok<T = Record<string, unknown>>(d: Dispatcher, method: string, input: unknown): Promise<T> {
  const r = await d.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.data as T
}

describe('presets:* over the contract', () => {
  it('lists the library (every entry passes the output schema)', async () => {
    const { presets } = await ok<{ presets: Array<{ id: string }> }>(dispatcher(), 'presets:list', {})
    expect(presets.length).toBeGreaterThanOrEqual(15)
  })

  it('starts from Pocket-ID with the host filled in, and exports the expected file', async () => {
    const d = dispatcher()
    const { preset } = await ok<{ preset: Record<string, unknown> }>(d, 'presets:apply', {
      id: 'pocket-id',
      values: { 'id.example.com': 'https://id.acme.test/' }
    })
    const exported = await ok<{ content: string; fileName: string; problems: unknown[] }>(d, 'presets:export', {
      config: preset,
      format: 'yaml'
    })
    expect(exported.fileName).toBe('pocket-id.yml')
    expect(exported.problems).toEqual([])
    expect(exported.content).toBe(POCKET.replaceAll('id.example.com', 'id.acme.test'))
  })

  it('import returns problems as data (a failed import changes nothing on the caller’s side)', async () => {
    const r = await ok<{ ok: boolean; preset: unknown; problems: Array<{ line: number }> }>(dispatcher(), 'presets:import', {
      text: 'name: 5\n'
    })
    expect(r.ok).toBe(false)
    expect(r.preset).toBeNull()
    expect(r.problems[0]!.line).toBe(1)
  })

  it('save: a download for the renderer when the host has no save dialog (browser mode)', async () => {
    const r = await ok(dispatcher(), 'presets:save', {
      config: { ...(await ok<{ preset: object }>(dispatcher(), 'presets:import', { text: POCKET })).preset, client_secret: 'zzz-secret' },
      format: 'yaml'
    })
    expect(r).toEqual({ outcome: 'download', content: POCKET, fileName: 'pocket-id.yml', mimeType: 'application/yaml' })
  })

  it('save: the host’s dialog (Electron) writes it, or the admin cancels', async () => {
    const asked: SaveFileRequest[] = []
    const preset = (await ok<{ preset: object }>(dispatcher(), 'presets:import', { text: POCKET })).preset
    const saved = await ok(
      dispatcher(async (req) => (asked.push(req), { saved: true, path: '/home/jane/pocket-id.json' })),
      'presets:save',
      { config: preset, format: 'json' }
    )
    expect(saved).toEqual({ outcome: 'saved', path: '/home/jane/pocket-id.json' })
    expect(asked[0]).toMatchObject({ suggestedName: 'pocket-id.json', mimeType: 'application/json' })
    expect(JSON.parse(asked[0]!.content).name).toBe('Pocket-ID')
    expect(
      await ok(
        dispatcher(async () => ({ saved: false })),
        'presets:save',
        { config: preset, format: 'yaml' }
      )
    ).toEqual({ outcome: 'cancelled' })
  })

  it('apply: missing answers come back as one error with a problem per field', async () => {
    const r = await dispatcher().call('presets:apply', { id: 'keycloak', values: {} })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('presets.placeholder')
    expect(r.error.problems?.map((p) => p.field)).toEqual(['id.example.com', '{realm}'])
  })
})

describe('drafts:* over the contract', () => {
  it('save, list, get, rename, duplicate, delete', async () => {
    const d = dispatcher()
    const preset = (await ok<{ preset: Record<string, unknown> }>(d, 'presets:import', { text: POCKET })).preset
    const config = { ...preset, client_id: 'cid', client_secret: 'never-saved-secret' }
    const { draft } = await ok<{ draft: { id: string } }>(d, 'drafts:save', { config, step: 'discover' })
    expect(readFileSync(join(dataDir, 'drafts', `${draft.id}.json`), 'utf8')).not.toContain('never-saved-secret')
    expect((await ok<{ drafts: Array<{ id: string; host: string }> }>(d, 'drafts:list', {})).drafts.map((x) => x.host)).toEqual([
      'id.example.com'
    ])
    expect(await ok(d, 'drafts:get', { id: draft.id })).toMatchObject({ step: 'discover', config: { client_id: 'cid' } })
    expect(await ok(d, 'drafts:rename', { id: draft.id, name: 'Prod' })).toMatchObject({ name: 'Prod' })
    const copy = await ok<{ id: string; name: string }>(d, 'drafts:duplicate', { id: draft.id })
    expect(copy.name).toBe('Prod (copy)')
    await ok(d, 'drafts:delete', { id: copy.id })
    expect((await ok<{ drafts: unknown[] }>(d, 'drafts:list', {})).drafts).toHaveLength(1)
  })

  it('refuses ids that could leave the drafts folder', async () => {
    for (const id of ['../../etc/passwd', 'a/b', 'UPPER-CASE-ID', 'x']) {
      const r = await dispatcher().call('drafts:get', { id })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('input.invalid')
    }
  })
})
