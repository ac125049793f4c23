/**
 * The seed guide's troubleshooting cases (docs site, "Generic OAuth Setup" →
 * Troubleshooting), named as the guide names them so an admin who knows the guide
 * recognises where a finding would have hurt them in the panel.
 */
export const TROUBLE_URLS = 'Troubleshooting case “Invalid URLs or connection fails immediately”.'
export const TROUBLE_SCOPE = 'Troubleshooting case “Invalid Scope or Insufficient Scopes”.'
export const TROUBLE_CLIENT = 'Troubleshooting case “Invalid Client or Authentication Failed”.'
export const TROUBLE_PATHS = 'Troubleshooting case “Failed to extract user data or missing user information”.'
