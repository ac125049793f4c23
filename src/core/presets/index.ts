import { AppError } from '../../shared/errors'
import type { ExportInputSchema, SaveResult } from '../../shared/schemas/presets'
import type { Services } from '../services'
import { exportPreset } from './export'
import { importPreset } from './import'
import { applyPlaceholders, loadLibrary } from './library'
import type { z } from 'zod'

type ExportInput = z.output<typeof ExportInputSchema>

export { exportPreset, presetToJson, presetToYaml, presetFileName, toPresetRecord } from './export'
export { importPreset } from './import'
export { applyPlaceholders, defaultPresetsDir, loadLibrary, searchLibrary } from './library'

/**
 * Where a host saves an exported file. Electron: a native save dialog then a write
 * (src/main); the browser-mode server and the CLI have none, and the renderer then
 * downloads the file itself (a Blob), so it never needs to know which host it runs in.
 */
export interface SaveFileRequest {
  suggestedName: string
  content: string
  mimeType: string
}
export type SaveFileOutcome = { saved: true; path: string } | { saved: false }
export type SaveFile = (request: SaveFileRequest) => Promise<SaveFileOutcome>

/** The contract's `presets:*` methods, spread into the handler table. */
export function presetHandlers(services: Pick<Services, 'saveFile'>) {
  return {
    'presets:list': async () => ({ presets: await loadLibrary() }),
    'presets:apply': async (input: { id: string; values: Record<string, string> }) => {
      const entry = (await loadLibrary()).find((e) => e.id === input.id)
      if (!entry) throw new AppError('presets.unknown', `There is no preset "${input.id}" in the library.`)
      return applyPlaceholders(entry, input.values)
    },
    'presets:export': async (input: ExportInput) =>
      exportPreset(input.config, input.format, { importDisabled: input.importDisabled === true, mappings: input.mappings }),
    'presets:import': async (input: { text: string }) => importPreset(input.text),
    'presets:save': async (input: ExportInput): Promise<SaveResult> => {
      const file = exportPreset(input.config, input.format, { importDisabled: input.importDisabled === true, mappings: input.mappings })
      if (!services.saveFile) return { outcome: 'download', content: file.content, fileName: file.fileName, mimeType: file.mimeType }
      const r = await services.saveFile({ suggestedName: file.fileName, content: file.content, mimeType: file.mimeType })
      return r.saved ? { outcome: 'saved', path: r.path } : { outcome: 'cancelled' }
    }
  }
}
