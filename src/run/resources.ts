import "./dispose-polyfill.js";

interface Entry {
  dispose: () => Promise<void> | void;
  /** What must happen even when the process exits without awaiting anything (`process.exit`, a fatal error). */
  onExit?: () => void;
}

/**
 * What a run must release when it ends, however it ends: released last-in first-out, each once, every one even when
 * another fails. It plays the part of AsyncDisposableStack, which Node.js 20 lacks.
 */
export class Resources implements AsyncDisposable {
  private readonly entries: Entry[] = [];
  private disposing: Promise<void> | undefined;

  /** Runs `dispose` when the run ends. `onExit` (synchronous) also runs if the process exits first. */
  defer(dispose: () => Promise<void> | void, onExit?: () => void): void {
    if (this.disposing) throw new Error("the run has ended: nothing more can be registered");
    this.entries.push(onExit ? { dispose, onExit } : { dispose });
  }

  /** Registers a disposable and hands it back: `const browser = run.resources.use(await launch())`. */
  use<T extends AsyncDisposable | Disposable>(resource: T): T {
    const r = resource as Partial<AsyncDisposable & Disposable>;
    const dispose = r[Symbol.asyncDispose] ?? r[Symbol.dispose];
    if (!dispose) throw new TypeError("not a disposable resource");
    this.defer(() => dispose.call(resource));
    return resource;
  }

  /** Releases everything, last registered first. Rejects with the first failure after trying them all. */
  [Symbol.asyncDispose](): Promise<void> {
    this.disposing ??= (async () => {
      let failure: { error: unknown } | undefined;
      while (this.entries.length > 0) {
        const entry = this.entries.pop()!;
        try {
          await entry.dispose();
        } catch (error) {
          failure ??= { error };
        }
      }
      if (failure) throw failure.error;
    })();
    return this.disposing;
  }

  /** For a `process.on("exit")` handler: the synchronous part of whatever is still registered. */
  exitNow(): void {
    for (const entry of [...this.entries].reverse()) {
      try {
        entry.onExit?.();
      } catch {
        // The process is ending; one failed cleanup must not stop the others.
      }
    }
  }
}
