import { SaxesParser } from "saxes";
import { InputError } from "../load/input-issue.js";
import { MAX_RECORDS } from "./records.js";

/**
 * RSS 2.0 items, read with a strict streaming XML parser (saxes). The work a feed can cause is bounded before it is
 * spent: no DTD is read (a DOCTYPE is refused, so no entity can be declared, let alone expanded), elements nest at
 * most MAX_DEPTH deep, a feed holds at most MAX_RECORDS items, and only the fields caution uses are kept.
 */

export const MAX_XML_DEPTH = 32;
/** Characters kept per field; a Post Incident Review runs to 20,000 at most, the window is in its first lines. */
export const MAX_FIELD_CHARS = 200_000;

export interface RssItem {
  /** 0-based position in the feed. */
  index: number;
  title: string;
  description: string;
  link: string;
  guid: string;
  pubDate: string;
  categories: string[];
}

export interface RssChannel {
  title: string;
  items: RssItem[];
}

/** The item fields read; `content:encoded` (the full text some feeds carry) counts as the description. */
const FIELDS: Record<string, keyof Omit<RssItem, "index" | "categories"> | "categories"> = {
  title: "title",
  description: "description",
  "content:encoded": "description",
  link: "link",
  guid: "guid",
  pubDate: "pubDate",
  category: "categories",
};

export function readRss(text: string, source: string): RssChannel {
  const parser = new SaxesParser({ position: true });
  const fail = (message: string): never => {
    throw new InputError([{ file: source, line: parser.line, message }]);
  };
  const stack: string[] = [];
  const channel: RssChannel = { title: "", items: [] };
  let item: RssItem | undefined;
  let field: string | undefined;
  let buffer = "";
  let root: string | undefined;

  parser.on("error", (err) => fail(`is not well-formed XML: ${err.message.replace(/^\d+:\d+:\s*/, "")}`));
  parser.on("doctype", () =>
    fail("has a DOCTYPE: an RSS feed needs none, and caution reads no DTD (no entity can be declared in a feed)"),
  );
  parser.on("opentag", (tag) => {
    if (stack.length >= MAX_XML_DEPTH) fail(`nests elements more than ${MAX_XML_DEPTH} deep: not an RSS feed`);
    root ??= tag.name;
    if (root !== "rss") fail(`expected an RSS feed (<rss><channel>), found <${tag.name.slice(0, 40)}>`);
    const parent = stack[stack.length - 1];
    stack.push(tag.name);
    if (tag.name === "item" && parent === "channel") {
      if (channel.items.length >= MAX_RECORDS) fail(`has more than ${MAX_RECORDS} items, the limit per import`);
      item = {
        index: channel.items.length,
        title: "",
        description: "",
        link: "",
        guid: "",
        pubDate: "",
        categories: [],
      };
      return;
    }
    if (
      (item && parent === "item" && Object.hasOwn(FIELDS, tag.name)) ||
      (!item && parent === "channel" && tag.name === "title")
    ) {
      field = tag.name;
      buffer = "";
    }
  });
  const onText = (t: string) => {
    if (field !== undefined && buffer.length < MAX_FIELD_CHARS) buffer += t.slice(0, MAX_FIELD_CHARS - buffer.length);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", (tag) => {
    stack.pop();
    if (field !== undefined && tag.name === field) {
      if (item) {
        const key = FIELDS[field]!;
        if (key === "categories") item.categories.push(buffer.trim());
        // The first of a repeated field wins; content:encoded replaces a short description.
        else if (item[key] === "" || field === "content:encoded") item[key] = buffer;
      } else channel.title = buffer.trim();
      field = undefined;
      return;
    }
    if (tag.name === "item" && item) {
      channel.items.push(item);
      item = undefined;
    }
  });
  parser.write(text).close();
  if (root === undefined) fail("holds no XML element: not an RSS feed");
  if (!stack.length && root === "rss" && channel.title === "" && channel.items.length === 0)
    fail("is an <rss> document without a channel title or items: not a status feed");
  return channel;
}
