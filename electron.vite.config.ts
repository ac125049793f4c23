import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

/** Gzipped JS+CSS budget of the renderer: the build fails above it. */
const RENDERER_BUDGET_BYTES = 300 * 1024

function rendererBudget(): Plugin {
  return {
    name: 'calagopus-renderer-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      let total = 0
      const rows: string[] = []
      for (const [name, item] of Object.entries(bundle)) {
        if (!/\.(js|css)$/.test(name)) continue
        const source = item.type === 'chunk' ? item.code : item.source
        const gz = gzipSync(typeof source === 'string' ? Buffer.from(source) : Buffer.from(source)).length
        total += gz
        rows.push(`  ${name}  ${(gz / 1024).toFixed(1)} KB gzipped`)
      }
      const line = `renderer JS+CSS gzipped: ${(total / 1024).toFixed(1)} KB (budget ${RENDERER_BUDGET_BYTES / 1024} KB)`
      process.stderr.write(`${rows.join('\n')}\n${line}\n`)
      if (total > RENDERER_BUDGET_BYTES) this.error(`${line}: over budget`)
    }
  }
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/main/index.ts') } }
    }
  },
  preload: {
    // The preload runs sandboxed: it may not require() packages, so everything it
    // imports (the contract's method list) is bundled into it.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    // Relative asset URLs so the same build loads from file:// (Electron) and from the
    // browser-mode server.
    base: './',
    plugins: [react(), rendererBudget()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // Minified: the Claims step's evaluator worker (json-p3, jsonpath-plus) fits the budget only so.
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } }
    },
    worker: { format: 'es' }
  }
})
