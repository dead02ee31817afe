import { v } from "convex/values";
import { aFields } from "./a";

export const bFields = { fromB: v.number(), ...aFields };
