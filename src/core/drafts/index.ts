import { join } from 'node:path'
import type { Services } from '../services'
import { DraftStore } from './store'

export { DraftStore, summarize } from './store'

const stores = new Map<string, DraftStore>()

/**
 * The draft store of a host, built from `services.dataDir` (drafts live in its `drafts/`
 * sub-folder); one per folder so that queued writes stay in one queue.
 */
export function draftStoreFor(services: Pick<Services, 'dataDir'>): DraftStore {
  const dir = join(services.dataDir, 'drafts')
  let s = stores.get(dir)
  if (!s) {
    s = new DraftStore(dir)
    stores.set(dir, s)
  }
  return s
}

/** The contract's `drafts:*` methods, spread into the handler table. */
export function draftHandlers(services: Pick<Services, 'dataDir'>) {
  const store = (): DraftStore => draftStoreFor(services)
  return {
    'drafts:list': async () => store().list(),
    'drafts:get': async (input: { id: string }) => store().get(input.id),
    'drafts:save': async (input: Parameters<DraftStore['save']>[0]) => store().save(input),
    'drafts:duplicate': async (input: { id: string }) => store().duplicate(input.id),
    'drafts:rename': async (input: { id: string; name: string }) => store().rename(input.id, input.name),
    'drafts:delete': async (input: { id: string }) => {
      await store().delete(input.id)
      return {}
    }
  }
}
