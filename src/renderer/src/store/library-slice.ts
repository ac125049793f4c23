import type { Output } from '../../../shared/api'
import type { ErrorPayload } from '../../../shared/errors'
import { PRESET_MAX_BYTES, presetTooLargeMessage } from '../../../shared/presets'
import { emptyProviderConfig, type ProviderConfig } from '../../../shared/provider'
import { asAppError, call } from '../services/api'
import { STEP_IDS, type StepId } from './nav-slice'
import type { SliceCreator, WizardState } from './types'

export type LibraryEntry = Output<'presets:list'>['presets'][number]
export type DraftSummary = Output<'drafts:list'>['drafts'][number]
export type ImportProblem = Output<'presets:import'>['problems'][number]

export interface ImportOutcome {
  fileName: string
  ok: boolean
  problems: ImportProblem[]
}

export interface LibrarySlice {
  library: LibraryEntry[] | null
  libraryError: ErrorPayload | null
  /** The library preset this draft started from (its notes and redirect hint stay useful later). */
  presetId: string | null
  placeholderValues: Record<string, string>
  drafts: DraftSummary[] | null
  draftsDir: string | null
  /** Drafts that could not be read and were moved aside (messages for the admin). */
  setAside: { file: string; message: string }[]
  draftsError: ErrorPayload | null
  autosave: { state: 'idle' | 'saving' | 'saved' | 'error'; at: string | null; error: ErrorPayload | null }
  /** What the last import said; a failed import leaves the draft as it was. */
  importOutcome: ImportOutcome | null
  exportStatus: { state: 'idle' | 'working' | 'saved' | 'downloaded' | 'cancelled' | 'error'; message: string | null }
  loadLibrary: () => Promise<void>
  loadDrafts: () => Promise<void>
  /** At launch: reopen the most recently changed draft, so an interrupted setup goes on. */
  resumeLatest: () => Promise<void>
  resumedTitle: string | null
  startFromPreset: (id: string, values: Record<string, string>) => Promise<ErrorPayload | null>
  startBlank: () => Promise<void>
  openDraft: (id: string) => Promise<void>
  duplicateDraft: (id: string) => Promise<void>
  renameDraft: (id: string, name: string) => Promise<void>
  deleteDraft: (id: string) => Promise<void>
  importFile: (file: File) => Promise<void>
  dismissImport: () => void
  saveDraftNow: () => Promise<void>
  exportPreset: (format: 'yaml' | 'json', opts?: { importDisabled?: boolean }) => Promise<void>
}

/** What autosave compares: a draft is written only when one of these changed. */
export function autosaveKey(s: WizardState): string {
  return JSON.stringify([s.draftId, s.config, s.step, s.userinfo?.text ?? null, s.presetId, s.placeholderValues, s.panelUrl])
}

/** The state of a brand-new, untouched draft is never written (nothing to resume). */
let lastSavedKey: string | null = null
export function markSaved(s: WizardState): void {
  lastSavedKey = autosaveKey(s)
}
export function needsSave(s: WizardState): boolean {
  return lastSavedKey !== autosaveKey(s)
}

function draftConfig(c: ProviderConfig): Omit<ProviderConfig, 'client_secret'> {
  const { client_secret: _never, ...rest } = c
  return rest
}

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set, get) => ({
  library: null,
  libraryError: null,
  presetId: null,
  placeholderValues: {},
  drafts: null,
  draftsDir: null,
  setAside: [],
  draftsError: null,
  autosave: { state: 'idle', at: null, error: null },
  importOutcome: null,
  exportStatus: { state: 'idle', message: null },
  resumedTitle: null,

  loadLibrary: async () => {
    try {
      set({ library: (await call('presets:list', {})).presets, libraryError: null })
    } catch (err) {
      set({ libraryError: asAppError(err).toPayload() })
    }
  },

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
    await get().loadDrafts()
    const latest = get().drafts?.[0]
    // Only when nothing has been typed yet in this window.
    if (!latest || needsSave(get()) || get().revision !== 0) return
    await get().openDraft(latest.id)
    if (get().draftId === latest.id) set({ resumedTitle: latest.title })
  },

  startFromPreset: async (id, values) => {
    try {
      const r = await call('presets:apply', { id, values })
      // The draft on screen keeps its last change (an autosave may still be waiting).
      await get().saveDraftNow()
      get().newDraft()
      get().clearUserinfo()
      get().patchConfig({ ...r.preset, client_id: '' })
      set({ presetId: id, placeholderValues: values, importOutcome: null, resumedTitle: null })
      if (r.discovery) get().setDiscoveryUrl(r.discovery)
      get().goTo('discover')
      return null
    } catch (err) {
      return asAppError(err).toPayload()
    }
  },

  startBlank: async () => {
    await get().saveDraftNow()
    get().newDraft()
    get().clearUserinfo()
    set({ presetId: null, placeholderValues: {}, importOutcome: null, resumedTitle: null })
    get().goTo('discover')
    markSaved(get())
  },

  openDraft: async (id) => {
    try {
      await get().saveDraftNow()
      const d = await call('drafts:get', { id })
      get().loadDraft(d.id, { ...emptyProviderConfig(), ...d.config })
      set({
        presetId: d.preset_id,
        placeholderValues: d.placeholders,
        userinfo: d.userinfo === null ? null : { text: d.userinfo, source: 'paste', receivedAt: d.updated },
        importOutcome: null
      })
      if (d.panel_url) get().setPanelUrl(d.panel_url)
      const step = STEP_IDS.includes(d.step as StepId) ? (d.step as StepId) : 'discover'
      get().goTo(step)
      markSaved(get())
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
      if (id === get().draftId) {
        get().newDraft()
        markSaved(get())
      }
    } catch (err) {
      set({ draftsError: asAppError(err).toPayload() })
    }
    await get().loadDrafts()
  },

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
        get().newDraft()
        get().clearUserinfo()
        get().patchConfig({ ...r.preset, client_id: '' })
        set({ presetId: null, placeholderValues: {} })
        get().goTo('discover')
      }
      set({ importOutcome: { fileName: file.name, ok: r.ok, problems: r.problems } })
    } catch (err) {
      const e = asAppError(err)
      set({ importOutcome: { fileName: file.name, ok: false, problems: [{ severity: 'error', message: e.message }] } })
    }
  },

  dismissImport: () => set({ importOutcome: null }),

  saveDraftNow: async () => {
    const s = get()
    if (!needsSave(s)) return
    const key = autosaveKey(s)
    set({ autosave: { ...s.autosave, state: 'saving' } })
    try {
      const r = await call('drafts:save', {
        id: s.draftId,
        config: draftConfig(s.config),
        step: s.step,
        preset_id: s.presetId,
        placeholders: s.placeholderValues,
        panel_url: s.panelUrl || null,
        userinfo: s.userinfo?.text ?? null
      })
      lastSavedKey = key
      set({ autosave: { state: 'saved', at: r.draft.updated, error: null } })
      if (r.set_aside) set((x) => ({ setAside: [...x.setAside, { file: r.set_aside!.file, message: r.set_aside!.message }] }))
    } catch (err) {
      set({ autosave: { state: 'error', at: get().autosave.at, error: asAppError(err).toPayload() } })
    }
  },

  exportPreset: async (format, opts = {}) => {
    set({ exportStatus: { state: 'working', message: null } })
    try {
      const r = await call('presets:save', { config: draftConfig(get().config), format, importDisabled: opts.importDisabled === true })
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
