import type { Output } from '../../../shared/api'
import type { ErrorPayload } from '../../../shared/errors'
import { emptyProviderConfig } from '../../../shared/provider'
import { asAppError, call } from '../services/api'
import { enterDraft, freshDraftId } from './draft-switch'
import type { SliceCreator } from './types'

export type LibraryEntry = Output<'presets:list'>['presets'][number]

/** The preset library, and starting a new draft from one of its presets. */
export interface LibrarySlice {
  library: LibraryEntry[] | null
  libraryError: ErrorPayload | null
  /** The library preset this draft started from (its notes and redirect hint stay useful later). */
  presetId: string | null
  placeholderValues: Record<string, string>
  loadLibrary: () => Promise<void>
  startFromPreset: (id: string, values: Record<string, string>) => Promise<ErrorPayload | null>
}

/** The preset fields of a draft started from scratch (the library itself outlives drafts). */
export const libraryDraftState = (): Pick<LibrarySlice, 'presetId' | 'placeholderValues'> => ({
  presetId: null,
  placeholderValues: {}
})

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set, get) => ({
  library: null,
  libraryError: null,
  ...libraryDraftState(),

  loadLibrary: async () => {
    if (get().library) return
    try {
      set({ library: (await call('presets:list', {})).presets, libraryError: null })
    } catch (err) {
      set({ libraryError: asAppError(err).toPayload() })
    }
  },

  startFromPreset: async (id, values) => {
    try {
      const r = await call('presets:apply', { id, values })
      // The draft on screen keeps its last change (an autosave may still be waiting).
      await get().saveDraftNow()
      enterDraft(set, get, {
        id: freshDraftId(),
        config: { ...emptyProviderConfig(), ...r.preset, client_id: '' },
        touched: true,
        presetId: id,
        placeholderValues: values,
        panelUrl: get().panelUrl,
        discoveryUrl: r.discovery ?? ''
      })
      return null
    } catch (err) {
      return asAppError(err).toPayload()
    }
  }
})
