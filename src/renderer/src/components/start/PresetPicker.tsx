import { Box, Button, Flex, Grid, Heading, Text, TextField } from '@radix-ui/themes'
import { useMemo, useRef, useState } from 'react'
import { matchesPreset } from '../../../../shared/preset-search'
import { useWizard } from '../../store'
import { ErrorCallout } from '../ErrorCallout'
import { PresetForm } from './PresetForm'

/** The preset library: search, pick one, or start blank / import a file. */
export function PresetPicker() {
  const library = useWizard((s) => s.library)
  const libraryError = useWizard((s) => s.libraryError)
  const startBlank = useWizard((s) => s.startBlank)
  const importFile = useWizard((s) => s.importFile)
  const fileInput = useRef<HTMLInputElement>(null)
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const shown = useMemo(() => (library ?? []).filter((e) => matchesPreset(e, query)), [library, query])
  const entry = library?.find((e) => e.id === selected) ?? null

  const choose = (id: string): void => setSelected(id)

  return (
    <Box>
      <Heading as="h3" size="3" mb="2">
        Start from a preset
      </Heading>
      {libraryError ? <ErrorCallout error={libraryError} testId="library-error" /> : null}
      <Box mb="2" maxWidth="420px">
        <Text as="label" htmlFor="preset-search" size="2" weight="medium">
          Search presets
        </Text>
        <TextField.Root
          id="preset-search"
          mt="1"
          value={query}
          placeholder="Keycloak, Azure, git…"
          onChange={(e) => setQuery(e.target.value)}
          data-testid="preset-search"
        />
      </Box>
      <Grid columns={{ initial: '2', sm: '4', md: '6' }} gap="2" role="list" aria-label="Presets" data-testid="preset-list">
        {shown.map((e) => (
          <Box role="listitem" key={e.id}>
            <Button
              variant={e.id === selected ? 'solid' : 'surface'}
              style={{ width: '100%' }}
              aria-pressed={e.id === selected}
              onClick={() => choose(e.id)}
              data-testid={`preset-${e.id}`}
            >
              {e.title}
            </Button>
          </Box>
        ))}
      </Grid>
      {library && shown.length === 0 ? (
        <Text as="p" size="2" color="gray" mt="2" data-testid="preset-none">
          No preset matches “{query}”. Start blank and let discovery fill the URLs.
        </Text>
      ) : null}
      {entry ? <PresetForm key={entry.id} entry={entry} /> : null}
      <Flex gap="2" mt="3" wrap="wrap">
        <Button variant="soft" color="gray" onClick={() => void startBlank()} data-testid="start-blank">
          Start blank
        </Button>
        <Button variant="soft" color="gray" onClick={() => fileInput.current?.click()} data-testid="import-file">
          Import a preset file…
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".yml,.yaml,.json"
          hidden
          aria-label="Preset file to import"
          data-testid="import-input"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) void importFile(file)
          }}
        />
      </Flex>
    </Box>
  )
}
