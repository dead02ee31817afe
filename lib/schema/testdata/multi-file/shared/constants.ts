export const MAX_TITLE = 200;
export const TABLE_NAMES = { notes: "notes", folders: "folders" } as const;
