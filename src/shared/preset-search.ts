/** What the library search looks at in an entry (kept structural: no zod, renderer-safe). */
export interface SearchablePreset {
  id: string
  title: string
  kind: string
  keywords: string[]
  preset: { name: string; auth_url: string }
}

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}

/**
 * The preset search of the start screen and of `presets --search`: every word of the query
 * must appear in the id, title, provider name, kind, keywords or Auth URL host, ignoring
 * case and accents.
 */
export function matchesPreset(e: SearchablePreset, query: string): boolean {
  const hay = fold([e.id, e.title, e.preset.name, e.kind, ...e.keywords, e.preset.auth_url].join(' '))
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w))
}
