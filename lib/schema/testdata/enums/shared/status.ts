// Enums shared by the app and the schema (a numeric enum with auto-increment and a quoted member, a string enum).
export enum Priority {
  Low = 1,
  "Very High" = 10,
  Medium = 5,
  Urgent,
}

export enum Stage {
  Draft = "draft",
  Published = "published",
}

export type StageName = keyof typeof Stage;
export interface Labelled {
  label: string;
}
