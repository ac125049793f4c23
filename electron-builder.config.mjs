// @ts-check
/**
 * Packaging of the desktop app (`npm run dist`, on the platform being packaged).
 * Linux: AppImage and deb; macOS: dmg; Windows: NSIS installer. The preset library goes
 * beside app.asar as `resources/presets` (the library finds it by walking up from
 * out/main). Fuses are flipped in `packaging/after-pack.mjs`.
 *
 * @type {import('app-builder-lib').Configuration}
 */
const config = {
  appId: 'dev.calagopus.oauth-setup-assistant',
  productName: 'Calagopus OAuth Setup Assistant',
  executableName: 'calagopus-oauth-assistant',
  copyright: 'MIT License',
  directories: { output: 'dist', buildResources: 'resources' },
  // The build output only: sources, tests and tooling stay out of the package.
  files: ['out/**/*', 'resources/icon.png', 'package.json', '!**/*.map', '!out/**/*.tsbuildinfo'],
  asar: true,
  asarUnpack: [],
  extraResources: [{ from: 'presets', to: 'presets', filter: ['*.yml', 'index.json', 'LICENSE*', 'README*'] }],
  afterPack: './packaging/after-pack.mjs',
  // No auto-update feed: releases are downloaded from the release page.
  publish: null,
  electronLanguages: ['en-US'],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    icon: 'resources/icon.png',
    synopsis: 'Connect an OpenID Connect provider to a Calagopus Panel'
  },
  deb: { priority: 'optional' },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    icon: 'resources/icon.png',
    hardenedRuntime: true
  },
  dmg: { writeUpdateInfo: false },
  win: { target: ['nsis'], icon: 'resources/icon.png' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    differentialPackage: false
  }
}

export default config
