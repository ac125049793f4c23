import { redact, secretsInUse } from '../core/redaction/redact'
import type { CliIO } from './command'

/**
 * Terminal escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \`, other
 * two-character ESC sequences) and every other control character except newline and
 * tab; a carriage return not ending a line (it would let text overwrite what precedes
 * it); bidirectional overrides (they reorder what the admin reads).
 */
const ESCAPES =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[@-Z\\-_]?|\x9b[0-?]*[ -/]*[@-~]/g
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g

/** Text a remote party wrote, made safe to print on a terminal. */
export function forTerminal(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '')
}

/**
 * The CLI's output layer: whatever a command writes passes through here. Messages
 * (stderr) quote what providers and panels answered, so they are redacted and stripped
 * of terminal controls; results (stdout) are the admin's own data, so only the secrets in
 * use are blanked there (no pattern: a userinfo document may have a "password" member),
 * and terminal controls stripped (a JSON result has them escaped anyway).
 */
export function safeOutput(io: CliIO): CliIO {
  return {
    ...io,
    stdout: (t) => io.stdout(forTerminal(secretsInUse.result(t))),
    stderr: (t) => io.stderr(forTerminal(redact(t)))
  }
}
