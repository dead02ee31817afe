import { locatedSchema, req, table, V } from "../../../testing/model";

// by_channel is a prefix of by_channel_user; by_channel_time equals by_channel once _creationTime is appended.
export default locatedSchema(
  table("channels", [req("name", V.string())], { by_name: ["name"] }),
  table("users", [req("name", V.string())], { by_name: ["name"] }),
  table("messages", [req("channel", V.id("channels")), req("user", V.id("users")), req("body", V.string())], {
    by_channel: ["channel"],
    by_channel_user: ["channel", "user"],
    by_channel_time: ["channel", "_creationTime"],
    by_user: ["user"],
  }),
);
