import type { FastifyRequest } from 'fastify'
import type { FieldError } from '../../common/contracts/problem.contracts'

/** What a string may not hold, whatever the field: neither engine stores these as sent. */
const FLAWS: { code: string; test: RegExp; message: string }[] = [
  // PostgreSQL text cannot hold U+0000 at all; SQLite would, so the two engines would differ.
  { code: 'nul_character', test: /\u0000/, message: 'Text may not contain the NUL character' },
  // Half of a surrogate pair: both engines store U+FFFD instead, silently changing the value.
  { code: 'invalid_unicode', test: /\p{Surrogate}/u, message: 'Text must be valid Unicode' },
]
const MAX_ERRORS = 20
/** Property names worth naming in a field path; any other name is not echoed. */
const PLAIN_KEY = /^[A-Za-z0-9_$-]{1,64}$/

// One quick scan for either flaw; the exact one is looked for only in the rare string it finds.
const SUSPECT = /[\u0000\uD800-\uDFFF]/
const flawOf = (s: string) => (SUSPECT.test(s) ? FLAWS.find((f) => f.test.test(s)) : undefined)

/** A place in the value, linked to its parent: the path is spelled only for a flawed field. */
type Place = { name: string; parent: Place | null; depth: number }
const MAX_NAMED_DEPTH = 32

function spell(place: Place | null, root: string): string {
  const names: string[] = []
  for (let p = place; p; p = p.parent) if (p.depth <= MAX_NAMED_DEPTH) names.push(p.name)
  if (place && place.depth > MAX_NAMED_DEPTH) names.unshift('*')
  return names.reverse().join('.') || root
}

/**
 * Every string in a parsed value (object keys included) that the database cannot hold as sent,
 * as field errors named like the contract's (`name`, `query.action`, `params.id`, `a.0.b`).
 * Walked with an explicit stack, so that a deeply nested body cannot overflow the call stack;
 * each object's own strings are reported before what its nested objects hold.
 */
export function textFlaws(value: unknown, prefix: string, root: string): FieldError[] {
  const errors: FieldError[] = []
  const add = (place: Place | null, flaw: (typeof FLAWS)[number]) => {
    errors.push({ field: spell(place, root), code: flaw.code, message: flaw.message })
  }
  const top: Place | null = prefix ? { name: prefix, parent: null, depth: 0 } : null
  const child = (parent: Place | null, key: string): Place => ({
    name: PLAIN_KEY.test(key) ? key : '*',
    parent,
    depth: (parent?.depth ?? 0) + 1,
  })
  if (typeof value === 'string') {
    const flaw = flawOf(value)
    if (flaw) add(top, flaw)
    return errors
  }
  const stack: [object, Place | null][] = []
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) stack.push([value, top])
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const [node, place] = stack.pop() as [object, Place | null]
    const nested: [object, Place][] = []
    for (const key of Object.keys(node)) {
      const keyFlaw = flawOf(key)
      if (keyFlaw) {
        add(place, keyFlaw)
        continue
      }
      const v = (node as Record<string, unknown>)[key]
      if (typeof v === 'string') {
        const flaw = flawOf(v)
        if (flaw) add(child(place, key), flaw)
      } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) nested.push([v, child(place, key)])
    }
    // The stack is last in, first out: nested objects are walked in the order they were sent.
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i] as [object, Place])
  }
  return errors.slice(0, MAX_ERRORS)
}

/** The upload's file name, which arrives URI-encoded in a header rather than in the body. */
function fileNameFlaws(request: FastifyRequest): FieldError[] {
  const header = request.headers['x-filename']
  if (typeof header !== 'string') return []
  let decoded: string
  try {
    decoded = decodeURIComponent(header)
  } catch {
    return [] // the upload route names an encoding it cannot read
  }
  return textFlaws(decoded, 'headers.x-filename', 'headers.x-filename')
}

/** All text a handler may receive from the request: path parameters, query, body, file name. */
export function requestTextFlaws(request: FastifyRequest): FieldError[] {
  return [
    ...textFlaws(request.params, 'params', 'params'),
    ...textFlaws(request.query, 'query', 'query'),
    ...textFlaws(request.body, '', 'body'),
    ...fileNameFlaws(request),
  ].slice(0, MAX_ERRORS)
}
