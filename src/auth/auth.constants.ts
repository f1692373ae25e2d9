/** Access tokens live at most 15 minutes; the guard re-reads the user on every request anyway. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** A session not refreshed for this long is over: the user must log in again. */
export const SESSION_IDLE_TIMEOUT_SECONDS = 30 * 60;
/** The absolute length of a login session, however active. */
export const SESSION_MAX_AGE_SECONDS = 12 * 3600;
