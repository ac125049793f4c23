import { Callout, Card, Flex, Heading } from '@radix-ui/themes'
import { useEffect } from 'react'
import { useWizard } from '../store'
import { ImportResult } from './ImportDrop'
import { DraftList } from './start/DraftList'
import { PresetPicker } from './start/PresetPicker'

/**
 * The start of every setup: continue a draft, start from a preset of the library (with the
 * few values it needs, such as the host), start blank, or import a preset file.
 */
export function StartPanel() {
  const loadLibrary = useWizard((s) => s.loadLibrary)
  const loadDrafts = useWizard((s) => s.loadDrafts)
  const autosavedAt = useWizard((s) => s.autosave.at)
  const resumeLatest = useWizard((s) => s.resumeLatest)
  const resumedTitle = useWizard((s) => s.resumedTitle)
  useEffect(() => {
    void loadLibrary()
    // Reads the list once at launch (and reopens the latest draft); later it follows autosaves.
    void resumeLatest()
  }, [loadLibrary, resumeLatest])
  // The list follows autosaves, so the open draft shows up (and moves to the top).
  useEffect(() => {
    if (autosavedAt) void loadDrafts()
  }, [loadDrafts, autosavedAt])
  return (
    <Card asChild>
      <section aria-labelledby="start-heading" data-testid="start-panel">
        <Flex direction="column" gap="4">
          <Heading as="h2" size="4" id="start-heading">
            Start
          </Heading>
          {resumedTitle ? (
            <Callout.Root color="blue" size="1" data-testid="draft-resumed">
              <Callout.Text>Resumed “{resumedTitle}” where you left it. Choose “Start blank” or a preset for a new setup.</Callout.Text>
            </Callout.Root>
          ) : null}
          <ImportResult />
          <DraftList />
          <PresetPicker />
        </Flex>
      </section>
    </Card>
  )
}
