import { Effect, Data, Cause } from "effect"
import * as Copas from "../src/Copas.js"
class MyErr extends Data.TaggedError("MyErr")<{ readonly detail: string }> {}
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  yield* Copas.addNamedThread("fail-tagged", Effect.fail(new MyErr({ detail: "x" })))
  yield* Copas.addNamedThread("die", Effect.die(new Error("kaboom")))
  yield* Copas.addNamedThread("throw", Effect.sync(() => { throw new TypeError("thrown") }))
  yield* Copas.addNamedThread("fail-string", Effect.fail("plain string"))
  yield* Copas.addNamedThread("fail-obj", Effect.fail({ code: 1 }))
  yield* Copas.addNamedThread("span", Effect.fail("in span").pipe(Effect.withSpan("myspan")))
  yield* Copas.addNamedThread("handler-fails", Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.die("handler died"))
    yield* Effect.fail("orig")
  }))
  yield* Copas.addNamedThread("parallel", Effect.all([Effect.fail("a"), Effect.die("b")], { concurrency: 2 }))
})))
