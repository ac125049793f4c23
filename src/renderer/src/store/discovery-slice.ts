import type { Output } from '../../../shared/api'
import type { ErrorPayload } from '../../../shared/errors'
import { asAppError, call, cancel, newCallId } from '../services/api'
import { productName } from '../../../shared/product-name'
import type { SliceCreator } from './types'

export type DiscoveryResult = Output<'discovery:run'>

export interface DiscoverySlice {
  discoveryUrl: string
  discoveryStatus: 'idle' | 'running' | 'done' | 'error' | 'cancelled'
  discovery: DiscoveryResult | null
  discoveryError: ErrorPayload | null
  discoveryCallId: string | null
  setDiscoveryUrl: (url: string) => void
  runDiscovery: () => Promise<void>
  cancelDiscovery: () => void
}

/** Discovery as a draft without one has it: everything here belongs to the draft. */
export const discoveryDraftState = (): Pick<
  DiscoverySlice,
  'discoveryUrl' | 'discoveryStatus' | 'discovery' | 'discoveryError' | 'discoveryCallId'
> => ({
  discoveryUrl: '',
  discoveryStatus: 'idle',
  discovery: null,
  discoveryError: null,
  discoveryCallId: null
})

export const createDiscoverySlice: SliceCreator<DiscoverySlice> = (set, get) => ({
  ...discoveryDraftState(),
  setDiscoveryUrl: (url) => set({ discoveryUrl: url }),
  runDiscovery: async () => {
    const callId = newCallId()
    set({ discoveryStatus: 'running', discoveryError: null, discoveryCallId: callId })
    try {
      const result = await call('discovery:run', { url: get().discoveryUrl }, callId)
      if (get().discoveryCallId !== callId) return
      set({ discovery: result, discoveryStatus: 'done', discoveryCallId: null })
      // Fill the three URLs and the recommended Basic Auth; the admin can still edit them.
      const { config, patchConfig } = get()
      patchConfig({
        auth_url: result.auth_url ?? config.auth_url,
        token_url: result.token_url ?? config.token_url,
        info_url: result.info_url ?? config.info_url,
        basic_auth: result.basic_auth,
        // Users see the name on the panel's login page: a product name, or the admin's choice
        // (an empty name is flagged at once), never a host name.
        name: config.name || productName(get().library, result.auth_url)
      })
    } catch (err) {
      if (get().discoveryCallId !== callId) return
      const e = asAppError(err).toPayload()
      set({ discoveryStatus: e.code === 'cancelled' ? 'cancelled' : 'error', discoveryError: e, discoveryCallId: null })
    }
  },
  cancelDiscovery: () => {
    const id = get().discoveryCallId
    if (!id) return
    set({ discoveryStatus: 'cancelled', discoveryCallId: null, discoveryError: null })
    void cancel(id)
  }
})
