/** Longest event name, page name and user id accepted. */
export const MAX_NAME = 200
