import type { Draft, LastPush } from '../../../shared/schemas/drafts'
import { emptyProviderConfig, type ProviderConfig } from '../../../shared/provider'
import { cancel } from '../services/api'
import { navDraftState, STEP_IDS, type StepId } from './nav-slice'
import type { DataKeys, WizardState } from './types'
import { autosaveDraftState } from './autosave-slice'
import { credentialsDraftState } from './credentials-slice'
import { discoveryDraftState } from './discovery-slice'
import { draftsDraftState } from './drafts-slice'
import { exportDraftState } from './export-slice'
import { importDraftState } from './import-slice'
import { libraryDraftState } from './library-slice'
import { mappingsDraftState } from './mappings-slice'
import { panelDraftState } from './panel-slice'
import { pushRecordDraftState } from './push-record-slice'
import { userinfoDraftState } from './userinfo-slice'
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
 * Fields that outlive a draft switch: the app's, the draft list's, the preset library's, the
 * admin's settings, and what belongs to the panel address rather than to a draft.
 */
export const KEPT_ACROSS_DRAFTS = [
  'appInfo',
  'appError',
  'drafts',
  'draftsDir',
  'setAside',
  'draftsError',
  'resumeChecked',
  'autosave',
  'savedKey',
  'library',
  'libraryError',
  'loginPort',
  'loginPortInvalid',
  'extraChecks',
  'secretTyped',
  'secretWrite',
  'pickRoles',
  'pickServers',
  'pickersComplete',
  'permissionGroups',
  'pickersError'
] as const satisfies readonly DataKeys<WizardState>[]

/** Every slice's draft-scoped fields at their initial values: a new field is reset by being declared in its slice. */
function resetDraftScoped() {
  return {
    ...navDraftState(),
    ...libraryDraftState(),
    ...importDraftState(),
    ...draftsDraftState(),
    ...autosaveDraftState(),
    ...discoveryDraftState(),
    ...userinfoDraftState(),
    ...credentialsDraftState(),
    ...panelDraftState(),
    ...pushRecordDraftState(),
    ...exportDraftState(),
    ...mappingsDraftState()
  }
}

/** The draft's own fields (draft slice), written on every switch. */
type DraftOwnKeys = 'draftId' | 'config' | 'revision' | 'touched' | 'panelUrl' | 'apiKeySet'

// Compile-time guarantee: each field of the store is reset on a draft switch, written from the
// entered draft, or listed as kept. A field added to a slice and to none of these fails here.
type Unclassified = Exclude<
  DataKeys<WizardState>,
  keyof ReturnType<typeof resetDraftScoped> | DraftOwnKeys | (typeof KEPT_ACROSS_DRAFTS)[number]
>
const everyFieldClassified: [Unclassified] extends [never] ? true : Unclassified = true
void everyFieldClassified

/** The entries of `o` that are not undefined (what the entered draft brings; the rest stays reset). */
function given<T extends object>(o: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>
  }>
}

/**
 * Puts another draft on screen. Everything derived from a draft (discovery result, userinfo
 * sample, test login, connection check, plan, push and its verification) belongs to that
 * draft: each slice declares those fields once (its `…DraftState`), they are reset here,
 * then filled from what was saved with the new draft. Calls still running for the previous
 * draft are cancelled so their answers cannot land on this one.
 */
export function enterDraft(set: Set, get: () => WizardState, d: EnteredDraft): void {
  const prev = get()
  for (const id of [prev.discoveryCallId, prev.loginCallId, prev.panelCallId]) if (id) void cancel(id)
  const panelUrl = d.panelUrl ?? ''
  set((s) => ({
    ...resetDraftScoped(),
    draftId: d.id,
    config: d.config,
    revision: s.revision + 1,
    touched: d.touched ? Object.fromEntries(Object.keys(d.config).map((k) => [k, true])) : {},
    // The stored API key belongs to the panel address, not to the draft.
    panelUrl,
    apiKeySet: panelUrl === s.panelUrl ? s.apiKeySet : false,
    ...given({
      step: d.step,
      presetId: d.presetId,
      placeholderValues: d.placeholderValues,
      pendingDraftName: d.draftName,
      discoveryUrl: d.discoveryUrl,
      discovery: d.discovery,
      discoveryStatus: d.discovery ? ('done' as const) : undefined,
      userinfo: d.userinfo,
      lastPush: d.lastPush,
      mappings: d.mappings,
      mappingSamples: d.mappingSamples
    })
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
