import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { AppError } from '../../shared/errors'
import { matchesPreset } from '../../shared/preset-search'
import type { LibraryEntry, PresetConfig } from '../../shared/schemas/presets'
import { LibraryEntrySchema } from '../../shared/schemas/presets'
import { importPreset } from './import'

/**
 * The preset library: `presets/*.yml` (panel-importable files, byte-identical to what the
 * panel exports) plus `presets/index.json`, the sidecar that holds what a preset file has
 * no room for — title, search keywords, discovery URL pattern, placeholders the wizard
 * asks for, where the redirect URL goes at the provider, notes. A `.yml` file missing from
 * the index still loads, with metadata derived from its record.
 */

const IndexEntrySchema = LibraryEntrySchema.omit({ preset: true })
const IndexSchema = z.object({ version: z.literal(1), presets: z.array(IndexEntrySchema) })

/** The `presets/` folder next to the app: walked up to from this module (source or bundle). */
export function defaultPresetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'presets')
    if (existsSync(join(candidate, 'index.json'))) return candidate
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  throw new AppError('presets.library-missing', 'The preset library (the presets folder) was not found next to the application.', {
    hint: 'Reinstall the application, or run it from the project folder.'
  })
}

const cache = new Map<string, Promise<LibraryEntry[]>>()

/** Loads (once per folder) and validates the whole library; a broken file is a packaging bug. */
export function loadLibrary(dir: string = defaultPresetsDir()): Promise<LibraryEntry[]> {
  let p = cache.get(dir)
  if (!p) {
    p = readLibrary(dir)
    cache.set(dir, p)
    p.catch(() => cache.delete(dir))
  }
  return p
}

async function readLibrary(dir: string): Promise<LibraryEntry[]> {
  const index = IndexSchema.parse(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')))
  const meta = new Map(index.presets.map((e) => [e.file, e]))
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yml')).sort()
  const entries: LibraryEntry[] = []
  for (const file of files) {
    const r = importPreset(await readFile(join(dir, file), 'utf8'))
    if (!r.ok || !r.preset) {
      throw new AppError('presets.library-broken', `The library preset ${file} does not pass the panel's import rules.`, {
        problems: r.problems.map((p) => ({ ...(p.field ? { field: p.field } : {}), message: p.message }))
      })
    }
    const m = meta.get(file)
    const id = file.replace(/\.yml$/, '')
    entries.push(
      m
        ? { ...m, preset: r.preset }
        : {
            id,
            file,
            title: r.preset.name,
            kind: 'self-hosted',
            keywords: [],
            community: false,
            discovery: null,
            placeholders: [],
            redirect_hint: 'Paste it in the redirect (callback) URL list of the client at your provider.',
            docs_url: null,
            notes: [],
            preset: r.preset
          }
    )
  }
  // Index order is the display order (community presets first); unknown files go last.
  const order = new Map(index.presets.map((e, i) => [e.file, i]))
  return entries.sort((a, b) => (order.get(a.file) ?? 1e9) - (order.get(b.file) ?? 1e9) || a.file.localeCompare(b.file))
}

/** Case- and accent-insensitive search over title, name, keywords, kind and hosts. */
export function searchLibrary(entries: LibraryEntry[], query: string): LibraryEntry[] {
  return entries.filter((e) => matchesPreset(e, query))
}

/** A host with a path, or a path segment: far below this in practice. */
const MAX_PLACEHOLDER_CHARS = 1024

/**
 * Fills a library preset's placeholders with the admin's answers: hosts lose a pasted
 * `https://` and trailing `/`; path segments are percent-encoded (RFC 3986 §3.3). Every
 * missing or malformed answer is reported at once, by field.
 */
export function applyPlaceholders(entry: LibraryEntry, values: Record<string, string>): { preset: PresetConfig; discovery: string | null } {
  const problems: { field: string; message: string }[] = []
  const answers: Array<[string, string]> = []
  for (const ph of entry.placeholders) {
    let v = (values[ph.token] ?? '').trim()
    if (v === '' && ph.default !== undefined) v = ph.default
    if (ph.kind === 'host') v = v.replace(/^https?:\/\//i, '').replace(/\/+$/, '')
    if (v === '') {
      problems.push({ field: ph.token, message: `${ph.label}: required (for example ${ph.example}).` })
      continue
    }
    // The library's patterns are ours, but the answer is typed: bounded, so no answer makes them slow.
    if (v.length > MAX_PLACEHOLDER_CHARS || !new RegExp(ph.pattern).test(v)) {
      problems.push({ field: ph.token, message: `${ph.label}: "${v}" is not ${ph.kind === 'host' ? 'a host name' : 'a single path segment'} (for example ${ph.example}).` })
      continue
    }
    answers.push([ph.token, ph.kind === 'segment' ? encodeURIComponent(v) : v])
  }
  if (problems.length > 0) {
    throw new AppError('presets.placeholder', problems.map((p) => p.message).join(' '), { problems, field: problems[0]!.field })
  }
  const fill = (s: string): string => answers.reduce((acc, [token, v]) => acc.split(token).join(v), s)
  const p = entry.preset
  return {
    preset: { ...p, scopes: [...p.scopes], auth_url: fill(p.auth_url), token_url: fill(p.token_url), info_url: fill(p.info_url) },
    discovery: entry.discovery === null ? null : fill(entry.discovery)
  }
}
