import type { Output } from '../../../shared/api'
import type { ErrorPayload } from '../../../shared/errors'
import { emptyProviderConfig } from '../../../shared/provider'
import { asAppError, call } from '../services/api'
import { enterDraft, enteredFromSaved, freshDraftId } from './draft-switch'
import type { SliceCreator } from './types'

export type DraftSummary = Output<'drafts:list'>['drafts'][number]

/** The saved drafts: the list on the start screen, and opening, copying, renaming, deleting one. */
export interface DraftsSlice {
  drafts: DraftSummary[] | null
  draftsDir: string | null
  /** Drafts that could not be read and were moved aside (messages for the admin). */
  setAside: { file: string; message: string }[]
  draftsError: ErrorPayload | null
  /** The launch-time resume happens once per window, not each time the first step is shown. */
  resumeChecked: boolean
  resumedTitle: string | null
  loadDrafts: () => Promise<void>
  /** At launch: reopen the most recently changed draft, so an interrupted setup goes on. */
  resumeLatest: () => Promise<void>
  startBlank: () => Promise<void>
  openDraft: (id: string) => Promise<void>
  duplicateDraft: (id: string) => Promise<void>
  renameDraft: (id: string, name: string) => Promise<void>
  deleteDraft: (id: string) => Promise<void>
}

/** The resume notice belongs to the draft it resumed (the list itself outlives drafts). */
export const draftsDraftState = (): Pick<DraftsSlice, 'resumedTitle'> => ({
  resumedTitle: null
})

export const createDraftsSlice: SliceCreator<DraftsSlice> = (set, get) => {
  const blank = (): void => {
    enterDraft(set, get, { id: freshDraftId(), config: emptyProviderConfig(), touched: false, panelUrl: get().panelUrl })
    get().markSaved()
  }
  return {
    drafts: null,
    draftsDir: null,
    setAside: [],
    draftsError: null,
    resumeChecked: false,
    ...draftsDraftState(),

    loadDrafts: async () => {
      try {
        const r = await call('drafts:list', {})
        set({
          drafts: r.drafts,
          draftsDir: r.dir,
          setAside: r.set_aside.map((x) => ({ file: x.file, message: x.message })),
          draftsError: null
        })
      } catch (err) {
        set({ draftsError: asAppError(err).toPayload() })
      }
    },

    resumeLatest: async () => {
      if (get().resumeChecked) return
      set({ resumeChecked: true })
      await get().loadDrafts()
      const latest = get().drafts?.[0]
      // Only when nothing has been typed yet in this window.
      if (!latest || get().revision !== 0) return
      await get().openDraft(latest.id)
      if (get().draftId === latest.id) set({ resumedTitle: latest.title })
    },

    startBlank: async () => {
      await get().saveDraftNow()
      blank()
    },

    openDraft: async (id) => {
      try {
        await get().saveDraftNow()
        const d = await call('drafts:get', { id })
        enterDraft(set, get, enteredFromSaved(d))
        get().markSaved()
      } catch (err) {
        set({ draftsError: asAppError(err).toPayload() })
        await get().loadDrafts()
      }
    },

    duplicateDraft: async (id) => {
      try {
        await call('drafts:duplicate', { id })
      } catch (err) {
        set({ draftsError: asAppError(err).toPayload() })
      }
      await get().loadDrafts()
    },

    renameDraft: async (id, name) => {
      try {
        await call('drafts:rename', { id, name })
      } catch (err) {
        set({ draftsError: asAppError(err).toPayload() })
      }
      await get().loadDrafts()
    },

    deleteDraft: async (id) => {
      try {
        await call('drafts:delete', { id })
        // Deleting the open draft: what is on screen becomes a new, unsaved draft.
        if (id === get().draftId) blank()
      } catch (err) {
        set({ draftsError: asAppError(err).toPayload() })
      }
      await get().loadDrafts()
    }
  }
}
