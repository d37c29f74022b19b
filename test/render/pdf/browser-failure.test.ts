import { describe, expect, it } from "vitest";
import { describeBrowserFailure } from "../../../src/render/pdf/browser-session.js";

describe("describeBrowserFailure", () => {
  it("words a timeout, a closed connection and a failed start for a person", () => {
    expect(describeBrowserFailure(Object.assign(new Error("Waiting failed"), { name: "TimeoutError" }), 60_000)).toBe(
      "it did not answer within 60 s",
    );
    expect(describeBrowserFailure(new Error("Protocol error (Page.printToPDF): Target closed"), 60_000)).toBe(
      "it closed unexpectedly (crashed or was killed)",
    );
    expect(describeBrowserFailure(new Error("Failed to launch the browser process: Code: null"), 60_000)).toBe(
      "it was killed or crashed while starting",
    );
  });

  it("never prints [object Object] for a launch that ended with a bare event object", () => {
    expect(describeBrowserFailure({ type: "error" }, 60_000)).toBe("the connection ended (error)");
    expect(describeBrowserFailure({}, 60_000)).toBe("the browser went away");
    expect(describeBrowserFailure({ message: "socket hang up" }, 60_000)).toBe("socket hang up");
  });
});
