/**
 * The longest string an anchored regular expression can match, or Infinity when it is unbounded
 * (`*`, `+`, `{n,}`) or uses syntax this reader does not know (then it claims nothing).
 * The OpenAPI document states it as `maxLength` for strings whose contract is a pattern
 * (ids, dates, codes): the bound the validator already enforces, made visible to clients and
 * to the OWASP checks. Each atom matches one character at most, so the count is an upper bound.
 */
export function patternMaxLength(pattern: string): number {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return Infinity
  const reader = new Reader(pattern.slice(1, -1))
  try {
    const length = reader.alternation()
    return reader.done() ? length : Infinity
  } catch {
    return Infinity
  }
}

class Reader {
  private at = 0
  constructor(private readonly source: string) {}

  done(): boolean {
    return this.at === this.source.length
  }

  alternation(): number {
    let longest = this.sequence()
    while (this.source[this.at] === '|') {
      this.at++
      longest = Math.max(longest, this.sequence())
    }
    return longest
  }

  private sequence(): number {
    let total = 0
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const atom = this.atom()
      total += atom === 0 ? 0 : atom * this.quantifier()
      if (atom === 0) this.quantifier()
    }
    return total
  }

  private atom(): number {
    const c = this.source[this.at]
    if (c === '(') {
      this.at++
      let lookaround = false
      if (this.source[this.at] === '?') {
        const kind = this.source.slice(this.at, this.at + 3)
        if (kind.startsWith('?:')) this.at += 2
        else if (kind.startsWith('?=') || kind.startsWith('?!')) {
          this.at += 2
          lookaround = true
        } else throw new Error('unsupported group')
      }
      const inner = this.alternation()
      if (this.source[this.at] !== ')') throw new Error('unclosed group')
      this.at++
      return lookaround ? 0 : inner
    }
    if (c === '[') {
      this.at++
      if (this.source[this.at] === '^') this.at++
      if (this.source[this.at] === ']') this.at++
      while (this.at < this.source.length && this.source[this.at] !== ']') this.at += this.source[this.at] === '\\' ? 2 : 1
      if (this.source[this.at] !== ']') throw new Error('unclosed class')
      this.at++
      return 1
    }
    if (c === '\\') {
      const next = this.source[this.at + 1]
      if (next === undefined || /[1-9kpPuxcbB]/.test(next)) throw new Error('unsupported escape')
      this.at += 2
      return 1
    }
    if (c === '^' || c === '$' || c === '*' || c === '+' || c === '?' || c === '{') throw new Error('unsupported')
    this.at++
    return 1
  }

  /** The most times the preceding atom may repeat. */
  private quantifier(): number {
    const c = this.source[this.at]
    let times = 1
    if (c === '?') {
      this.at++
    } else if (c === '*' || c === '+') {
      this.at++
      times = Infinity
    } else if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at))
      if (!match) throw new Error('bad quantifier')
      this.at += match[0].length
      times = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3])
    }
    if (times !== 1 || c === '?') {
      if (this.source[this.at] === '?') this.at++ // lazy: the same bound
    }
    return times
  }
}
