// @ts-check
import { flipFuses } from '@electron/fuses'
import { join } from 'node:path'
import { FUSES } from './fuses.mjs'

/**
 * The packaged Electron executable electron-builder just laid out, per platform.
 *
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`)
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`)
  return join(appOutDir, packager.executableName ?? name)
}

/**
 * electron-builder's afterPack hook: flips the fuses in the packaged binary before it is
 * signed (electron-builder signs after this hook), so the signature covers the fuse wire.
 *
 * @param {Parameters<typeof electronBinaryPath>[0] & { arch?: number }} context
 * @param {typeof flipFuses} [flip] injected by tests
 */
export default async function afterPack(context, flip = flipFuses) {
  const isMacArm = context.electronPlatformName === 'darwin' && context.arch === 3 // builder-util Arch.arm64
  await flip(electronBinaryPath(context), { ...FUSES, resetAdHocDarwinSignature: isMacArm })
}
