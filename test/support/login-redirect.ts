import type { PanelClient } from '../../src/core/panel/panel-client'
import { checkLoginRedirect, type VerifyResult } from '../../src/core/panel/redirect-verify'
import type { ProviderConfig } from '../../src/shared/provider'

/**
 * One request to the panel's login route, checked against the draft: the redirect half of
 * `verifyPanelLogin` without its rate-limit bookkeeping and preflight, for tests and the bench.
 */
export async function verifyPanelRedirect(
  client: PanelClient,
  uuid: string,
  config: ProviderConfig,
  appUrl: string
): Promise<VerifyResult> {
  return checkLoginRedirect(await client.getLoginRedirect(uuid), uuid, config, appUrl)
}
