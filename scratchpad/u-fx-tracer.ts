import { Effect, Tracer, Layer, Option, Exit } from "effect"
import * as Copas from "../src/Copas.js"
import * as Timer from "../src/Timer.js"
const spans: Array<{ name: string; parent?: string; ended?: string }> = []
let ctxCalls = 0
const tracer = Tracer.make({
  span(name, parent, context, links, startTime, kind) {
    const rec: { name: string; parent?: string; ended?: string } = { name, parent: Option.getOrUndefined(parent)?.spanId }
    spans.push(rec)
    const id = `${name}#${spans.length}`
    const s: Tracer.Span = {
      _tag: "Span", name, spanId: id, traceId: "t", parent, context, status: { _tag: "Started", startTime }, attributes: new Map(), links, sampled: true, kind,
      end(endTime, exit) { rec.ended = Exit.isInterrupted(exit) ? "interrupted" : exit._tag },
      attribute() {}, event() {}, addLinks() {}
    }
    return s
  },
  context(f, fiber) { ctxCalls++; return f() }
})
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  yield* Copas.addThread(Effect.gen(function*() {
    yield* Copas.sleep(5).pipe(Effect.withSpan("inner-task"))
  }).pipe(Effect.withSpan("task-root")))
  yield* Timer.make({ delay: 5, callback: () => Effect.void.pipe(Effect.withSpan("timer-cb")) })
  yield* Copas.addThread(Copas.pauseForever.pipe(Effect.withSpan("parked-forever")))
}).pipe(Effect.withSpan("init"))).pipe(Effect.withSpan("main"), Effect.withTracer(tracer)))
console.log(spans, "ctxCalls", ctxCalls)
