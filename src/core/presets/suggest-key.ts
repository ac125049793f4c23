import { PRESET_KEYS } from '../../shared/schemas/presets'

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
    }
  }
  return row[b.length]!
}

/** The preset key an unknown key was probably meant to be ("identifer_path" → "identifier_path"), if one is close. */
export function suggestKey(key: string): string | null {
  const norm = key.toLowerCase().replace(/[-\s]/g, '_')
  let best: string | null = null
  let bestD = Infinity
  for (const k of PRESET_KEYS) {
    const d = levenshtein(norm, k)
    if (d < bestD) {
      bestD = d
      best = k
    }
  }
  return bestD <= Math.max(2, Math.floor(key.length / 5)) ? best : null
}

