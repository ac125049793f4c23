/**
 * JSON numbers exactly as the panel's serde_json 1.0.151 reads and writes them
 * (docs/panel-behaviour.md#value-extraction). Facts from the crates' sources (serde-rs/json `src/de.rs`,
 * dtolnay/zmij `src/lib.rs`), default features (no `arbitrary_precision`, no
 * `float_roundtrip`):
 *
 * - an integer literal that fits `u64` (or, negative, `i64`) stays an integer and is
 *   written back with all its digits; `-0` becomes the float `-0.0`;
 * - anything else is an `f64` computed by serde_json's own best-effort algorithm
 *   (significand as u64, then one multiplication or division by a power of ten); a
 *   value that overflows to infinity makes the whole document unreadable;
 * - floats are written by zmij (serde_json ≥ 1.0.147; ryu before): shortest
 *   round-trip digits, plain notation when the decimal exponent is in −5..=15
 *   (`3.0`, `100.0`, `0.00001`), otherwise `1e+21`, `1.5e-7` (explicit `+`).
 *
 * Browser-safe: no node imports.
 */

export type NumberKind =
  /** serde_json `N::PosInt(u64)` */
  | 'pos'
  /** serde_json `N::NegInt(i64)` */
  | 'neg'
  /** serde_json `N::Float(f64)` */
  | 'float'

export interface PanelNumber {
  kind: NumberKind
  /** The value as an f64, as `Number::as_f64` gives it (used by filter comparisons). */
  value: number
  /** The compact JSON text serde_json writes for it. */
  text: string
}

export class NumberOutOfRangeError extends Error {
  constructor(source: string) {
    super(`number out of range: ${source.length > 40 ? `${source.slice(0, 40)}…` : source}`)
    this.name = 'NumberOutOfRangeError'
  }
}

const U64_MAX = 18446744073709551615n
const I64_MIN_ABS = 9223372036854775808n
/** serde_json's POW10 table: correctly rounded 1e0..1e308 (Rust literals = JS literals). */
const POW10: number[] = Array.from({ length: 309 }, (_, i) => Number(`1e${i}`))

/** Significand accumulated the way serde_json does: a u64 that must not overflow. */
class Significand {
  private small = 0
  private big: bigint | null = null

  /** Tries `s * 10 + d`; false (and unchanged) when that would exceed u64::MAX. */
  push(d: number): boolean {
    if (this.big === null) {
      const next = this.small * 10 + d
      if (next < 9007199254740992) {
        this.small = next
        return true
      }
      this.big = BigInt(this.small)
    }
    const next = this.big * 10n + BigInt(d)
    if (next > U64_MAX) return false
    this.big = next
    return true
  }

  isZero(): boolean {
    return this.big === null ? this.small === 0 : this.big === 0n
  }

  /** `significand as f64`: round to nearest, ties to even (as Number(bigint) does). */
  toF64(): number {
    return this.big === null ? this.small : Number(this.big)
  }

  toBigInt(): bigint {
    return this.big === null ? BigInt(this.small) : this.big
  }
}

/** serde_json `f64_from_parts` without `float_roundtrip`. */
function f64FromParts(positive: boolean, sig: number, exponent: number, source: string): number {
  let f = sig
  for (;;) {
    const pow = POW10[Math.abs(exponent)]
    if (pow !== undefined) {
      if (exponent >= 0) {
        f *= pow
        if (!Number.isFinite(f)) throw new NumberOutOfRangeError(source)
      } else {
        f /= pow
      }
      break
    }
    if (f === 0) break
    if (exponent >= 0) throw new NumberOutOfRangeError(source)
    f /= 1e308
    exponent += 308
  }
  return positive ? f : -f
}

const I32_MAX = 2147483647
const I32_MIN = -2147483648

/**
 * Reads a JSON number literal (already known to be valid JSON) as serde_json does.
 * Throws NumberOutOfRangeError where serde_json fails with "number out of range".
 */
