import type { Output } from '../../../shared/api'
import type { ErrorPayload } from '../../../shared/errors'
import { asAppError, call, cancel, newCallId } from '../services/api'
import type { LibraryEntry } from './library-slice'
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

export const createDiscoverySlice: SliceCreator<DiscoverySlice> = (set, get) => ({
  discoveryUrl: '',
  discoveryStatus: 'idle',
  discovery: null,
  discoveryError: null,
  discoveryCallId: null,
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
        name: config.name || productName(get().library, result.auth_url) || hostLabel(result.issuer)
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

/**
 * The product name of the one library preset whose authorization URL has the shape of the
 * discovered one (its placeholders, such as the host or realm, match anything): users see
 * this name on the panel's login page, so "Keycloak" beats "127.0.0.1:24100". Two or more
 * matches (a bare `/authorize` fits many) say nothing.
 */
export function productName(library: LibraryEntry[] | null, authUrl: string | null): string {
  if (!library || !authUrl) return ''
  const trim = (u: string): string => u.replace(/\/+$/, '')
  const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const matches = library.filter((p) => {
    let pattern = escape(trim(p.preset.auth_url))
    for (const ph of p.placeholders) pattern = pattern.split(escape(ph.token)).join('[^?#]+?')
    return new RegExp(`^${pattern}$`, 'i').test(trim(authUrl))
  })
  return matches.length === 1 ? matches[0]!.preset.name : ''
}

/** A default provider name from the issuer's host: `id.example.com` → `id.example.com`. */
function hostLabel(issuer: string): string {
  try {
    return new URL(issuer).host
  } catch {
    return ''
  }
}
