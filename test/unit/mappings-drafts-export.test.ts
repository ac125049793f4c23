import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DraftStore } from '../../src/core/drafts/store'
import { exportPreset, presetToJson } from '../../src/core/presets/export'
import { normalizeUuid } from '../../src/shared/mappings'
import { emptyProviderConfig } from '../../src/shared/provider'

const MAPPING = {
  matcher: { type: 'field_equals', path: '$.groups[*]', equals: 'ops' },
  mapping: { type: 'role', role_uuid: '6f1b2c3d-1111-2222-3333-444455556666', revoke_unmatched: false }
}
const { client_secret: _s, ...config } = { ...emptyProviderConfig(), name: 'Company', client_id: 'cid', auth_url: 'https://id.example/a' }

describe('drafts carry mappings and samples', () => {
  let dir: string
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'drafts-m-')), 'drafts')
  })
  afterEach(() => rmSync(dirname(dir), { recursive: true, force: true }))

  it('saves mappings and samples, keeps them on an autosave that does not mention them, and null means "leave the panel’s alone"', async () => {
    const store = new DraftStore(dir)
    const { draft } = await store.save({
      config,
      mappings: [MAPPING],
      mapping_samples: [{ label: 'Admin', body: '{"groups":["ops"]}', granted_scope: null }]
    })
    expect(draft.mappings).toEqual([MAPPING])
    const again = await store.save({ id: draft.id, config: { ...config, name: 'Company 2' } })
    expect(again.draft.mappings).toEqual([MAPPING])
    expect(again.draft.mapping_samples).toHaveLength(1)
    expect((await store.save({ id: draft.id, config, mappings: null })).draft.mappings).toBeNull()
  })

  it('an older draft file without the keys opens with mappings null', async () => {
    const store = new DraftStore(dir)
    const { draft } = await store.save({ config })
    const file = join(dir, `${draft.id}.json`)
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    delete raw.mappings
    delete raw.mapping_samples
    writeFileSync(file, JSON.stringify(raw))
    const opened = await new DraftStore(dir).get(draft.id)
    expect(opened.mappings).toBeNull()
    expect(opened.mapping_samples).toEqual([])
  })
})

describe('our JSON export carries mappings only when asked', () => {
  it('the default export is byte-exact, with or without mappings in the draft', () => {
    expect(exportPreset(config, 'json').content).toBe(presetToJson(config))
    expect(exportPreset(config, 'json').content).not.toContain('mappings')
  })

  it('asked: the same bytes up to the last field, then a "mappings" key', () => {
    const plain = presetToJson(config)
    const withMappings = exportPreset(config, 'json', { mappings: [MAPPING] }).content
    expect(withMappings.startsWith(plain.slice(0, -2))).toBe(true)
    expect(JSON.parse(withMappings).mappings).toEqual([MAPPING])
    expect(Object.keys(JSON.parse(withMappings)).at(-1)).toBe('mappings')
  })
})

describe('uuid normalisation as the panel stores uuids', () => {
  it.each([
    ['6F1B2C3D-1111-2222-3333-444455556666'],
    ['{6f1b2c3d-1111-2222-3333-444455556666}'],
    ['urn:uuid:6F1B2C3D-1111-2222-3333-444455556666'],
    ['6f1b2c3d111122223333444455556666']
  ])('%s', (text) => {
    expect(normalizeUuid(text)).toBe('6f1b2c3d-1111-2222-3333-444455556666')
  })
  it('leaves a non-uuid alone (validation reports it)', () => {
    expect(normalizeUuid('not-a-uuid')).toBe('not-a-uuid')
  })
})
