// A session's statuses, once: the type is the API's, the list is checked against it by the compiler, and which of
// them are terminal (the session will not change again) is said here and nowhere else.
import type { components } from "./api/schema";
import { everyOf } from "./exhaustive";

export type Status = components["schemas"]["SessionStatusResponse"]["status"];

/** Every status, in the order a session goes through them (the sessions list's filter offers them so). */
export const STATUSES = everyOf<Status>()(["pending", "running", "completed", "failed", "cancelled"]);

const TERMINAL: readonly Status[] = ["completed", "failed", "cancelled"];

/** Done, one way or another: nothing more will change, so there is nothing to follow or to cancel. */
export const isTerminal = (status: Status): boolean => TERMINAL.includes(status);

/** Pending or running: still to follow, and can be cancelled. */
export const isActive = (status: Status): boolean => !isTerminal(status);
