import { app, BrowserWindow, dialog } from 'electron'
import { rename, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { SaveFile } from '../core/presets'
import { AppError } from '../shared/errors'

/**
 * The desktop app's way of saving an exported preset: the native save dialog (parented to
 * the app window), then an atomic write (temporary file in the same folder + rename), so
 * an existing file the admin chose to replace is never left half-written.
 */
export function createElectronSaveFile(): SaveFile {
  return async ({ suggestedName, content }) => {
    const json = suggestedName.endsWith('.json')
    const options: Electron.SaveDialogOptions = {
      title: 'Save preset file',
      defaultPath: join(app.getPath('documents'), suggestedName),
      filters: json ? [{ name: 'JSON preset', extensions: ['json'] }] : [{ name: 'YAML preset', extensions: ['yml', 'yaml'] }],
      properties: ['showOverwriteConfirmation', 'createDirectory']
    }
    const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
    if (r.canceled || !r.filePath) return { saved: false }
    const tmp = join(dirname(r.filePath), `.${basename(r.filePath)}.${process.pid}.tmp`)
    try {
      await writeFile(tmp, content, 'utf8')
      await rename(tmp, r.filePath)
    } catch (err) {
      await unlink(tmp).catch(() => undefined)
      const code = (err as NodeJS.ErrnoException).code
      throw new AppError('presets.save', `Could not write ${r.filePath}${code ? ` (${code})` : ''}.`, {
        hint: 'Choose a folder you can write to; the preset is still in the assistant.',
        cause: err
      })
    }
    return { saved: true, path: r.filePath }
  }
}
