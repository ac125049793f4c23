import type { ImportProblem } from '../../shared/schemas/presets'

/** Where in the file a problem is: line and column as an editor counts them. */
export interface Located {
  line?: number
  column?: number
}


/** What a value is, in words an admin understands, for "must be text, found …". */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)'
  if (typeof v === 'string') return `text (${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)})`
  if (typeof v === 'number') return `a number (${v})`
  if (typeof v === 'boolean') return `${v} (a yes/no value)`
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`
  return 'a mapping of keys'
}

export function where(loc: Located): string {
  return loc.line === undefined ? '' : ` (line ${loc.line})`
}

export function problem(severity: ImportProblem['severity'], message: string, loc: Located = {}, field?: string): ImportProblem {
  const p: ImportProblem = { severity, message }
  if (field !== undefined) p.field = field
  if (loc.line !== undefined) p.line = loc.line
  if (loc.column !== undefined) p.column = loc.column
  return p
}

