import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DraftStore } from '../../src/core/drafts/store'
import { emptyProviderConfig } from '../../src/shared/provider'
import type { DraftConfig } from '../../src/shared/schemas/drafts'

// Lets one test make the final rename fail, as a crash or a full disk would.
const failRename = { next: false }
vi.mock('node:fs/promises', async (importOriginal) => {
  const orig = await importOriginal<typeof fsp>()
  return {
    ...orig,
    rename: async (from: string, to: string) => {
      if (failRename.next && from.endsWith('.tmp')) {
        failRename.next = false
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      }
      return orig.rename(from, to)
    }
  }
})

let dir: string
let clock: number
const now = (): Date => new Date(Date.UTC(2026, 10, 29, 8, 0, 0) + clock++ * 1000)
let ids = 0
const newId = (): string => `draft-${String(++ids).padStart(4, '0')}`
const store = (): DraftStore => new DraftStore(dir, { now, newId })

function config(over: Partial<DraftConfig> = {}): DraftConfig {
  const { client_secret: _s, ...c } = emptyProviderConfig()
  return { ...c, name: 'Pocket-ID', client_id: 'the-client-id', auth_url: 'https://id.acme.test/authorize', ...over }
}

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'drafts-')), 'drafts')
  clock = 0
  ids = 0
  failRename.next = false
})
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }))

describe('drafts: autosave and resume', () => {
  it('creates a draft on first save and lists it with name, provider host and last change', async () => {
    const s = store()
    const { draft } = await s.save({ config: config(), step: 'claims' })
    expect(draft).toMatchObject({ version: 1, id: 'draft-0001', name: null, step: 'claims', userinfo: null })
    const list = await s.list()
    expect(list.drafts).toEqual([
      { id: 'draft-0001', title: 'Pocket-ID', host: 'id.acme.test', step: 'claims', preset_id: null, updated: draft.updated }
    ])
    expect(list.set_aside).toEqual([])
  })

  it('resumes in a new process exactly where it was, userinfo text included', async () => {
    const userinfo = '{"sub": 12345678901234567890, "2": "b", "1": "a", "email": "jane@example.com"}'
    const first = await store().save({
      config: config(),
      step: 'options',
      userinfo,
      preset_id: 'pocket-id',
      placeholders: { 'id.example.com': 'id.acme.test' },
      panel_url: 'https://panel.acme.test'
    })
    const again = await store().get(first.draft.id) // a fresh store = a restarted app
    expect(again).toEqual(first.draft)
    expect(again.userinfo).toBe(userinfo)
  })

  it('an autosave keeps what it does not mention, and null clears the userinfo', async () => {
    const s = store()
    const a = (await s.save({ config: config(), userinfo: '{"sub":"1"}', step: 'claims' })).draft
    const b = (await s.save({ id: a.id, config: config({ name: 'Renamed provider' }) })).draft
    expect(b.created).toBe(a.created)
    expect(b.updated > a.updated).toBe(true)
    expect(b.userinfo).toBe('{"sub":"1"}')
    expect(b.step).toBe('claims')
    const c = (await s.save({ id: a.id, config: config(), userinfo: null })).draft
    expect(c.userinfo).toBeNull()
  })

  it('lists newest first', async () => {
    const s = store()
    const a = (await s.save({ config: config({ name: 'A' }) })).draft
    await s.save({ config: config({ name: 'B' }) })
    await s.save({ id: a.id, config: config({ name: 'A again' }) })
    expect((await s.list()).drafts.map((d) => d.title)).toEqual(['A again', 'B'])
  })

  it('never writes the client secret', async () => {
    const s = store()
    const withSecret = { ...config(), client_secret: 'sup3r-s3cret-value' } as DraftConfig
    const { draft } = await s.save({ config: withSecret })
    const text = readFileSync(join(dir, `${draft.id}.json`), 'utf8')
    expect(text).not.toContain('sup3r-s3cret-value')
    expect(text).not.toContain('client_secret')
    expect(text).toContain('the-client-id') // the client id is not a secret
  })
})

describe('drafts: open, duplicate, rename, delete', () => {
  it('duplicates under a new id, renames, and follows the provider name when the name is cleared', async () => {
    const s = store()
    const a = (await s.save({ config: config(), userinfo: '{"sub":"1"}' })).draft
    const copy = await s.duplicate(a.id)
    expect(copy.id).not.toBe(a.id)
    expect(copy.name).toBe('Pocket-ID (copy)')
    expect(copy.userinfo).toBe('{"sub":"1"}')
    expect((await s.rename(a.id, '  Staging  ')).name).toBe('Staging')
    expect((await s.list()).drafts.map((d) => d.title).sort()).toEqual(['Pocket-ID (copy)', 'Staging'])
    expect((await s.rename(a.id, '')).name).toBeNull()
    expect((await s.list()).drafts.find((d) => d.id === a.id)!.title).toBe('Pocket-ID')
  })

  it('deletes, and deleting twice is fine; opening a deleted draft says so', async () => {
    const s = store()
    const a = (await s.save({ config: config() })).draft
    await s.delete(a.id)
    await s.delete(a.id)
    expect((await s.list()).drafts).toEqual([])
    await expect(s.get(a.id)).rejects.toMatchObject({ code: 'drafts.not-found' })
  })

  it('an empty provider name lists as "Untitled setup" with no host', async () => {
    const s = store()
    await s.save({ config: config({ name: '', auth_url: '' }) })
    expect((await s.list()).drafts[0]).toMatchObject({ title: 'Untitled setup', host: null })
  })
})

