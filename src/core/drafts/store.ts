import { randomUUID } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import type { Draft, DraftList, DraftSummary, SaveDraftInput, SetAside } from '../../shared/schemas/drafts'
import { DraftSchema } from '../../shared/schemas/drafts'

/**
 * Drafts on disk, one JSON file per draft in `<dataDir>/drafts/`.
 *
 * - Writes are atomic: the text goes to a temporary file in the same folder, is flushed
 *   (fsync), then renamed over the draft (rename(2) replaces atomically on one file
 *   system), so a crash leaves either the old draft or the new one, never half of each.
 * - A draft that cannot be read (broken JSON, wrong shape, a newer version) is never
 *   overwritten: it is renamed to `<id>.corrupt-<time>.json` and reported, so the admin
 *   can look at it; the wizard carries on with what it has in memory.
 * - Writes to one draft are queued, so two quick autosaves never race.
 */
export class DraftStore {
  private readonly queues = new Map<string, Promise<unknown>>()
  /** Why files were set aside during this run (the list shows older ones without a reason). */
  private readonly reasons = new Map<string, string>()
  private readonly now: () => Date
  private readonly newId: () => string

  constructor(
    readonly dir: string,
    opts: { now?: () => Date; newId?: () => string } = {}
  ) {
    this.now = opts.now ?? (() => new Date())
    this.newId = opts.newId ?? (() => randomUUID())
  }

