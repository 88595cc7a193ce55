// probe: the copas command with a default-exported function of the arguments
import { Console, Effect } from "effect"
export default (args: ReadonlyArray<string>) => Console.log(`args: ${JSON.stringify(args)}`).pipe(Effect.zipRight(Effect.fail("nope")))