export function readJsonNumber(source: string): PanelNumber {
  let i = 0
  const positive = source.charCodeAt(0) !== 45 /* - */
  if (!positive) i++
  const sig = new Significand()
  let exponent = 0
  const n = source.length
  let c = source.charCodeAt(i)
  let isFloat = false
  // Integer part: digits are accumulated until the first overflow, after which the
  // remaining integer digits only raise the exponent (parse_long_integer).
  let overflowed = false
  while (i < n && c >= 48 && c <= 57) {
    if (overflowed) exponent++
    else if (!sig.push(c - 48)) {
      overflowed = true
      isFloat = true
      exponent++
    }
    c = source.charCodeAt(++i)
  }
  if (c === 46 /* . */) {
    isFloat = true
    c = source.charCodeAt(++i)
    // Fraction: each digit tried until the first overflow, the rest ignored
    // (parse_decimal / parse_decimal_overflow).
    let fracOverflow = false
    while (i < n && c >= 48 && c <= 57) {
      if (!fracOverflow) {
        if (sig.push(c - 48)) exponent--
        else fracOverflow = true
      }
      c = source.charCodeAt(++i)
    }
  }
  if (c === 101 || c === 69 /* e E */) {
    isFloat = true
    c = source.charCodeAt(++i)
    let positiveExp = true
    if (c === 43 || c === 45) {
      positiveExp = c === 43
      c = source.charCodeAt(++i)
    }
    let exp = 0
    let expOverflow = false
    while (i < n && c >= 48 && c <= 57) {
      const d = c - 48
      if (!expOverflow) {
        if (exp >= Math.floor(I32_MAX / 10) && (exp > Math.floor(I32_MAX / 10) || d > I32_MAX % 10)) expOverflow = true
        else exp = exp * 10 + d
      }
      c = source.charCodeAt(++i)
    }
    if (expOverflow) {
      // parse_exponent_overflow: error instead of infinity, zero otherwise.
      if (!sig.isZero() && positiveExp) throw new NumberOutOfRangeError(source)
      const z = positive ? 0 : -0
      return { kind: 'float', value: z, text: formatF64(z) }
    }
    exponent = positiveExp ? Math.min(I32_MAX, exponent + exp) : Math.max(I32_MIN, exponent - exp)
  }
  if (!isFloat) {
    const b = sig.toBigInt()
    if (positive) return { kind: 'pos', value: sig.toF64(), text: b.toString() }
    // `(significand as i64).wrapping_neg()`: -0 and values below i64::MIN become floats.
    if (b !== 0n && b <= I64_MIN_ABS) return { kind: 'neg', value: -sig.toF64(), text: `-${b.toString()}` }
    const f = -sig.toF64()
    return { kind: 'float', value: f, text: formatF64(f) }
  }
  const f = f64FromParts(positive, sig.toF64(), exponent, source)
  return { kind: 'float', value: f, text: formatF64(f) }
}

/**
 * An f64 as serde_json 1.0.151 writes it (zmij): shortest round-trip digits; plain
 * notation for decimal exponents −5..=15, else `d.ddde±x`. Non-finite values cannot
 * come from a parsed document (serde_json writes them as `null`).
 */
export function formatF64(f: number): string {
  if (!Number.isFinite(f)) return 'null'
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0'
  const sign = f < 0 ? '-' : ''
  // toExponential() with no argument gives the shortest round-trip digits, like zmij.
  const e = Math.abs(f).toExponential()
  const ePos = e.indexOf('e')
  const digits = e.slice(0, ePos).replace('.', '')
  const exp = Number(e.slice(ePos + 1))
  const len = digits.length
  if (exp >= -5 && exp <= 15) {
    if (len - 1 <= exp) return `${sign}${digits}${'0'.repeat(exp - len + 1)}.0`
    if (exp >= 0) return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`
  }
  const mantissa = len === 1 ? digits : `${digits[0]}.${digits.slice(1)}`
  return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`
}
