/**
 * Preset-file facts both sides need, without zod (this file is in the renderer bundle).
 *
 * Largest preset file we read. A real preset is under 1 KB; the largest the panel could
 * ever export (255 scopes of 255 characters plus the other fields) stays under 100 KB.
 */
export const PRESET_MAX_BYTES = 1024 * 1024

/** The message for a file over the limit, the same from the renderer (before reading it) and the core. */
export function presetTooLargeMessage(bytes: number): string {
  return `The file is too large for a preset (${(bytes / (1024 * 1024)).toFixed(1)} MB; the limit is 1 MB, a preset is usually under 1 KB). Is this the right file?`
}
