/**
 * Yes/no states packed in one number field: objects that exist once per connection or task keep
 * their flags in one slot instead of one per flag (8 bytes each).
 *
 * @internal
 */

/** `bits` with `bit` set (`on`) or cleared. */
export const withBit = (bits: number, bit: number, on: boolean): number => (on ? bits | bit : bits & ~bit)
