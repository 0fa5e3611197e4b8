import { z } from 'zod'
import {
  ContactRequestInput,
  ContactRequestReceipt,
  type PublicLanguage,
  PublicFormToken,
} from '../../../common/contracts/contact-requests.contracts'
import type { PublicSheetView } from '../../../common/contracts/sheets.contracts'
import type { RequestContext } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { AppError, fail } from '../../http/errors'
import { receiveRequest } from './contact-requests.commands'
import { EMPTY_FORM, type FormFieldError, type FormState, type FormValues } from './public-info.form-html'
import { type PublicSheetLink, renderInfoPage, renderResultPage } from './public-info.page'
import { isPublicLanguage } from './public-info.texts'
import { renderSheetNotFound, renderSheetPage } from './public-sheet.page'
import { formTokenKey, issueFormToken, TOKEN_MAX_AGE_MS } from './public-form.token'

/**
 * The seam for the information sheets (built by the sheets module): the published sheets marked
 * public, in the page's language (a sheet missing in it is listed with `available: false`).
 */
export type PublicSheets = (ctx: RequestContext, language: PublicLanguage) => Promise<PublicSheetLink[]>
export const noPublicSheets: PublicSheets = async () => []
/** The seam for one public sheet by code in a language (null: unknown, not public or unpublished). */
export type PublicSheet = (ctx: RequestContext, code: string, language: PublicLanguage) => Promise<PublicSheetView | null>
export const noPublicSheet: PublicSheet = async () => null

/** The form's body as the browser sends it: every field a string, checkboxes repeated. */
const FormBody = z.record(z.string().max(40), z.union([z.string().max(4000), z.array(z.string().max(200)).max(10)]))
/** Larger than any honest form (a 1,000-character message is at most 9 kB once percent-encoded). */
const FORM_BODY_LIMIT = 16_384

const HTML = 'text/html; charset=utf-8'
/**
 * The page's own Referrer-Policy. Under the app's `no-referrer`, Chromium sends `Origin: null` with
 * a form's POST, which the CSRF check must refuse; `same-origin` lets the browser name our origin
 * to us and still sends nothing to any other site. The page holds no personal data.
 */
const htmlHeaders = { 'Content-Type': HTML, 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' }
const REFUSALS: Partial<Record<string, string>> = {
  'public_form.expired': 'expired',
  'public_form.too_fast': 'tooFast',
  'public_form.refused': 'refused',
  'public_form.inbox_full': 'inboxFull',
  'rate.limited': 'rateLimited',
}
const FIELD_OF: Partial<Record<string, keyof FormValues>> = {
  callerKind: 'callerKind',
  sector: 'sector',
  anonymous: 'mode',
  name: 'name',
  reachBy: 'reachBy',
  phone: 'phone',
  email: 'email',
  preferredTimes: 'preferredTimes',
  message: 'message',
}

const first = (v: string | string[] | undefined) => (typeof v === 'string' ? v : (v?.[0] ?? ''))
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : [])

function valuesOf(body: z.output<typeof FormBody>): FormValues {
  return {
    callerKind: first(body.callerKind),
    sector: first(body.sector),
    mode: first(body.mode) === 'anonymous' ? 'anonymous' : 'callback',
    name: first(body.name),
    reachBy: first(body.reachBy),
    phone: first(body.phone),
    email: first(body.email),
    preferredTimes: list(body.preferredTimes),
    message: first(body.message),
  }
}

/** The form's fields as the JSON contract has them, so that both variants obey one set of rules. */
function inputOf(body: z.output<typeof FormBody>, values: FormValues, language: PublicLanguage) {
  return {
    token: first(body.token),
    website: first(body.website),
    language,
    callerKind: values.callerKind || undefined,
    sector: values.sector || null,
    anonymous: values.mode === 'anonymous',
    name: values.name,
    reachBy: values.reachBy || null,
    phone: values.phone,
    email: values.email,
    preferredTimes: values.preferredTimes,
    message: values.message,
  }
}

function fieldErrors(error: z.ZodError, values: FormValues): { errors: FormFieldError[]; problem: string | null } {
  const errors: FormFieldError[] = []
  let problem: string | null = null
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? '')
    const field = FIELD_OF[name]
    if (!field) {
      problem ??= name === 'website' ? 'refused' : 'expired'
      continue
    }
    if (errors.some((e) => e.field === field)) continue
    const given = values[field]
    const empty = Array.isArray(given) ? given.length === 0 : given === ''
    const required = (issue.code === 'custom' && issue.params?.code === 'required') || (issue.code !== 'too_big' && empty)
    errors.push({ field, text: issue.code === 'too_big' ? 'tooLong' : required ? 'required' : 'invalid' })
  }
  return { errors, problem }
}

