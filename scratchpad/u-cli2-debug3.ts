// Debug with core: a recurring timer's callback shows (only with core); a custom logger collects lines.
const { Effect, Console, Copas, Debug, Timer } = copas
import { Logger } from "effect"
const lines: string[] = []
const collect = Logger.make(({ message }) => { lines.push(String(Array.isArray(message) ? message.join(" ") : message)) })
export default Effect.gen(function*() {
  const t = yield* Timer.make({ name: "tick", delay: 30, recurring: true, callback: () => Console.log("tick") })
  yield* Debug.start({ core: process.argv[2] === "core", logger: collect })
  yield* Copas.sleep(100)
  yield* Debug.stop
  yield* Timer.cancel(t)
  console.log(lines.join("\n"))
})
