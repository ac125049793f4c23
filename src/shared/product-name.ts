/** What the match needs of a library entry. */
export interface NamedPreset {
  preset: { name: string; auth_url: string }
  placeholders: { token: string }[]
}

/**
 * The product name of the one library preset whose authorization URL has the shape of the
 * discovered one (its placeholders, such as the host or realm, match anything): users see
 * this name on the panel's login page, so "Keycloak" beats "127.0.0.1:24100". Two or more
 * matches (a bare `/authorize` fits many) say nothing. A cloud provider without placeholders
 * is also recognised by its host alone.
 */
export function productName(library: readonly NamedPreset[] | null, authUrl: string | null): string {
  if (!library || !authUrl) return ''
  const trim = (u: string): string => u.replace(/\/+$/, '')
  const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const matches = library.filter((p) => {
    let pattern = escape(trim(p.preset.auth_url))
    // A placeholder stands for one host or path segment; http or https alike.
    for (const ph of p.placeholders) pattern = pattern.split(escape(ph.token)).join('[^/?#]+')
    pattern = pattern.replace(/^https:/, 'https?:')
    return new RegExp(`^${pattern}$`, 'i').test(trim(authUrl))
  })
  if (matches.length === 1) return matches[0]!.preset.name
  if (matches.length > 1) return ''
  // Cloud providers move their paths between versions (Google's /o/oauth2/v2/auth), not their hosts.
  const host = (u: string): string | null => {
    try {
      return new URL(u).host.toLowerCase()
    } catch {
      return null
    }
  }
  const h = host(authUrl)
  const byHost = library.filter((p) => p.placeholders.length === 0 && h !== null && host(p.preset.auth_url) === h)
  return byHost.length === 1 ? byHost[0]!.preset.name : ''
}
