import { z } from 'zod'
import { CALLER_KINDS, CALLER_SECTORS } from './contacts.contracts'

/**
 * The public "ask to be contacted" form and the intake inbox it feeds (server/modules/public-info).
 * The same contract checks the plain HTML form (JavaScript off) and the JSON variant.
 */
export const PUBLIC_LANGUAGES = ['fr', 'nl', 'de', 'en'] as const
export type PublicLanguage = (typeof PUBLIC_LANGUAGES)[number]
/** Who is asking: a relative, a professional, the person concerned, or someone who prefers not to say. */
export const REQUEST_CALLER_KINDS = ['relative', 'professional', 'concerned', 'undisclosed'] as const
/** A professional's sector: the contacts module's list itself, so that a request's sector is a contact's. */
export const REQUEST_SECTORS = CALLER_SECTORS
/**
 * A request's caller kind as a contact's (taking a request into the contact point). The form
 * words two kinds for the public ("concerned", "undisclosed"); the contact point's are the same
 * people. "undisclosed" is the contact's "anonymous": the sender did not say who they are.
 */
export const CONTACT_CALLER_KIND_OF = {
  relative: 'relative',
  professional: 'professional',
  concerned: 'person_concerned',
  undisclosed: 'undisclosed',
} as const satisfies Record<(typeof REQUEST_CALLER_KINDS)[number], (typeof CALLER_KINDS)[number]>
export const REACH_BY = ['phone', 'email'] as const
export const PREFERRED_TIMES = ['morning', 'afternoon', 'any'] as const
export const REQUEST_STATES = ['open', 'handled', 'dismissed'] as const

/** Limits the page states to the visitor too. */
export const MESSAGE_MAX = 1000
export const NAME_MAX = 120

const trimmed = (max: number) => z.string().trim().max(max)
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ./()-]{5,28}$/, 'a phone number: digits, spaces, + . / ( ) -')
const PublicEmail = z.email().max(254)

/**
 * One submission. `token` is the signed form token issued with the page (it carries when the
 * page was served: the time-to-submit check); `website` is the honeypot, which people never see
 * and so leave empty. Anonymous requests carry no identity and so must say something.
 */
export const ContactRequestInput = z
  .object({
    token: z.string().min(1).max(200),
    website: z.string().max(200).default(''),
    language: z.enum(PUBLIC_LANGUAGES).default('fr'),
    callerKind: z.enum(REQUEST_CALLER_KINDS),
    sector: z.enum(REQUEST_SECTORS).nullable().default(null),
    anonymous: z.boolean().default(false),
    name: trimmed(NAME_MAX).default(''),
    reachBy: z.enum(REACH_BY).nullable().default(null),
    phone: z.union([z.literal(''), Phone]).default(''),
    email: z.union([z.literal(''), PublicEmail]).default(''),
    preferredTimes: z.array(z.enum(PREFERRED_TIMES)).max(3).default([]),
    message: trimmed(MESSAGE_MAX).default(''),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message, params: { code: 'required' } })
    if (v.callerKind === 'professional' && !v.sector) need('sector', 'Say which sector you work in')
    if (v.anonymous) {
      if (!v.message) need('message', 'An anonymous request needs a message')
      return
    }
    if (!v.reachBy) need('reachBy', 'Say how we should reach you')
    if (v.reachBy === 'phone' && !v.phone) need('phone', 'A phone number is needed to call you back')
    if (v.reachBy === 'email' && !v.email) need('email', 'An e-mail address is needed to write back')
  })
export type ContactRequestInput = z.infer<typeof ContactRequestInput>

/** What a submission gets back: nothing about the inbox, only that this one was received. */
export const ContactRequestReceipt = z.object({ received: z.literal(true), anonymous: z.boolean() })
/** A fresh form token for the JSON variant (the page embeds one). */
export const PublicFormToken = z.object({ token: z.string(), minSeconds: z.number().int(), maxAgeSeconds: z.number().int() })

/** A line of the inbox: how to sort and plan the call-back, never who (identities open one by one, audited). */
export const ContactRequestSummary = z.object({
  id: z.uuid(),
  version: z.number().int(),
  receivedAt: z.string(),
  callerKind: z.enum(REQUEST_CALLER_KINDS),
  sector: z.enum(REQUEST_SECTORS).nullable(),
  anonymous: z.boolean(),
  reachBy: z.enum(REACH_BY).nullable(),
  preferredTimes: z.array(z.enum(PREFERRED_TIMES)),
  language: z.enum(PUBLIC_LANGUAGES),
  hasMessage: z.boolean(),
  state: z.enum(REQUEST_STATES),
  decidedAt: z.string().nullable(),
  /** The web-form contact the request was taken into (null if it was not). */
  contactId: z.uuid().nullable(),
})
export type ContactRequestSummary = z.infer<typeof ContactRequestSummary>
export const ContactRequestList = z.object({ items: z.array(ContactRequestSummary), total: z.number().int() })
export const ContactRequestQuery = z.object({
  state: z.enum(REQUEST_STATES).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
/** One request, opened: identity and message (the read is audited). */
export const ContactRequestView = ContactRequestSummary.extend({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  message: z.string().nullable(),
  decidedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
})
export type ContactRequestView = z.infer<typeof ContactRequestView>
/** Handled (turned into a call-back or a contact) or dismissed (spam, duplicate); with If-Match. */
export const ContactRequestDecision = z.object({ state: z.enum(['handled', 'dismissed']) })
/** The answer to taking a request into the contact point: the new contact, and the request now handled. */
export const ContactRequestTaken = z.object({ contactId: z.uuid(), request: ContactRequestSummary })
