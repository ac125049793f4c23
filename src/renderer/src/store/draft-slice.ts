import { emptyProviderConfig, type ProviderConfig } from '../../../shared/provider'
import { freshDraftId } from './draft-switch'
import type { SliceCreator } from './types'

export interface DraftSlice {
  /** Identifies the draft (autosave file, vault key of its client secret). */
  draftId: string
  config: ProviderConfig
  /** Bumped on every change; autosave and derived views key on it. */
  revision: number
  /** Fields the admin (or discovery) has set: empty untouched fields aren't flagged yet. */
  touched: Partial<Record<keyof ProviderConfig, true>>
  setField: <K extends keyof ProviderConfig>(key: K, value: ProviderConfig[K]) => void
  patchConfig: (patch: Partial<ProviderConfig>) => void
}

function touchAll(keys: string[]): Partial<Record<keyof ProviderConfig, true>> {
  return Object.fromEntries(keys.map((k) => [k, true]))
}

export const createDraftSlice: SliceCreator<DraftSlice> = (set) => ({
  draftId: freshDraftId(),
  config: emptyProviderConfig(),
  revision: 0,
  touched: {},
  setField: (key, value) =>
    set((s) => ({ config: { ...s.config, [key]: value }, revision: s.revision + 1, touched: { ...s.touched, [key]: true } })),
  patchConfig: (patch) =>
    set((s) => ({
      config: { ...s.config, ...patch },
      revision: s.revision + 1,
      touched: { ...s.touched, ...touchAll(Object.keys(patch)) }
    }))
})
