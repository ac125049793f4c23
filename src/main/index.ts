import { app, BrowserWindow } from 'electron'
import { createHandlers } from '../core/handlers'
import { Dispatcher } from '../core/rpc/dispatcher'
import { registerIpc } from './ipc'
import { createElectronServices } from './services'
import { createMainWindow } from './window'

// One instance: a second launch focuses the first (the loopback login port is single too).
if (!app.requestSingleInstanceLock()) app.quit()

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
})

void app.whenReady().then(async () => {
  const rendererUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
  const services = await createElectronServices()
  const dispatcher = new Dispatcher(createHandlers(services))
  registerIpc(dispatcher, (url) => (rendererUrl ? url.startsWith(rendererUrl) : url.startsWith('file://')))
  let win = createMainWindow(rendererUrl)
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow(rendererUrl)
  })
  app.on('before-quit', () => dispatcher.cancelAll())
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