  /** Every readable draft, newest first, plus the files set aside (now or earlier). */
  async list(): Promise<DraftList> {
    const names = await this.files()
    const drafts: DraftSummary[] = []
    for (const f of names.filter((n) => /^[a-z0-9-]+\.json$/.test(n))) {
      const id = f.slice(0, -'.json'.length)
      const r = await this.read(id)
      if (r.kind === 'ok') drafts.push(summarize(r.draft))
    }
    drafts.sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id))
    const setAside = (await this.files())
      .filter((n) => /\.corrupt-[0-9TZ-]+\.json$/.test(n))
      .sort()
      .map((file) => ({
        file,
        path: join(this.dir, file),
        message: this.reasons.get(file) ?? 'A draft that could not be read was set aside in this file earlier.'
      }))
    return { drafts, set_aside: setAside, dir: this.dir }
  }

  /** One draft; a corrupt one is set aside and reported as `drafts.corrupt`. */
  async get(id: string): Promise<Draft> {
    const r = await this.read(id)
    if (r.kind === 'ok') return r.draft
    if (r.kind === 'missing') throw notFound(id)
    throw new AppError('drafts.corrupt', r.setAside.message, {
      hint: `The file was kept as ${r.setAside.path}; nothing was overwritten. Start again from the list.`,
      evidence: { details: { file: r.setAside.path } }
    })
  }

  /** Creates (no id, or an id not on disk) or updates a draft; returns what was written. */
  save(input: SaveDraftInput): Promise<{ draft: Draft; set_aside: SetAside | null }> {
    const id = input.id ?? this.newId()
    return this.queued(id, async () => {
      const prev = input.id ? await this.read(id) : ({ kind: 'missing' } as const)
      const base = prev.kind === 'ok' ? prev.draft : null
      const stamp = this.now().toISOString()
      const config = { ...input.config }
      delete (config as { client_secret?: unknown }).client_secret
      const keep = <K extends 'userinfo_source' | 'userinfo_received_at' | 'discovery_url' | 'discovery' | 'last_push'>(
        k: K
      ): Draft[K] | null => (input[k] !== undefined ? (input[k] as Draft[K]) : (base?.[k] ?? null))
      const lastPush = keep('last_push')
      if (lastPush) delete (lastPush.config as { client_secret?: unknown }).client_secret
      const draft: Draft = DraftSchema.parse({
        version: 1,
        id,
        created: base?.created ?? stamp,
        updated: stamp,
        name: input.name !== undefined ? normName(input.name) : (base?.name ?? null),
        step: input.step !== undefined ? input.step : (base?.step ?? null),
        preset_id: input.preset_id !== undefined ? input.preset_id : (base?.preset_id ?? null),
        placeholders: input.placeholders ?? base?.placeholders ?? {},
        panel_url: input.panel_url !== undefined ? input.panel_url : (base?.panel_url ?? null),
        config,
        userinfo: input.userinfo !== undefined ? input.userinfo : (base?.userinfo ?? null),
        userinfo_source: keep('userinfo_source'),
        userinfo_received_at: keep('userinfo_received_at'),
        discovery_url: keep('discovery_url'),
        discovery: keep('discovery'),
        last_push: lastPush,
        mappings: input.mappings !== undefined ? input.mappings : (base?.mappings ?? null),
        mapping_samples: input.mapping_samples ?? base?.mapping_samples ?? []
      })
      await this.write(draft)
      return { draft, set_aside: prev.kind === 'corrupt' ? prev.setAside : null }
    })
  }

  /** A copy under a new id, named "<title> (copy)". */
  async duplicate(id: string): Promise<Draft> {
    const src = await this.get(id)
    const copyId = this.newId()
    const stamp = this.now().toISOString()
    // The copy has never been pushed: the original's panel record stays the original's.
    const draft: Draft = {
      ...src,
      id: copyId,
      created: stamp,
      updated: stamp,
      name: `${summarize(src).title} (copy)`.slice(0, 255),
      last_push: null
    }
    await this.queued(copyId, () => this.write(draft))
    return draft
  }

  /** Gives the draft a name; an empty name makes it follow the provider's name again. */
  rename(id: string, name: string): Promise<Draft> {
    return this.queued(id, async () => {
      const r = await this.read(id)
      if (r.kind === 'missing') throw notFound(id)
      if (r.kind === 'corrupt')
        throw new AppError('drafts.corrupt', r.setAside.message, { hint: `The file was kept as ${r.setAside.path}.` })
      const draft: Draft = { ...r.draft, name: normName(name), updated: this.now().toISOString() }
      await this.write(draft)
      return draft
    })
  }

  /** Removes a draft; removing one that is already gone is not an error. */
  delete(id: string): Promise<void> {
    return this.queued(id, async () => {
      try {
        await unlink(this.path(id))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError('delete', err)
      }
    })
  }

  private path(id: string): string {
    return join(this.dir, `${id}.json`)
  }

  private async files(): Promise<string[]> {
    try {
      return await readdir(this.dir)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw ioError('read', err)
    }
  }

  private queued<T>(id: string, job: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(id) ?? Promise.resolve()
    const next = prev.then(job, job)
    const tail = next.catch(() => undefined)
    this.queues.set(id, tail)
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id)
    })
    return next
  }

  private async read(id: string): Promise<{ kind: 'ok'; draft: Draft } | { kind: 'missing' } | { kind: 'corrupt'; setAside: SetAside }> {
    let text: string
    try {
      text = await readFile(this.path(id), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
      throw ioError('read', err)
    }
    let reason: string
    try {
      const parsed = DraftSchema.safeParse(JSON.parse(text))
      if (parsed.success && parsed.data.id === id) return { kind: 'ok', draft: parsed.data }
      reason = parsed.success
        ? 'its id does not match its file name'
        : `it does not have the expected fields (${parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.') || 'file'}: ${i.message}`)
            .join('; ')})`
    } catch (err) {
      reason = text.trim() === '' ? 'it is empty' : `it is not valid JSON (${(err as Error).message})`
    }
    return { kind: 'corrupt', setAside: await this.setAside(id, reason) }
  }

  private async setAside(id: string, reason: string): Promise<SetAside> {
    const file = `${id}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}.json`
    const path = join(this.dir, file)
    try {
      await rename(this.path(id), path)
    } catch (err) {
      throw ioError('set aside', err)
    }
    const message = `A saved draft could not be read (${reason}). It was moved to ${file} instead of being overwritten.`
    this.reasons.set(file, message)
    return { file, path, message }
  }

  private async write(draft: Draft): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true })
      const tmp = join(this.dir, `.${draft.id}.${randomUUID()}.tmp`)
      const fh = await open(tmp, 'wx', 0o600)
      try {
        await fh.writeFile(`${JSON.stringify(draft, null, 2)}\n`, 'utf8')
        await fh.sync()
      } finally {
        await fh.close()
      }
      try {
        await rename(tmp, this.path(draft.id))
      } catch (err) {
        await unlink(tmp).catch(() => undefined)
        throw err
      }
    } catch (err) {
      throw ioError('save', err)
    }
  }
}

function normName(name: string | null): string | null {
  const n = name?.trim() ?? ''
  return n === '' ? null : n.slice(0, 255)
}

/** The start screen's line for a draft. */
export function summarize(d: Draft): DraftSummary {
  let host: string | null
  try {
    host = d.config.auth_url ? new URL(d.config.auth_url).host || null : null
  } catch {
    host = null
  }
  return {
    id: d.id,
    title: d.name ?? (d.config.name.trim() || 'Untitled setup'),
    host,
    step: d.step,
    preset_id: d.preset_id,
    updated: d.updated
  }
}

function notFound(id: string): AppError {
  return new AppError('drafts.not-found', 'This draft no longer exists.', {
    hint: 'It may have been deleted in another window. Pick another one from the list.',
    field: id
  })
}

function ioError(what: string, err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException).code
  return new AppError('drafts.io', `Could not ${what} the draft${code ? ` (${code})` : ''}.`, {
    hint:
      code === 'ENOSPC'
        ? 'The disk is full: free some space; your changes are still on screen.'
        : 'Check that the app’s data folder is writable; your changes are still on screen.',
    cause: err
  })
}
