import crypto from 'node:crypto'
import http from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import type { ErrorCode, FieldError, Problem } from '../../common/contracts/problem.contracts'
import type { Config } from '../config'
import { isStorageFull } from '../db/readiness'
import { AuditDraft } from './context'
import { AppError, CATALOGUE } from './errors'
import { newNonce, securityHeaders } from './security-headers'

function send(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, errors?: FieldError[], detail?: string) {
  const { status, title } = CATALOGUE[code]
  const body: Problem = { type: `about:blank#${code}`, title, status, code, requestId: request.id }
  if (detail) body.detail = detail
  if (errors?.length) body.errors = errors
  // A download that failed after naming its file (the audit commit, say) must not offer the
  // problem document as that file, nor carry its name.
  reply.removeHeader('content-disposition')
  reply.removeHeader('etag')
  return reply.code(status).type('application/problem+json').send(body)
}

const CONTEXT_PREFIX: Record<string, string> = { body: '', querystring: 'query.', params: 'params.', headers: 'headers.' }

/**
 * Every error leaves as problem+json from the catalogue. Messages are ours or zod's (which
 * never echo input values); database and runtime messages are never sent nor logged, since they
 * can quote the data that failed.
 */
export async function problemHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const prefix = CONTEXT_PREFIX[error.validationContext ?? 'body'] ?? ''
    const errors = error.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.')
      return {
        field: `${prefix}${path}` || (error.validationContext ?? 'body'),
        code: (v.keyword === 'custom' ? v.message : v.keyword) ?? 'invalid',
        message: v.message ?? 'Invalid value',
      }
    })
    return send(reply, request, 'validation.failed', errors)
  }
  if (error instanceof AppError) {
    // An object-level miss (an id the caller may not see) is a denial worth recording; a URL
    // that matches nothing is not. The policy's own 403 is recorded by authorise().
    const params = (request.params ?? {}) as Record<string, unknown>
    if (error.code === 'resource.not_found' && request.ctx?.actor && typeof params.id === 'string') {
      const route = request.routeOptions.url ?? ''
      const draft = new AuditDraft().detail({ route: `${request.method} ${route}` }).outcomeOf('not_found')
      draft.subjectId = params.id
      if (route.startsWith('/api/persons/')) draft.subject('person', params.id)
      await request.ctx.recordDenial(draft).catch(() => undefined)
    }
    return send(reply, request, error.code, error.fieldErrors, error.detail)
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(reply, request, 'payload.too_large')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return send(reply, request, 'validation.failed', [{ field: 'body', code: 'invalid_json', message: 'Body must be JSON' }])
  }
  if (error.statusCode === 400 && error.code?.startsWith('FST_')) {
    return send(reply, request, 'validation.failed', [{ field: 'body', code: 'invalid', message: 'Malformed request' }])
  }
  if (isStorageFull(error)) {
    // Reads are refused too: each one writes its audit entry, which has no room either.
    request.server.storage.markFull()
    request.log.error({ err: { type: error.name, code: error.code } }, 'storage full')
    return send(reply, request, request.method === 'GET' ? 'storage.full_read' : 'storage.full')
  }
  request.log.error(
    { err: { type: error.name, code: error.code, stack: error.stack?.split('\n').slice(1, 8).join('\n') } },
    'unhandled error',
  )
  return send(reply, request, 'server.error')
}

export async function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, request, 'resource.not_found')
}

/**
 * Errors the router raises before any route, hook or handler runs (so before our onRequest
 * hook has set the security headers): a path that is not valid percent-encoding, a path
 * parameter longer than the router keeps. Fastify's own answers quote the whole URL.
 */
export function frameworkErrorHandler(config: Config) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    reply.header('X-Request-Id', request.id)
    securityHeaders(config, request, reply, newNonce())
    switch (error.code) {
      case 'FST_ERR_BAD_URL':
        return send(reply, request, 'validation.failed', [
          { field: 'path', code: 'invalid_encoding', message: 'The path is not valid percent-encoding' },
        ])
      case 'FST_ERR_MAX_PARAM_LENGTH':
        return send(reply, request, 'validation.failed', [{ field: 'params', code: 'too_long', message: 'A path parameter is too long' }])
    }
    request.log.error({ err: { type: error.name, code: error.code } }, 'unhandled framework error')
    return send(reply, request, 'server.error')
  }
}

/**
 * Requests Node's HTTP parser refuses (headers over the size limit, a line break inside a header
 * value, a request line it cannot read): answered on the raw socket, as Node and Fastify do, but
 * as problem+json from the catalogue. Node counts the request line with the headers, so a huge
 * query string is refused here too.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const code: ErrorCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'payload.too_large' : 'validation.failed'
  const { status, title } = CATALOGUE[code]
  const requestId = crypto.randomUUID()
  const problem: Problem = { type: `about:blank#${code}`, title, status, code, requestId }
  if (code === 'validation.failed') problem.errors = [{ field: 'request', code: 'malformed', message: 'The request could not be read' }]
  const body = JSON.stringify(problem)
  if (socket.writable) {
    socket.write(
      [
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
        'Content-Type: application/problem+json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'X-Content-Type-Options: nosniff',
        'Cache-Control: no-store',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    )
  }
  socket.destroy(error)
}
