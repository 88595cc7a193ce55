// Debug turned on, off and on again in the same task: are the sleeps of the second period traced?
const { Effect, Console, Copas, Debug } = copas
const core = process.argv[2] === "core"
export default Effect.gen(function*() {
  yield* Copas.addNamedThread("bg", Effect.forever(Copas.sleep(40)))
  for (const round of [1, 2, 3]) {
    yield* Console.log(`--- round ${round} start`)
    yield* Debug.start({ core })
    yield* Copas.sleep(100)
    yield* Debug.stop
    yield* Console.log(`--- round ${round} stopped`)
    yield* Copas.sleep(50)
  }
  process.exit(0)
})
