import type { ErrorPayload } from '../../../shared/errors'
import type { ProviderConfig } from '../../../shared/provider'
import type { DraftConfig } from '../../../shared/schemas/drafts'
import { asAppError, call } from '../services/api'
import type { SliceCreator, WizardState } from './types'

export interface AutosaveSlice {
  autosave: { state: 'idle' | 'saving' | 'saved' | 'error'; at: string | null; error: ErrorPayload | null }
  /** A list name to write with the next save (an imported copy's "(2)"), then forgotten. */
  pendingDraftName: string | null
  /** `autosaveKey` of what is on disk for this draft; null: nothing written yet this session. */
  savedKey: string | null
  /** Records that what is on screen needs no write (a draft just opened, a blank start). */
  markSaved: () => void
  saveDraftNow: () => Promise<void>
}

/** Everything saved with a draft: a change of one of these (and only these) triggers an autosave. */
export const AUTOSAVE_FIELDS = [
  'draftId',
  'config',
  'step',
  'userinfo',
  'presetId',
  'placeholderValues',
  'panelUrl',
  'discoveryUrl',
  'discovery',
  'lastPush',
  'mappings',
  'mappingSamples'
] as const satisfies readonly (keyof WizardState)[]

/** What autosave compares: a draft is written only when what it saves changed. */
export function autosaveKey(s: WizardState): string {
  return JSON.stringify(AUTOSAVE_FIELDS.map((k) => s[k]))
}

/** Whether a state change touched anything a draft saves (cheap: reference comparison). */
export function touchesSavedFields(s: WizardState, prev: WizardState): boolean {
  return AUTOSAVE_FIELDS.some((k) => s[k] !== prev[k])
}

export function needsSave(s: WizardState): boolean {
  return s.savedKey !== autosaveKey(s)
}

/** The draft's fields as saved and exported: never the client secret. */
export function draftConfig(c: ProviderConfig): DraftConfig {
  const { client_secret: _never, ...rest } = c
  return rest
}

/** A name waiting for the draft's first save belongs to that draft. */
export const autosaveDraftState = (): Pick<AutosaveSlice, 'pendingDraftName'> => ({
  pendingDraftName: null
})

export const createAutosaveSlice: SliceCreator<AutosaveSlice> = (set, get) => ({
  autosave: { state: 'idle', at: null, error: null },
  savedKey: null,
  ...autosaveDraftState(),
  markSaved: () => set({ savedKey: autosaveKey(get()) }),
  saveDraftNow: async () => {
    const s = get()
    if (!needsSave(s)) return
    const key = autosaveKey(s)
    set({ autosave: { ...s.autosave, state: 'saving' } })
    try {
      const r = await call('drafts:save', {
        id: s.draftId,
        ...(s.pendingDraftName ? { name: s.pendingDraftName } : {}),
        config: draftConfig(s.config),
        step: s.step,
        preset_id: s.presetId,
        placeholders: s.placeholderValues,
        panel_url: s.panelUrl || null,
        userinfo: s.userinfo?.text ?? null,
        userinfo_source: s.userinfo && s.userinfo.source !== 'unknown' ? s.userinfo.source : null,
        userinfo_received_at: s.userinfo?.receivedAt ?? null,
        discovery_url: s.discoveryUrl || null,
        discovery: s.discovery,
        last_push: s.lastPush,
        mappings: s.mappings,
        mapping_samples: s.mappingSamples
      })
      // Another draft may be on screen by now: only its own key marks it saved.
      if (get().draftId === s.draftId) set({ savedKey: key, pendingDraftName: null })
      set({ autosave: { state: 'saved', at: r.draft.updated, error: null } })
      if (r.set_aside) set((x) => ({ setAside: [...x.setAside, { file: r.set_aside!.file, message: r.set_aside!.message }] }))
    } catch (err) {
      set({ autosave: { state: 'error', at: get().autosave.at, error: asAppError(err).toPayload() } })
    }
  }
})