const tokenFor = (ctx: RequestContext) => issueFormToken(formTokenKey(ctx.services.auditKey))

export function publicInfoRoutes(options: { publicSheets?: PublicSheets; publicSheet?: PublicSheet } = {}) {
  const publicSheets = options.publicSheets ?? noPublicSheets
  const publicSheet = options.publicSheet ?? noPublicSheet
  const page = async (ctx: RequestContext, language: PublicLanguage, nonce: string) =>
    renderInfoPage({
      language,
      nonce,
      line: ctx.services.config.line,
      sheets: await publicSheets(ctx, language),
      form: { token: tokenFor(ctx), values: EMPTY_FORM, errors: [], problem: null },
    })
  return [
    defineRoute({
      method: 'GET',
      path: '/info',
      summary: 'The public information page (HTML; French, or ?lang=nl|de|en)',
      query: z.object({ lang: z.string().max(10).optional() }),
      allow: 'public',
      hide: true,
      async handler({ query, ctx, request, reply }) {
        const language = isPublicLanguage(query.lang) ? query.lang : 'fr'
        reply.headers(htmlHeaders)
        return reply.send(await page(ctx, language, request.cspNonce))
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/info/:lang',
      summary: 'The public information page in one language (HTML)',
      params: z.object({ lang: z.string().max(10) }),
      allow: 'public',
      hide: true,
      async handler({ params, ctx, request, reply }) {
        // A page that does not exist, not a request with a bad field.
        if (!isPublicLanguage(params.lang)) throw fail('resource.not_found')
        reply.headers(htmlHeaders)
        return reply.send(await page(ctx, params.lang, request.cspNonce))
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/info/sheets/:code',
      summary: 'One public information sheet, printable (HTML; French, or ?lang=nl|de|en)',
      params: z.object({ code: z.string().max(80) }),
      query: z.object({ lang: z.string().max(10).optional() }),
      allow: 'public',
      hide: true,
      async handler({ params, query, ctx, request, reply }) {
        const language = isPublicLanguage(query.lang) ? query.lang : 'fr'
        const sheet = await publicSheet(ctx, params.code, language)
        reply.headers(htmlHeaders)
        if (!sheet) return reply.code(404).send(renderSheetNotFound({ language, nonce: request.cspNonce }))
        return reply.send(renderSheetPage({ language, nonce: request.cspNonce, sheet }))
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/info/contact',
      summary: 'The "ask to be contacted" form, sent without JavaScript (HTML answer)',
      body: FormBody,
      allow: 'public',
      csrf: 'form-token',
      withholdAddress: true,
      bodyLimit: FORM_BODY_LIMIT,
      hide: true,
      async handler({ body, ctx, request, reply }) {
        const language = isPublicLanguage(first(body.language)) ? (first(body.language) as PublicLanguage) : 'fr'
        const values = valuesOf(body)
        const line = ctx.services.config.line
        const again = (status: number, state: Omit<FormState, 'token' | 'values'>) =>
          reply
            .code(status)
            .headers(htmlHeaders)
            .send(
              renderResultPage({
                language,
                nonce: request.cspNonce,
                line,
                outcome: { received: false, form: { token: tokenFor(ctx), values, ...state } },
              }),
            )
        const parsed = ContactRequestInput.safeParse(inputOf(body, values, language))
        if (!parsed.success) return again(400, fieldErrors(parsed.error, values))
        try {
          const receipt = await receiveRequest(ctx, parsed.data, request.ip)
          reply.headers(htmlHeaders)
          return reply.send(renderResultPage({ language, nonce: request.cspNonce, line, outcome: { received: true, ...receipt } }))
        } catch (e) {
          const problem = e instanceof AppError ? REFUSALS[e.code] : undefined
          if (!problem || !(e instanceof AppError)) throw e
          return again(e.status, { errors: [], problem })
        }
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/public/contact-form',
      summary: 'A fresh token for the "ask to be contacted" form (JSON variant), with the time limits it carries',
      tags: ['public'],
      response: PublicFormToken,
      allow: 'public',
      async handler({ ctx }) {
        return {
          token: tokenFor(ctx),
          minSeconds: ctx.services.config.publicForm.minSeconds,
          maxAgeSeconds: TOKEN_MAX_AGE_MS / 1000,
        }
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/public/contact-requests',
      summary: 'Ask to be contacted (JSON variant of the public form); says only that this request was received',
      tags: ['public'],
      body: ContactRequestInput,
      response: ContactRequestReceipt,
      status: 201,
      allow: 'public',
      withholdAddress: true,
      bodyLimit: FORM_BODY_LIMIT,
      async handler({ body, ctx, request }) {
        const receipt = await receiveRequest(ctx, body, request.ip)
        return { received: true as const, anonymous: receipt.anonymous }
      },
    }),
  ]
}
