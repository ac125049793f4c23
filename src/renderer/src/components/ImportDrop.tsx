import { Button, Card, Flex, Text } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import { useWizard } from '../store'

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files')
}

/**
 * Drag-and-drop of a preset file anywhere on the window (as onto the panel's provider
 * list). Only the first file is read; a failed import leaves the draft untouched.
 */
export function ImportDrop() {
  const importFile = useWizard((s) => s.importFile)
  const [dragging, setDragging] = useState(false)
  useEffect(() => {
    let depth = 0
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth += 1
      setDragging(true)
    }
    const over = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      // Without this the browser (or Electron) would navigate to the dropped file.
      e.preventDefault()
      depth = 0
      setDragging(false)
      const file = e.dataTransfer?.files[0]
      if (file) void importFile(file)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [importFile])
  if (!dragging) return null
  return (
    <Flex
      position="fixed"
      inset="0"
      align="center"
      justify="center"
      style={{ background: 'var(--color-overlay)', zIndex: 10, pointerEvents: 'none' }}
      data-testid="import-drop-overlay"
    >
      <Card size="4">
        <Text size="5" weight="bold">
          Drop a preset file (YAML or JSON) to import it
        </Text>
      </Card>
    </Flex>
  )
}

/** What the last import said, with every problem's line; dismissable. */
export function ImportResult() {
  const outcome = useWizard((s) => s.importOutcome)
  const dismiss = useWizard((s) => s.dismissImport)
  if (!outcome) return null
  const errors = outcome.problems.filter((p) => p.severity === 'error')
  const warnings = outcome.problems.filter((p) => p.severity === 'warning')
  return (
    <Card data-testid="import-result" role={outcome.ok ? 'status' : 'alert'}>
      <Flex direction="column" gap="2">
        <Text weight="bold" color={outcome.ok ? 'green' : 'red'}>
          {outcome.ok
            ? `Imported ${outcome.fileName}: a new draft starts from it.`
            : `${outcome.fileName} was not imported: the panel’s Import would refuse it. Nothing in your draft changed.`}
        </Text>
        {[...errors, ...warnings].length ? (
          <ul style={{ margin: 0 }}>
            {[...errors, ...warnings].map((p, i) => (
              <li key={i}>
                <Text size="2" color={p.severity === 'error' ? 'red' : 'amber'}>
                  {/* The message names the key and the line itself. */}
                  {p.severity === 'error' ? 'Error' : 'Warning'}: {p.message}
                </Text>
              </li>
            ))}
          </ul>
        ) : null}
        <Flex>
          <Button variant="ghost" size="1" onClick={dismiss} data-testid="import-dismiss">
            Dismiss
          </Button>
        </Flex>
      </Flex>
    </Card>
  )
}
