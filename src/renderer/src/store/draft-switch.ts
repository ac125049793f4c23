import type { Draft, LastPush } from '../../../shared/schemas/drafts'
import { emptyProviderConfig, type ProviderConfig } from '../../../shared/provider'
import { cancel } from '../services/api'
import { STEP_IDS, type StepId } from './nav-slice'
import type { WizardState } from './types'
import type { UserinfoDocument } from './userinfo-slice'

/** What a draft brings with it when it comes on screen: its fields and what was saved with it. */
export interface EnteredDraft {
  id: string
  config: ProviderConfig
  /** Fields to mark as touched (an opened or imported draft shows its problems at once). */
  touched: boolean
  step?: StepId
  presetId?: string | null
  placeholderValues?: Record<string, string>
  panelUrl?: string
  discoveryUrl?: string
  discovery?: WizardState['discovery']
  userinfo?: UserinfoDocument | null
  lastPush?: LastPush | null
  mappings?: WizardState['mappings']
  mappingSamples?: WizardState['mappingSamples']
  /** A name for the draft list, written with the draft's first save (null: it follows the provider's name). */
  draftName?: string | null
}

type Set = (partial: Partial<WizardState> | ((s: WizardState) => Partial<WizardState>)) => void

/**
 * Puts another draft on screen. Everything derived from a draft (discovery result, userinfo
 * sample, test login, connection check, plan, push and its verification) belongs to that
 * draft: it is reset here, in one place, then filled from what was saved with the new draft.
 * Calls still running for the previous draft are cancelled so their answers cannot land on
 * this one.
 */
export function enterDraft(set: Set, get: () => WizardState, d: EnteredDraft): void {
  const prev = get()
  for (const id of [prev.discoveryCallId, prev.loginCallId, prev.panelCallId]) if (id) void cancel(id)
  const panelUrl = d.panelUrl ?? ''
  set((s) => ({
    draftId: d.id,
    config: d.config,
    revision: s.revision + 1,
    touched: d.touched ? Object.fromEntries(Object.keys(d.config).map((k) => [k, true])) : {},
    step: d.step ?? 'discover',
    presetId: d.presetId ?? null,
    placeholderValues: d.placeholderValues ?? {},
    importOutcome: null,
    resumedTitle: null,
    pendingDraftName: d.draftName ?? null,
    // Discover
    discoveryUrl: d.discoveryUrl ?? '',
    discoveryStatus: d.discovery ? 'done' : 'idle',
    discovery: d.discovery ?? null,
    discoveryError: null,
    discoveryCallId: null,
    // Claims
    userinfo: d.userinfo ?? null,
    // Credentials and test login
    vaultStatus: null,
    vaultError: null,
    loginStatus: 'idle',
    loginStarted: null,
    loginResult: null,
    loginError: null,
    loginCallId: null,
    // Panel: the stored key belongs to the panel address, not to the draft.
    panelUrl,
    apiKeySet: panelUrl === s.panelUrl ? s.apiKeySet : false,
    panelBusy: null,
    panelCallId: null,
    panelError: null,
    check: null,
    plan: null,
    pushResult: null,
    verification: null,
    verify: null,
    preflight: null,
    preflightError: null,
    redirectHint: null,
    panelFieldProblems: [],
    lastPush: d.lastPush ?? null,
    exportStatus: { state: 'idle', message: null },
    // Mappings (the role/server pickers belong to the panel address, not to the draft)
    mappings: d.mappings ?? null,
    mappingSamples: d.mappingSamples ?? [],
    mainGrantedScope: null,
    mappingTest: null,
    mappingTestError: null,
    pathTarget: null,
    exportWithMappings: false
  }))
}

/** A saved draft as it comes back from `drafts:get`, ready for `enterDraft`. */
export function enteredFromSaved(d: Draft): EnteredDraft {
  return {
    id: d.id,
    config: { ...emptyProviderConfig(), ...d.config },
    touched: true,
    step: STEP_IDS.includes(d.step as StepId) ? (d.step as StepId) : 'discover',
    presetId: d.preset_id,
    placeholderValues: d.placeholders,
    panelUrl: d.panel_url ?? '',
    discoveryUrl: d.discovery_url ?? d.discovery?.issuer ?? '',
    discovery: d.discovery,
    userinfo:
      d.userinfo === null
        ? null
        : { text: d.userinfo, source: d.userinfo_source ?? 'unknown', receivedAt: d.userinfo_received_at ?? d.updated },
    lastPush: d.last_push,
    mappings: d.mappings,
    mappingSamples: d.mapping_samples
  }
}

/** A fresh draft id (autosave file name, vault key of its client secret). */
export function freshDraftId(): string {
  const bytes = new Uint8Array(8)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
