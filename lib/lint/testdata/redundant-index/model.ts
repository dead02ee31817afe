import { schema, table, v } from "../build";

// by_channel is a prefix of by_channel_user; by_channel_time equals by_channel once _creationTime is appended.
export default schema(
  table("channels", { name: v.string() }, { indexes: { by_name: ["name"] } }),
  table("users", { name: v.string() }, { indexes: { by_name: ["name"] } }),
  table(
    "messages",
    { channel: v.id("channels"), user: v.id("users"), body: v.string() },
    {
      indexes: {
        by_channel: ["channel"],
        by_channel_user: ["channel", "user"],
        by_channel_time: ["channel", "_creationTime"],
        by_user: ["user"],
      },
    },
  ),
);
