/** electron-store's options for `secrets.json` (kept apart from the vault, which only runs inside Electron, so a test can write a file with them). */
export function secretsStoreOptions(userData: string) {
  return {
    name: 'secrets',
    cwd: userData,
    // Vault keys contain dots (`panel-api-key/https://panel.example.com`): no nesting.
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: true,
    // Ciphertext only, yet nobody else on the machine needs to read it (the default is 0666 minus umask).
    configFileMode: 0o600
  } as const
}
