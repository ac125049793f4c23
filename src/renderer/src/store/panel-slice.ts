import type { Output } from '../../../shared/api'
import type { ErrorPayload } from '../../../shared/errors'
import { PROVIDER_KEYS, type ProviderConfig } from '../../../shared/provider'
import { asAppError, call, cancel, newCallId } from '../services/api'
import type { DataKeys, SliceCreator } from './types'

type Plan = Output<'panel:plan'>
type PushResult = Output<'panel:push'>
type Check = Output<'panel:check'>
type Verification = Output<'panel:verify-login'>

/** A problem the panel (or our check before sending) reported on a field of the draft. */
export interface PanelFieldProblem {
  field: string
  message: string
  /** The field's value when reported: once the admin edits the field, the problem is gone. */
  value: unknown
  /** `panel`: the panel refused it; `local`: our copy of its rules stopped it before sending. */
  source: 'panel' | 'local'
}

export interface PanelSlice {
  panelUrl: string
  /** Whether the vault holds an API key for panelUrl (the key itself never comes back). */
  apiKeySet: boolean
  panelBusy: 'saving-key' | 'checking' | 'planning' | 'pushing' | 'verifying' | null
  panelCallId: string | null
  panelError: ErrorPayload | null
  check: Check | null
  plan: Plan | null
  pushResult: PushResult | null
  /**
   * The core's verification after the push (or after "Check again"): one login redirect, then the
   * preflight; a preflight that could not run is in `preflight_error`, shown with the preflight.
   */
  verification: Verification | null
  /** Where the redirect URL goes at the provider (from the preset library), when known. */
  redirectHint: string | null
  panelFieldProblems: PanelFieldProblem[]
  setPanelUrl: (url: string) => void
  refreshApiKeyState: () => Promise<void>
  /** Sends the typed key to the vault (write-only); null forgets it. */
  saveApiKey: (key: string | null) => Promise<boolean>
  checkConnection: () => Promise<void>
  cancelPanelCall: () => Promise<void>
  makePlan: (mode?: 'auto' | 'create' | 'update', uuid?: string) => Promise<void>
  discardPlan: () => void
  confirmPush: () => Promise<void>
  /** Verifies the pushed provider's login again (spends one of the panel's login redirects). */
  verifyPanel: () => Promise<void>
  openPanelLogin: () => Promise<boolean>
  loadRedirectHint: (config: ProviderConfig) => Promise<void>
  /** Drops a reported problem, e.g. `client_secret` once a secret was stored (it is not part of the config, so editing can't clear it). */
  clearPanelFieldProblem: (field: string) => void
}

/** Everything here but the panel address and its key belongs to the draft on screen. */
export const panelDraftState = (): Pick<PanelSlice, Exclude<DataKeys<PanelSlice>, 'panelUrl' | 'apiKeySet'>> => ({
  panelBusy: null,
  panelCallId: null,
  panelError: null,
  check: null,
  plan: null,
  pushResult: null,
  verification: null,
  redirectHint: null,
  panelFieldProblems: []
})

