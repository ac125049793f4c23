import { Box, Text, TextField } from '@radix-ui/themes'
import type { ReactNode } from 'react'
import type { RuleProblem } from '../../../core/provider/rules'
import { FieldProblems } from './FieldProblems'

export interface TextInputProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  problems?: RuleProblem[]
  description?: ReactNode
  placeholder?: string
  required?: boolean
  monospace?: boolean
  type?: 'text' | 'url' | 'password'
  autoFocus?: boolean
  onFocus?: () => void
  onKeyDown?: (e: React.KeyboardEvent<HTMLInputElement>) => void
  /** Rendered at the end of the input (a button, a badge). */
  slot?: ReactNode
}

/** A labelled text field with its description and the panel's rules shown inline. */
export function TextInput(p: TextInputProps) {
  const describedBy = [p.description ? `${p.id}-desc` : '', p.problems?.length ? `${p.id}-problems` : ''].filter(Boolean).join(' ')
  const hasError = p.problems?.some((x) => x.severity === 'error')
  return (
    <Box>
      <Text as="label" htmlFor={p.id} size="2" weight="medium">
        {p.label}
        {p.required ? <Text color="gray"> (required)</Text> : null}
      </Text>
      {p.description ? (
        <Text as="p" id={`${p.id}-desc`} size="1" color="gray">
          {p.description}
        </Text>
      ) : null}
      <TextField.Root
        id={p.id}
        data-testid={`field-${p.id}`}
        value={p.value}
        type={p.type ?? 'text'}
        placeholder={p.placeholder}
        onChange={(e) => p.onChange(e.target.value)}
        onFocus={p.onFocus}
        onKeyDown={p.onKeyDown}
        autoFocus={p.autoFocus}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={hasError || undefined}
        aria-describedby={describedBy || undefined}
        style={p.monospace ? { fontFamily: 'var(--code-font-family)' } : undefined}
        mt="1"
      >
        {p.slot ? <TextField.Slot side="right">{p.slot}</TextField.Slot> : null}
      </TextField.Root>
      <FieldProblems id={`${p.id}-problems`} label={p.label} problems={p.problems} />
    </Box>
  )
}
