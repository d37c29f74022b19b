import { describe, expect, it } from "vitest";
import { Resources } from "../../src/run/resources.js";

describe("Resources", () => {
  it("releases last-in first-out, each once, however often it is disposed", async () => {
    const order: string[] = [];
    const r = new Resources();
    r.defer(() => void order.push("a"));
    r.defer(async () => void order.push("b"));
    r.use({ [Symbol.asyncDispose]: async () => void order.push("c") });
    await Promise.all([r[Symbol.asyncDispose](), r[Symbol.asyncDispose]()]);
    await r[Symbol.asyncDispose]();
    expect(order).toEqual(["c", "b", "a"]);
  });

  it("releases every resource when one fails, then rejects with the first failure", async () => {
    const order: string[] = [];
    const r = new Resources();
    r.defer(() => void order.push("first registered"));
    r.defer(() => {
      throw new Error("second failed");
    });
    r.defer(() => {
      throw new Error("third failed");
    });
    await expect(r[Symbol.asyncDispose]()).rejects.toThrow("third failed");
    expect(order).toEqual(["first registered"]);
  });

  it("runs the synchronous exit part of what is still registered, and refuses registrations after the end", async () => {
    const order: string[] = [];
    const r = new Resources();
    r.defer(
      () => undefined,
      () => order.push("killed a"),
    );
    r.defer(() => undefined);
    r.defer(
      () => undefined,
      () => order.push("killed c"),
    );
    r.exitNow();
    expect(order).toEqual(["killed c", "killed a"]);
    await r[Symbol.asyncDispose]();
    order.length = 0;
    r.exitNow();
    expect(order).toEqual([]);
    expect(() => r.defer(() => undefined)).toThrow("the run has ended");
  });

  it("takes Disposable as well as AsyncDisposable, and refuses anything else", async () => {
    let disposed = false;
    const r = new Resources();
    r.use({ [Symbol.dispose]: () => (disposed = true) });
    expect(() => r.use({} as Disposable)).toThrow(TypeError);
    await r[Symbol.asyncDispose]();
    expect(disposed).toBe(true);
  });
});
