import { beforeAll, describe, expect, it } from 'vitest'
import type { Transport } from '../../../src/shared/api'
import { emptyProviderConfig } from '../../../src/shared/provider'
import type * as StoreModule from '../../../src/renderer/src/store'
import type * as DraftSwitchModule from '../../../src/renderer/src/store/draft-switch'
import type { WizardState } from '../../../src/renderer/src/store/types'

// A draft switch resets every draft-scoped field of the store to the value a fresh window
// has, keeps only what is declared to outlive drafts, and cancels the previous draft's calls.

const cancelled: string[] = []
const calls: { method: string; input: unknown }[] = []
let vaultAnswer: (() => void) | null = null
const transport: Transport = {
  call: async (method, input) => {
    calls.push({ method, input })
    if (method !== 'vault:set') return { ok: false, error: { code: 'internal', message: 'not in this test' } }
    // Held until the test lets it through, so a draft switch can happen meanwhile.
    await new Promise<void>((resolve) => (vaultAnswer = resolve))
    return { ok: true, data: { kind: 'memory', description: 'test', set: true, needsConsent: false } } as never
  },
  cancel: async (id) => void cancelled.push(id)
}

let store: typeof StoreModule
let sw: typeof DraftSwitchModule
beforeAll(async () => {
  // The renderer's transport is chosen at import: the preload's bridge where there is one.
  ;(globalThis as unknown as { window: unknown }).window = { calagopus: transport }
  store = await import('../../../src/renderer/src/store')
  sw = await import('../../../src/renderer/src/store/draft-switch')
})

const dataKeys = (s: WizardState): (keyof WizardState)[] =>
  (Object.keys(s) as (keyof WizardState)[]).filter((k) => typeof s[k] !== 'function')

describe('draft switch', () => {
  it('resets every draft-scoped field to its initial value and keeps only the declared ones', () => {
    const { useWizard } = store
    const initial = useWizard.getState()
    const own = new Set(['draftId', 'config', 'revision', 'touched', 'panelUrl', 'apiKeySet'])
    const kept = new Set<string>(sw.KEPT_ACROSS_DRAFTS)
    const dirty = Object.fromEntries(dataKeys(initial).map((k) => [k, `dirty ${k}`]))
    useWizard.setState({ ...dirty, discoveryCallId: 'call-d', loginCallId: 'call-l', panelCallId: 'call-p' } as Partial<WizardState>)

    sw.enterDraft(useWizard.setState, useWizard.getState, { id: 'next', config: emptyProviderConfig(), touched: false })

    const after = useWizard.getState()
    const reset = dataKeys(initial).filter((k) => !own.has(k) && !kept.has(k))
    expect(reset.length).toBeGreaterThanOrEqual(35)
    for (const k of reset) expect({ [k]: after[k] }).toEqual({ [k]: initial[k] })
    for (const k of kept) expect({ [k]: after[k as keyof WizardState] }).toEqual({ [k]: `dirty ${k}` })
    expect(after).toMatchObject({ draftId: 'next', config: emptyProviderConfig(), touched: {}, panelUrl: '', apiKeySet: false })
    expect(cancelled.sort()).toEqual(['call-d', 'call-l', 'call-p'])
  })

  it('fills what the entered draft brings, and keeps the API key state for the same panel address', () => {
    const { useWizard } = store
    useWizard.setState({ panelUrl: 'https://panel.example.com', apiKeySet: true, revision: 7 })
    const discovery = { issuer: 'https://id.example.com' } as unknown as WizardState['discovery']
    sw.enterDraft(useWizard.setState, useWizard.getState, {
      id: 'saved',
      config: { ...emptyProviderConfig(), name: 'Saved' },
      touched: true,
      step: 'claims',
      presetId: null,
      discoveryUrl: 'https://id.example.com',
      discovery,
      panelUrl: 'https://panel.example.com',
      draftName: 'Mine'
    })
    const s = useWizard.getState()
    expect(s).toMatchObject({
      draftId: 'saved',
      revision: 8,
      step: 'claims',
      presetId: null,
      discoveryUrl: 'https://id.example.com',
      discoveryStatus: 'done',
      discovery,
      panelUrl: 'https://panel.example.com',
      apiKeySet: true,
      pendingDraftName: 'Mine',
      userinfo: null,
      mappings: null
    })
    expect(s.touched.name).toBe(true)
  })

  it('a secret saved as its field goes away lands on the draft it was typed for, and its answer does not show on the next', async () => {
    const { useWizard } = store
    sw.enterDraft(useWizard.setState, useWizard.getState, { id: 'typed-here', config: emptyProviderConfig(), touched: false })
    sw.enterDraft(useWizard.setState, useWizard.getState, { id: 'on-screen', config: emptyProviderConfig(), touched: false })
    useWizard.setState({ secretWrite: null, vaultStatus: null })
    calls.length = 0
    const saved = useWizard.getState().saveClientSecret('typed secret', 'typed-here')
    await Promise.resolve()
    expect(calls).toEqual([{ method: 'vault:set', input: { key: 'client-secret/typed-here', value: 'typed secret' } }])
    expect(useWizard.getState().secretWrite).toBeNull()
    vaultAnswer!()
    expect(await saved).toBe(true)
    expect(useWizard.getState().vaultStatus).toBeNull()
  })
})
