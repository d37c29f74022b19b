/**
 * Characters that make a reader see something other than what is there: C0/C1 controls (except tab and newline)
 * and the bidirectional overrides/isolates that can reverse text ("Trojan Source"). Escaping HTML does not remove
 * them, so untrusted text passes through here before any report or error message shows it.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(value: string): string {
  return value.replace(INVISIBLE, "");
}
