import type { FastifyReply, FastifyRequest } from 'fastify'
import { fail, invalidField } from './errors'

/** The version a write is based on, from `If-Match: "<version>"`. Required on every update. */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match']
  if (!header) throw fail('version.required')
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim())
  if (!match) throw invalidField('headers.if-match', 'invalid', 'If-Match must be a quoted version number')
  return Number(match[1])
}

export function sendVersion(reply: FastifyReply, version: number): void {
  reply.header('ETag', `"${version}"`)
}
