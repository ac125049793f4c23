import { Badge, Box, Button, Flex, IconButton, Text, TextField } from '@radix-ui/themes'
import { FIELD_VALUE_KEY, MATCHER_LABELS, MAX_GROUP_DEPTH, type Matcher, type MatcherType } from '../../../../shared/mappings'
import type { PathTarget } from '../../store/mappings-slice'
import { childrenOf, convert, groupAllowed, LEAF, removeChild } from './matcher-tree'
import { FieldLabel, SELECT_STYLE } from './form-controls'

const TYPES: MatcherType[] = [
  'field_equals',
  'field_contains',
  'field_starts_with',
  'field_ends_with',
  'field_exists',
  'scopes',
  'and',
  'or',
  'not',
  'none'
]
export interface MatcherEditorProps {
  matcher: Matcher
  /** Groups above this node. */
  depth: number
  index: number
  node: number[]
  pathTarget: PathTarget | null
  onChange: (m: Matcher) => void
  onTarget: (t: PathTarget) => void
  onRemove?: () => void
}

const idOf = (index: number, node: number[]): string => `m${index}-n${node.join('-') || 'root'}`
const nodeLabel = (node: number[]): string => (node.length ? `test ${node.map((n) => n + 1).join('.')}` : 'root test')

/** One node of the matcher tree: its type, its fields, and for a group its children (recursively). */
export function MatcherEditor(p: MatcherEditorProps) {
  const { matcher: m, depth, index, node } = p
  const id = idOf(index, node)
  const label = `Mapping ${index + 1}, ${nodeLabel(node)}`
  const isTarget = p.pathTarget?.index === index && p.pathTarget.node.join('.') === node.join('.')
  const kids = childrenOf(m)
  const setChild = (i: number, c: Matcher): void => {
    if (m.type === 'and' || m.type === 'or') p.onChange({ ...m, matchers: m.matchers.map((x, k) => (k === i ? c : x)) })
    else if (m.type === 'not') p.onChange({ ...m, matcher: c })
  }
  const valueKey = m.type in FIELD_VALUE_KEY ? FIELD_VALUE_KEY[m.type as keyof typeof FIELD_VALUE_KEY] : null
  const isGroup = m.type === 'and' || m.type === 'or' || m.type === 'not'
  return (
    <Box
      data-testid={`matcher-${id}`}
      pl={node.length ? '3' : '0'}
      style={node.length ? { borderLeft: '2px solid var(--gray-a6)' } : undefined}
      role="group"
      aria-label={label}
    >
      <Flex gap="2" align="end" wrap="wrap">
        <Box>
          <FieldLabel htmlFor={`${id}-type`}>Test</FieldLabel>
          <select
            id={`${id}-type`}
            data-testid={`${id}-type`}
            value={m.type}
            style={SELECT_STYLE}
            onChange={(e) => p.onChange(convert(m, e.target.value as MatcherType))}
          >
            {TYPES.map((t) => {
              const group = t === 'and' || t === 'or' || t === 'not'
              return (
                <option key={t} value={t} disabled={group && !groupAllowed(depth) && m.type !== t}>
                  {MATCHER_LABELS[t]}
                  {group && !groupAllowed(depth) ? ` (the panel allows ${MAX_GROUP_DEPTH} nested groups)` : ''}
                </option>
              )
            })}
          </select>
        </Box>
        {'path' in m ? (
          <Box flexGrow="1" minWidth="12rem">
            <FieldLabel htmlFor={`${id}-path`}>
              JSONPath{' '}
              {isTarget ? (
                <Badge size="1" color="blue">
                  a click in the userinfo fills this
                </Badge>
              ) : null}
            </FieldLabel>
            <TextField.Root
              id={`${id}-path`}
              data-testid={`${id}-path`}
              value={m.path}
              placeholder="$.groups[*]"
              spellCheck={false}
              autoComplete="off"
              style={{ fontFamily: 'var(--code-font-family)' }}
              onFocus={() => p.onTarget({ index, node })}
              onChange={(e) => p.onChange({ ...m, path: e.target.value })}
            >
              {/\[\d+\]$/.test(m.path) ? (
                <TextField.Slot side="right">
                  <Button
                    size="1"
                    variant="ghost"
                    data-testid={`${id}-any-element`}
                    onClick={() => p.onChange({ ...m, path: m.path.replace(/\[\d+\]$/, '[*]') })}
                  >
                    any element [*]
                  </Button>
                </TextField.Slot>
              ) : null}
            </TextField.Root>
          </Box>
        ) : null}
        {valueKey ? (
          <Box flexGrow="1" minWidth="8rem">
            <FieldLabel htmlFor={`${id}-value`}>{MATCHER_LABELS[m.type].replace('field ', '')} (exact, case-sensitive)</FieldLabel>
            <TextField.Root
              id={`${id}-value`}
              data-testid={`${id}-value`}
              value={(m as unknown as Record<string, string>)[valueKey] ?? ''}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => p.onChange({ ...m, [valueKey]: e.target.value } as Matcher)}
            />
          </Box>
        ) : null}
        {m.type === 'scopes' ? (
          <Box flexGrow="1" minWidth="12rem">
            <FieldLabel htmlFor={`${id}-scopes`}>Scopes, separated by spaces (all must be granted)</FieldLabel>
            <TextField.Root
              id={`${id}-scopes`}
              data-testid={`${id}-scopes`}
              defaultValue={m.scopes.join(' ')}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => p.onChange({ type: 'scopes', scopes: e.target.value.split(' ').filter((s) => s !== '') })}
            />
          </Box>
        ) : null}
        {p.onRemove ? (
          <IconButton
            size="1"
            variant="soft"
            color="red"
            aria-label={`Remove ${nodeLabel(node)}`}
            onClick={p.onRemove}
            data-testid={`${id}-remove`}
          >
            <Text aria-hidden>×</Text>
          </IconButton>
        ) : null}
      </Flex>
      {isGroup ? (
        <Flex direction="column" gap="2" mt="2">
          {kids.map((c, i) => (
            <MatcherEditor
              key={i}
              matcher={c}
              depth={depth + 1}
              index={index}
              node={[...node, i]}
              pathTarget={p.pathTarget}
              onChange={(x) => setChild(i, x)}
              onTarget={p.onTarget}
              onRemove={m.type === 'not' ? undefined : () => p.onChange(removeChild(m, i))}
            />
          ))}
          {m.type !== 'not' ? (
            <Flex gap="2" wrap="wrap">
              <Button
                size="1"
                variant="soft"
                data-testid={`${id}-add-test`}
                onClick={() => p.onChange({ ...m, matchers: [...kids, LEAF] })}
              >
                + test
              </Button>
              {(['and', 'or', 'not'] as const).map((g) => (
                <Button
                  key={g}
                  size="1"
                  variant="soft"
                  color="gray"
                  data-testid={`${id}-add-${g}`}
                  disabled={!groupAllowed(depth + 1)}
                  title={groupAllowed(depth + 1) ? undefined : `The panel allows at most ${MAX_GROUP_DEPTH} nested groups`}
                  onClick={() =>
                    p.onChange({ ...m, matchers: [...kids, g === 'not' ? { type: 'not', matcher: LEAF } : { type: g, matchers: [LEAF] }] })
                  }
                >
                  + {g} group
                </Button>
              ))}
            </Flex>
          ) : null}
        </Flex>
      ) : null}
    </Box>
  )
}
