import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell } from 'electron'
import { join } from 'node:path'
import { createHandlers } from '../core/handlers'
import { Dispatcher } from '../core/rpc/dispatcher'
import { APP_ENTRY_URL, APP_SCHEME, isAppUrl } from './app-origin'
import { createAppProtocolHandler } from './app-protocol'
import { createSafeOpener } from './external-links'
import { registerIpc, type IpcMainLike } from './ipc'
import { createElectronServices } from './services'
import { createMainWindow, lockDownContents, lockDownSession, type BrowserWindowLike } from './window'

// One instance: a second launch focuses the first (the loopback login port is single too).
if (!app.requestSingleInstanceLock()) app.quit()

const production = app.isPackaged
const devServerUrl = !production ? process.env['ELECTRON_RENDERER_URL'] : undefined
const openExternal = createSafeOpener((url) => shell.openExternal(url))

// Before ready: app:// is a standard, secure origin (fetch and workers work as on https).
// corsEnabled: Vite's `<script type="module" crossorigin>` and module workers are CORS-mode
// requests, which Chromium refuses for a scheme not marked so, same origin or not; the
// handler sends no Access-Control-Allow-Origin, so no other origin can read its files.
// No bypassCSP, no service workers.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } }
])

app.on('web-contents-created', (_e, contents) => lockDownContents(contents, { openExternal, production }))

void app.whenReady().then(async () => {
  if (production) Menu.setApplicationMenu(null)
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(import.meta.dirname, '../renderer')))
  lockDownSession(session.defaultSession)
  const services = await createElectronServices(openExternal)
  const dispatcher = new Dispatcher(createHandlers(services))
  registerIpc(ipcMain as unknown as IpcMainLike, dispatcher, (url) => isAppUrl(url, devServerUrl))
  const open = (): BrowserWindowLike =>
    createMainWindow((options) => new BrowserWindow(options), {
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      iconPath: join(import.meta.dirname, '../../resources/icon.png'),
      entryUrl: devServerUrl ?? APP_ENTRY_URL,
      production,
      openExternal
    })
  let win = open() as unknown as BrowserWindow
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = open() as unknown as BrowserWindow
  })
  app.on('before-quit', () => dispatcher.cancelAll())
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
