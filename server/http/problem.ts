import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import type { ErrorCode, FieldError, Problem } from '../../common/contracts/problem.contracts'
import { AuditDraft } from './context'
import { AppError, CATALOGUE } from './errors'

function send(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, errors?: FieldError[], detail?: string) {
  const { status, title } = CATALOGUE[code]
  const body: Problem = { type: `about:blank#${code}`, title, status, code, requestId: request.id }
  if (detail) body.detail = detail
  if (errors?.length) body.errors = errors
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
  request.log.error(
    { err: { type: error.name, code: error.code, stack: error.stack?.split('\n').slice(1, 8).join('\n') } },
    'unhandled error',
  )
  return send(reply, request, 'server.error')
}

export async function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, request, 'resource.not_found')
}
