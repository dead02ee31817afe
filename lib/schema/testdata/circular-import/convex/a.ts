import { v } from "convex/values";
import { bFields } from "./b";

export const aFields = { fromA: v.string(), ...bFields };
