/**
 * effect-copas: Copas, the Lua coroutine dispatcher for socket servers and clients, on Effect.
 *
 * Every module is also available as a subpath: `import * as Lock from "effect-copas/Lock"`.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Copas from "./Copas.js"
/** @since 0.1.0 */
export * as Errors from "./Errors.js"
/** @since 0.1.0 */
export * as Timer from "./Timer.js"
