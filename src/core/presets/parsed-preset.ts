import type { ImportProblem } from '../../shared/schemas/presets'
import type { Located } from './import-problems'

/** One top-level key of the file as written, with its value and where it is. */
export interface RawMember extends Located {
  key: string
  value: unknown
}


/** The file's keys in order, or null when it cannot be read at all (then `problems` says why). */
export interface Parsed {
  members: RawMember[] | null
  problems: ImportProblem[]
}

