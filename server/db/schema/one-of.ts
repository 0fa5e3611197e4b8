/** One of the values of a contract's list. */
export type OneOf<L extends readonly unknown[]> = L[number]
