/**
 * Self-contradictory change requests (and look-alikes that are not contradictory), written for issue 17 apart from
 * the eval's phrasings, over a small library schema. A contradictory request must get no operation and a question
 * naming its table or field; a look-alike must apply.
 */
import type { SchemaModel } from "../../../schema/model";
import { opt, req, schema, table, V } from "../../../testing/model";

export function libSchema(): SchemaModel {
  return schema(
    table("books", [
      req("title", V.string()),
      opt("subtitle", V.string()),
      req("isbn", V.string()),
      opt("publishedAt", V.number()),
      req("pageCount", V.number()),
    ]),
    table("members", [req("fullName", V.string()), opt("phone", V.string()), req("email", V.string())]),
    table("loans", [req("bookId", V.id("books")), req("memberId", V.id("members")), opt("returnedAt", V.number())]),
  );
}

/** Each must be answered with no operation and a question naming one of `names`. */
export const CONTRADICTORY: { request: string; names: string[] }[] = [
  { request: "make subtitle on books mandatory and optional", names: ["subtitle"] },
  { request: "the book's subtitle must always be set but it may be empty", names: ["subtitle"] },
  { request: "members' phone should be compulsory, and it can be left out", names: ["phone"] },
  { request: "hey, make the phone number of members required but nullable", names: ["phone"] },
  { request: "Could you please make the isbn on books optional? It must always be set.", names: ["isbn"] },
  { request: "the publish date of books is mandatory, also it may be missing", names: ["publishedAt", "published"] },
  { request: "every member must have a phone, and the phone can be blank", names: ["phone"] },
  { request: "make returnedAt on loans required. Also make it optional.", names: ["returnedAt"] },
  { request: "page count on books: required and not required", names: ["pageCount"] },
  { request: "rename subtitle on books to tagline and to byline", names: ["subtitle"] },
  { request: "rename the members table to patrons and also to readers", names: ["members"] },
  { request: "call isbn on books code. Actually call it barcode too, keep both names", names: ["isbn"] },
  { request: "remove phone from members but keep it", names: ["phone"] },
  { request: "drop the subtitle field from books and keep the subtitle field", names: ["subtitle"] },
  { request: "delete the phone on members and make it required", names: ["phone"] },
  { request: "please remove the books' subtitle and make it mandatory", names: ["subtitle"] },
  { request: "remove the loans table and keep the loans table", names: ["loans"] },
  { request: "drop the loans table and add a dueAt field to loans", names: ["loans"] },
  { request: "add a genre field to books and don't add a genre field", names: ["genre", "books"] },
  { request: "add a string rating to books but do not add rating", names: ["rating", "books"] },
  { request: "index books by isbn and don't index books by isbn", names: ["isbn", "books"] },
  { request: "add an index on members by email, no index on email please", names: ["email", "members"] },
  { request: "make pageCount on books a number and a string", names: ["pageCount"] },
  { request: "change the isbn of books to a number and to a string", names: ["isbn"] },
  { request: "make phone on members both a string and a boolean", names: ["phone"] },
  { request: "merge loans into members and keep both tables", names: ["loans", "members"] },
  { request: "soft delete books and hard delete books", names: ["books"] },
  { request: "books should be soft deleted, and also deleted for real", names: ["books"] },
  { request: "remove the email field from members and index members by email", names: ["email"] },
  { request: "make the members' email optional, no wait, required, actually both", names: ["email"] },
  { request: "Books' title: please make it optional. It is compulsory.", names: ["title"] },
  { request: "the subtitle of a book is optional and mandatory at once", names: ["subtitle"] },
];

/** Each must be applied (operations, no question); `op` is the expected first operation's kind, `field` its field. */
export const LOOK_ALIKES: { request: string; op: string; field?: string }[] = [
  { request: "make subtitle on books required, not optional", op: "setOptional", field: "subtitle" },
  { request: "make the email on members optional, not required", op: "setOptional", field: "email" },
  { request: "rename subtitle on books to tagline instead of byline", op: "renameField", field: "subtitle" },
  { request: "rename the members table to patrons", op: "renameTable" },
  { request: "instead of deleting books, mark them as deleted", op: "addField" },
  { request: "don't really delete books, just mark them as deleted", op: "addField" },
  { request: "the isbn on books should be optional rather than required", op: "setOptional", field: "isbn" },
  { request: "books' publish date must always be set", op: "setOptional", field: "publishedAt" },
  { request: "members' email can be left out", op: "setOptional", field: "email" },
  { request: "remove the phone field from members", op: "removeField", field: "phone" },
  { request: "make pageCount on books a string", op: "changeFieldType", field: "pageCount" },
  { request: "add a genre string field to books", op: "addField", field: "genre" },
  { request: "index books by isbn", op: "addIndex" },
  { request: "pageCount on books shouldn't be mandatory", op: "setOptional", field: "pageCount" },
  { request: "the subtitle of books is no longer optional, make it required", op: "setOptional", field: "subtitle" },
  { request: "please make the members' email nullable", op: "setOptional", field: "email" },
  { request: "do not remove the phone from members, make it required", op: "setOptional", field: "phone" },
  { request: "don't add a new field, just index books by isbn", op: "addIndex" },
  { request: "don't make phone optional, make it required on members", op: "setOptional", field: "phone" },
];
