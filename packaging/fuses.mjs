// @ts-check
import { FuseV1Options, FuseVersion } from '@electron/fuses'

/**
 * The Electron fuses of the shipped app, flipped in the packaged binary (they cannot be
 * changed at run time). Every fuse of the wire is set explicitly (`strictlyRequireAllFuses`),
 * so an Electron upgrade that adds one fails the packaging until it is decided here.
 *
 * @type {import('@electron/fuses').FuseV1Config<boolean>}
 */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node runtime.
  [FuseV1Options.RunAsNode]: false,
  // Cookies (and the session's other secrets) encrypted with the OS keychain's key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (--require) and --inspect would let another program inject code.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app code must be the app.asar that was packaged, checked against its hash…
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // …and loaded from nowhere else (no app/ folder beside it).
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer loads from app://, so file:// needs none of its legacy privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
}