describe('drafts: corrupt files are set aside, never overwritten', () => {
  it('broken JSON: moved aside byte for byte, reported, and the other drafts still list', async () => {
    const s = store()
    const good = (await s.save({ config: config({ name: 'Good' }) })).draft
    const broken = '{"version": 1, "id": "draft-9999", "config": {'
    writeFileSync(join(dir, 'draft-9999.json'), broken)
    const list = await s.list()
    expect(list.drafts.map((d) => d.id)).toEqual([good.id])
    expect(list.set_aside).toHaveLength(1)
    expect(list.set_aside[0]!.file).toMatch(/^draft-9999\.corrupt-2026-11-29T08-00-\d\d-000Z\.json$/)
    expect(list.set_aside[0]!.message).toMatch(
      /A saved draft could not be read \(it is not valid JSON .*\)\. It was moved to draft-9999\.corrupt-.*\.json instead of being overwritten\./
    )
    expect(readFileSync(list.set_aside[0]!.path, 'utf8')).toBe(broken)
    expect(readdirSync(dir)).not.toContain('draft-9999.json')
    // A later run still shows the file, without the reason it no longer knows.
    expect((await store().list()).set_aside[0]!.message).toMatch(/set aside in this file earlier/)
  })

  it('valid JSON of the wrong shape is set aside too, and opening it says where it went', async () => {
    const s = store()
    await fsp.mkdir(dir, { recursive: true })
    writeFileSync(join(dir, 'draft-7777.json'), JSON.stringify({ version: 1, id: 'draft-7777', name: 'x' }))
    const err = await s.get('draft-7777').catch((e: unknown) => e)
    expect(err).toMatchObject({
      code: 'drafts.corrupt',
      message: expect.stringMatching(/does not have the expected fields \(created: .*\)/)
    })
    expect((err as { hint: string }).hint).toMatch(/kept as .*draft-7777\.corrupt-.*\.json; nothing was overwritten/)
  })

  it('an autosave onto a corrupt file moves it aside first and says so', async () => {
    const s = store()
    await fsp.mkdir(dir, { recursive: true })
    writeFileSync(join(dir, 'draft-5555.json'), 'garbage')
    const r = await s.save({ id: 'draft-5555', config: config() })
    expect(r.set_aside?.message).toMatch(/could not be read/)
    expect(readFileSync(r.set_aside!.path, 'utf8')).toBe('garbage')
    expect((await s.get('draft-5555')).config.name).toBe('Pocket-ID')
  })

  it('a file whose id does not match its name is not trusted', async () => {
    const s = store()
    const a = (await s.save({ config: config() })).draft
    writeFileSync(join(dir, 'draft-4444.json'), readFileSync(join(dir, `${a.id}.json`)))
    const list = await s.list()
    expect(list.drafts.map((d) => d.id)).toEqual([a.id])
    expect(list.set_aside[0]!.message).toMatch(/its id does not match its file name/)
  })
})

describe('drafts: atomic writes', () => {
  it('a write that fails before the rename leaves the previous draft intact and no temporary file', async () => {
    const s = store()
    const a = (await s.save({ config: config({ name: 'Before' }) })).draft
    const before = readFileSync(join(dir, `${a.id}.json`), 'utf8')
    failRename.next = true
    await expect(s.save({ id: a.id, config: config({ name: 'After' }) })).rejects.toMatchObject({
      code: 'drafts.io',
      message: 'Could not save the draft (ENOSPC).',
      hint: expect.stringMatching(/disk is full/)
    })
    expect(readFileSync(join(dir, `${a.id}.json`), 'utf8')).toBe(before)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect((await s.get(a.id)).config.name).toBe('Before')
  })

  it('many autosaves at once: the file is always whole and ends with the last one', async () => {
    const s = store()
    const a = (await s.save({ config: config() })).draft
    await Promise.all(Array.from({ length: 25 }, (_, i) => s.save({ id: a.id, config: config({ name: `Save ${i}` }) })))
    const text = readFileSync(join(dir, `${a.id}.json`), 'utf8')
    expect(JSON.parse(text).config.name).toBe('Save 24')
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('a temporary file left by a crash is ignored', async () => {
    const s = store()
    const a = (await s.save({ config: config() })).draft
    writeFileSync(join(dir, `.${a.id}.3f1c.tmp`), '{"version": 1, "id": "dr')
    const list = await s.list()
    expect(list.drafts.map((d) => d.id)).toEqual([a.id])
    expect(list.set_aside).toEqual([])
  })
})
