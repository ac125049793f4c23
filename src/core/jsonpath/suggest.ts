import type { JsonNode } from './document'
import type { ExtractField } from './extract'
import { nodeLocation, shortestPath } from './extract'
import { toCompactJson } from './serialize'

/**
 * Path suggestions for the five fields: from the document (its scalar values near the
 * top, where userinfo claims live) and from the provider's `claims_supported`
 * (OpenID Connect Discovery 1.0 §3), ranked by the usual claim names for each field
 * (OIDC Core §5.1 standard claims, then GitHub/Discord-style names). Browser-safe.
 */
export interface PathSuggestion {
  path: string
  /** Where it comes from. */
  source: 'document' | 'claims_supported'
  /** The value in the document (compact JSON for non-strings); null when absent from it. */
  value: string | null
  type: JsonNode['type'] | null
}

/** Claim names that usually hold each field, best first. */
export const PREFERRED_CLAIMS: Record<ExtractField, string[]> = {
  identifier: ['sub', 'id', 'user_id', 'uid', 'oid', 'guid'],
  email: ['email', 'mail', 'email_address', 'upn'],
  username: ['preferred_username', 'username', 'login', 'nickname', 'user_name', 'name'],
  name_first: ['given_name', 'first_name', 'firstname', 'givenName', 'global_name', 'name'],
  name_last: ['family_name', 'last_name', 'lastname', 'surname', 'familyName', 'sn']
}

/** Scalars in the top two levels of the document, with their shortest paths, in document order. */
export function documentCandidates(
  root: JsonNode,
  maxDepth = 2,
  limit = 200
): Array<{ node: JsonNode; path: string; name: string | number }> {
  const out: Array<{ node: JsonNode; path: string; name: string | number }> = []
  const walk = (n: JsonNode, depth: number): void => {
    if (out.length >= limit) return
    if (n.type === 'object') {
      if (depth >= maxDepth) return
      n.values.forEach((v) => walk(v, depth + 1))
    } else if (n.type === 'array') {
      if (depth >= maxDepth) return
      n.items.slice(0, 5).forEach((v) => walk(v, depth + 1))
    } else if (n !== root) {
      out.push({ node: n, path: shortestPath(nodeLocation(n)), name: n.key ?? '' })
    }
  }
  walk(root, 0)
  return out
}

/** A document value worth suggesting: a usual claim name, or a value shaped like the field. */
function plausible(field: ExtractField, rank: number, node: JsonNode): boolean {
  if (rank < 100) return true
  if (node.type !== 'string') return false
  // Only e-mail has a shape worth trusting; a username-shaped value ("User", "public") is usually something else.
  return field === 'email' && /^[^@\s]+@[^@\s]+$/.test(node.value)
}

function rank(field: ExtractField, name: string | number): number {
  const i = PREFERRED_CLAIMS[field].indexOf(String(name))
  return i === -1 ? 100 : i
}

/**
 * Suggestions for one field: document values first (usual claim names first, then
 * values shaped like the field, in document order), then claims the provider
 * advertises that this document lacks (e.g. `$.preferred_username` when the profile
 * scope was not granted).
 */
export function suggestPaths(root: JsonNode | null, field: ExtractField, claimsSupported: string[] = [], limit = 12): PathSuggestion[] {
  const seen = new Set<string>()
  const out: PathSuggestion[] = []
  if (root) {
    const cands = documentCandidates(root)
      .map((c, i) => ({ ...c, i, r: rank(field, c.name) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
    for (const c of cands) {
      if (seen.has(c.path) || !plausible(field, c.r, c.node)) continue
      seen.add(c.path)
      out.push({
        path: c.path,
        source: 'document',
        value: c.node.type === 'string' ? c.node.value : toCompactJson(c.node),
        type: c.node.type
      })
    }
  }
  // Advertised claims: only the ones usually meant for this field.
  const claims = claimsSupported.filter((c) => rank(field, c) < 100).sort((a, b) => rank(field, a) - rank(field, b))
  for (const claim of claims) {
    const path = shortestPath([claim])
    if (seen.has(path)) continue
    seen.add(path)
    out.push({ path, source: 'claims_supported', value: null, type: null })
  }
  return out.slice(0, limit)
}