export const createPanelSlice: SliceCreator<PanelSlice> = (set, get) => {
  /** Runs one cancellable call with a busy state; errors land in panelError and, per field, on the wizard's fields. */
  async function run<T>(busy: NonNullable<PanelSlice['panelBusy']>, fn: (callId: string) => Promise<T>): Promise<T | null> {
    const callId = newCallId()
    set({ panelBusy: busy, panelCallId: callId, panelError: null })
    try {
      return await fn(callId)
    } catch (err) {
      const e = asAppError(err).toPayload()
      if (e.code !== 'cancelled') set({ panelError: e })
      const config = get().config as unknown as Record<string, unknown>
      const fieldProblems = (e.problems ?? [])
        .filter((p): p is { field: string; message: string } => !!p.field && (PROVIDER_KEYS as readonly string[]).includes(p.field))
        .map((p) => ({
          field: p.field,
          message: p.message,
          value: config[p.field],
          source: e.code === 'panel.invalid-config' ? ('local' as const) : ('panel' as const)
        }))
      if (fieldProblems.length) set({ panelFieldProblems: fieldProblems })
      return null
    } finally {
      if (get().panelCallId === callId) set({ panelBusy: null, panelCallId: null })
    }
  }
  const base = () => ({ panelUrl: get().panelUrl })

  return {
    panelUrl: '',
    apiKeySet: false,
    ...panelDraftState(),
    setPanelUrl: (url) => set({ panelUrl: url, check: null, plan: null, panelError: null, apiKeySet: false }),
    refreshApiKeyState: async () => {
      if (!get().panelUrl.trim()) return
      try {
        const r = await call('panel:api-key-state', base())
        set({ apiKeySet: r.api_key_set })
      } catch {
        set({ apiKeySet: false })
      }
    },
    saveApiKey: async (key) => {
      const r = await run('saving-key', () => call('panel:set-api-key', { ...base(), apiKey: key }))
      if (r) set({ apiKeySet: r.api_key_set, check: null })
      return r !== null
    },
    checkConnection: async () => {
      set({ check: null, plan: null })
      const r = await run('checking', (id) => call('panel:check', base(), id))
      if (r) set({ check: r })
    },
    cancelPanelCall: async () => {
      const id = get().panelCallId
      if (id) await cancel(id)
      set({ panelBusy: null, panelCallId: null })
    },
    makePlan: async (mode = 'auto', uuid) => {
      set({ plan: null, panelFieldProblems: [], pushResult: null, verification: null })
      const s = get()
      const r = await run('planning', (id) =>
        call(
          'panel:plan',
          {
            ...base(),
            draftId: s.draftId,
            config: s.config,
            mode,
            ...(uuid ? { uuid } : {}),
            ...(s.mappings ? { mappings: s.mappings } : {})
          },
          id
        )
      )
      if (r) set({ plan: r })
    },
    discardPlan: () => set({ plan: null }),
    confirmPush: async () => {
      const s = get()
      const plan = s.plan
      if (!plan) return
      const mode = plan.action === 'update' || plan.action === 'unchanged' ? 'update' : 'create'
      // One core workflow (the CLI's push runs the same): push, then verify the login.
      const r = await run('pushing', (id) =>
        call(
          'panel:push-and-verify',
          {
            ...base(),
            draftId: s.draftId,
            config: s.config,
            fingerprint: plan.fingerprint,
            mode,
            ...(plan.uuid ? { uuid: plan.uuid } : {}),
            ...(s.mappings ? { mappings: s.mappings } : {})
          },
          id
        )
      )
      if (r) {
        const { verification, push_problems, verified: _verified, ...pushed } = r
        const pushResult = { ...pushed, problems: push_problems }
        set({ pushResult, plan: null, panelFieldProblems: [], verification })
        get().recordPush(pushResult, s.config, s.panelUrl, s.mappings)
        // The connection line counts the panel's providers: one more now.
        if (r.action === 'created')
          void call('panel:check', base())
            .then((check) => set({ check }))
            .catch(() => undefined)
      }
    },
    verifyPanel: async () => {
      const s = get()
      // After a reload only the saved record of the push is left; it names the same provider.
      const pushed = s.pushResult ?? s.lastPush
      if (!pushed) return
      set({ verification: null })
      const v = await run('verifying', (id) =>
        call('panel:verify-login', { ...base(), uuid: pushed.uuid, config: s.config, appUrl: pushed.app_url }, id)
      )
      if (v) set({ verification: v })
    },
    openPanelLogin: async () => {
      const pushed = get().pushResult ?? get().lastPush
      if (!pushed) return false
      try {
        const r = await call('panel:open-login', { appUrl: pushed.app_url, uuid: pushed.uuid })
        if (!r.opened) window.open(r.url, '_blank', 'noopener')
        return true
      } catch (err) {
        set({ panelError: asAppError(err).toPayload() })
        return false
      }
    },
    clearPanelFieldProblem: (field) => set((st) => ({ panelFieldProblems: st.panelFieldProblems.filter((p) => p.field !== field) })),
    loadRedirectHint: async (config) => {
      try {
        const { presets } = await call('presets:list', {})
        const presetId = get().presetId
        const host = (u: string): string | null => {
          try {
            return new URL(u).host
          } catch {
            return null
          }
        }
        const byId = presetId ? presets.find((p) => p.id === presetId) : undefined
        const authHost = host(config.auth_url)
        // Cloud providers have fixed endpoints: their host names the preset.
        const byHost = authHost ? presets.find((p) => host(p.preset.auth_url) === authHost) : undefined
        set({ redirectHint: (byId ?? byHost)?.redirect_hint ?? null })
      } catch {
        set({ redirectHint: null })
      }
    }
  }
}
