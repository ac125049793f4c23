import type { Output } from '../../../shared/api'
import { PRESET_MAX_BYTES, presetTooLargeMessage } from '../../../shared/presets'
import { emptyProviderConfig } from '../../../shared/provider'
import { asAppError, call } from '../services/api'
import { enterDraft, freshDraftId } from './draft-switch'
import type { SliceCreator } from './types'

export type ImportProblem = Output<'presets:import'>['problems'][number]

export interface ImportOutcome {
  fileName: string
  ok: boolean
  problems: ImportProblem[]
}

/** Importing a preset file (the panel's export format) as a new draft. */
export interface ImportSlice {
  /** What the last import said; a failed import leaves the draft as it was. */
  importOutcome: ImportOutcome | null
  importFile: (file: File) => Promise<void>
  dismissImport: () => void
}

/** An import's outcome is shown on the draft it made, and dropped when another comes on screen. */
export const importDraftState = (): Pick<ImportSlice, 'importOutcome'> => ({
  importOutcome: null
})

export const createImportSlice: SliceCreator<ImportSlice> = (set, get) => ({
  ...importDraftState(),

  importFile: async (file) => {
    // Checked before reading, so a huge file is never loaded into memory.
    if (file.size > PRESET_MAX_BYTES) {
      set({
        importOutcome: { fileName: file.name, ok: false, problems: [{ severity: 'error', message: presetTooLargeMessage(file.size) }] }
      })
      return
    }
    try {
      const r = await call('presets:import', { text: await file.text(), fileName: file.name })
      if (r.ok && r.preset) {
        // An import starts a new draft; the one on screen is already autosaved in the list.
        await get().saveDraftNow()
        const config = { ...emptyProviderConfig(), ...r.preset, client_id: '' }
        const title = uniqueName(
          config.name,
          (get().drafts ?? []).map((d) => d.title)
        )
        enterDraft(set, get, {
          id: freshDraftId(),
          config,
          touched: true,
          panelUrl: get().panelUrl,
          // Only the draft's name in the list: the provider's name is what the panel shows.
          draftName: title !== config.name ? title : null
        })
      }
      set({ importOutcome: { fileName: file.name, ok: r.ok, problems: r.problems } })
    } catch (err) {
      const e = asAppError(err)
      set({ importOutcome: { fileName: file.name, ok: false, problems: [{ severity: 'error', message: e.message }] } })
    }
  },

  dismissImport: () => set({ importOutcome: null })
})

/** Importing the same file twice lists "Pocket ID (2)": two drafts with one title look alike, to a screen reader too. */
export function uniqueName(name: string, taken: string[]): string {
  if (!name || !taken.includes(name)) return name
  for (let n = 2; ; n += 1) {
    const candidate = `${name} (${n})`
    if (!taken.includes(candidate)) return candidate
  }
}
