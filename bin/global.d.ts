/**
 * The type of the `copas` global that the `copas` command gives scripts (the library, plus
 * `Effect`, `Console`, `Duration` and `run`). A TypeScript script that uses the global without
 * imports references it with a comment (nothing is imported at run time):
 *
 * @example
 * ```ts
 * /// <reference types="effect-copas/global" />
 * const { Effect, Console, Copas } = copas
 * export default Effect.zipRight(Copas.sleep(100), Console.log("done"))
 * ```
 */
import type { CopasGlobal } from "../src/internal/cli.js"

declare global {
  /** The library, under the `copas` command (undefined elsewhere). */
  var copas: CopasGlobal
}

export {}
