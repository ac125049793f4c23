import type { Located } from './import-problems'

/** Position of the first character that makes `text` binary rather than text, if any. */
export function firstBinaryChar(text: string): number {
  // NUL and the C0 controls other than tab/LF/CR never occur in a text file; U+FFFD is what
  // a UTF-8 decoder (the renderer's File.text(), our CLI's reader) leaves for invalid bytes.
  const m = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/.exec(text)
  return m ? m.index : -1
}

export function lineColAt(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/** Shifts positions measured in the trimmed text back to the file's own lines. */
export function makeShift(prefix: string): (loc: { line: number; column: number }) => Located {
  const { line: pLine, column: pCol } = lineColAt(prefix, prefix.length)
  return ({ line, column }) => ({ line: line + pLine - 1, column: line === 1 ? column + pCol - 1 : column })
}


export type Shift = ReturnType<typeof makeShift>
