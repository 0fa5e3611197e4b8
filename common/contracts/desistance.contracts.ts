import { z } from 'zod'
import { LIFE_DOMAINS } from '../vocabulary'

export { LIFE_DOMAINS }
export const LifeDomain = z.enum(LIFE_DOMAINS)
export type LifeDomain = z.infer<typeof LifeDomain>

/** Who gives a view: the worker's assessment and the person's own, kept side by side. */
export const PERSPECTIVES = ['worker', 'person'] as const
export const Perspective = z.enum(PERSPECTIVES)
export type Perspective = z.infer<typeof Perspective>
