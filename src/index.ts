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
/** @since 0.1.0 */
export * as Lock from "./Lock.js"
/** @since 0.1.0 */
export * as Semaphore from "./Semaphore.js"
/** @since 0.1.0 */
export * as Queue from "./Queue.js"
/** @since 0.1.0 */
export * as Future from "./Future.js"
/** @since 0.1.0 */
export * as Socket from "./Socket.js"
/** @since 0.1.0 */
export * as Server from "./Server.js"
/** @since 0.1.0 */
export * as NodeSockets from "./NodeSockets.js"
/** @since 0.1.0 */
export * as MemorySockets from "./MemorySockets.js"
/** @since 0.1.0 */
export * as NodeCopas from "./NodeCopas.js"
/** @since 0.1.0 */
export * as Http from "./Http.js"
/** @since 0.1.0 */
export * as Ftp from "./Ftp.js"
/** @since 0.1.0 */
export * as Smtp from "./Smtp.js"
/** @since 0.1.0 */
export * as Debug from "./Debug.js"
