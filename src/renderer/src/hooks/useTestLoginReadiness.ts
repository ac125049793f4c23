import { useWizard } from '../store'

/**
 * What the test login still needs, in the words of the fields that ask for it. A secret
 * typed in its field counts: it is stored before the login starts.
 */
export function useTestLoginReadiness(): { missing: string[] } {
  const clientId = useWizard((s) => s.config.client_id.trim() !== '')
  const secret = useWizard((s) => s.vaultStatus?.set === true || s.secretTyped)
  const urls = useWizard((s) => !!(s.config.auth_url && s.config.token_url && s.config.info_url))
  const portOk = useWizard((s) => !s.loginPortInvalid)
  const missing = [
    clientId ? '' : 'Client ID',
    secret ? '' : 'Client Secret',
    urls ? '' : 'the Auth, Token and Info URLs (Discover step)',
    portOk ? '' : 'a valid port'
  ].filter(Boolean)
  return { missing }
}
