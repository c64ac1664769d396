/**
 * Ends a bench script with its run: exit 0 once `run` settles, or the error on stderr and exit 1.
 * The exit is explicit: what a bench started in its own process (a gateway's timers, database
 * pools) would otherwise keep it running.
 */
export function exitWhenDone(run: Promise<unknown>): void {
  run.then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
