import type { DiscoveryResult } from '../../shared/schemas/discovery'
import { checkDiscoveryDocument } from './check-document'
import { fetchDiscoveryDocument } from './fetch-document'
import { discoveryCandidates } from './well-known'

export { recommendBasicAuth } from './check-document'

/**
 * Discovers a provider from what the admin typed: fetches its OpenID Connect (or
 * RFC 8414) metadata and checks it against the specs and the panel's abilities.
 */
export async function discover(input: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<DiscoveryResult> {
  const fetched = await fetchDiscoveryDocument(discoveryCandidates(input), opts)
  return checkDiscoveryDocument(fetched)
}
