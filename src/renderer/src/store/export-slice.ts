import { asAppError, call } from '../services/api'
import { draftConfig } from './autosave-slice'
import type { SliceCreator } from './types'

/** Exporting the draft as a preset file. */
export interface ExportSlice {
  exportStatus: { state: 'idle' | 'working' | 'saved' | 'downloaded' | 'cancelled' | 'error'; message: string | null }
  /** `importDisabled`: write `enabled: false` (the panel's Import creates the provider at once, with dummy credentials). */
  exportPreset: (format: 'yaml' | 'json', opts?: { importDisabled?: boolean }) => Promise<void>
}

/** The outcome of an export belongs to the draft exported. */
export const exportDraftState = (): Pick<ExportSlice, 'exportStatus'> => ({
  exportStatus: { state: 'idle', message: null }
})

export const createExportSlice: SliceCreator<ExportSlice> = (set, get) => ({
  ...exportDraftState(),
  exportPreset: async (format, opts = {}) => {
    set({ exportStatus: { state: 'working', message: null } })
    try {
      const { mappings, exportWithMappings } = get()
      // Only when the admin asked: the default export is the panel's, byte for byte.
      const withMappings = format === 'json' && exportWithMappings && mappings !== null ? { mappings } : {}
      const r = await call('presets:save', {
        config: draftConfig(get().config),
        format,
        importDisabled: opts.importDisabled === true,
        ...withMappings
      })
      if (r.outcome === 'saved') {
        set({ exportStatus: { state: 'saved', message: `Saved to ${r.path}.` } })
      } else if (r.outcome === 'cancelled') {
        set({ exportStatus: { state: 'cancelled', message: null } })
      } else {
        downloadText(r.content, r.fileName, r.mimeType)
        set({ exportStatus: { state: 'downloaded', message: `Downloaded ${r.fileName}.` } })
      }
    } catch (err) {
      set({ exportStatus: { state: 'error', message: asAppError(err).message } })
    }
  }
})

/** Browser mode: the file is handed to the browser's download, exactly as the panel does it. */
function downloadText(content: string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
