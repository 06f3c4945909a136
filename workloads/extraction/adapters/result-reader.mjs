// Reading extraction results out of linear memory (zero_copy, streaming,
// pooled_batch) into the one JS result shape every adapter gives, the shape
// whose JSON.stringify is the module's canonical JSON (json_writer.h): keys in
// this order, counts as numbers.
//
// A header (result_layout.h) points at the result's buffers. All the record
// strings sit back to back in one buffer: it is decoded once, and each field is
// a slice of that string at the UTF-16 offsets the module recorded, instead of
// one decoder call (~130 ns fixed cost) per field. The content and that buffer
// come as ASCII, or as UTF-16 when they hold anything else: a string is built
// from UTF-16 several times faster than from UTF-8 outside ASCII
// (adapters/utf16_text.h).
//
// Re-read module.HEAPU8/HEAPU32 after every call into the module: growing
// memory detaches the old views.

// ignoreBOM: a U+FEFF at the start of a buffer is content, not a byte order mark.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });
// In Node, Buffer's toString builds these strings 8x faster than TextDecoder,
// which converts through ICU there (site corpus, Node 20: 2.5 against 21 µs per
// document's content and strings). The bytes are ASCII, or UTF-16 converted
// from valid UTF-8 (no lone surrogate, which TextDecoder would replace), so
// both give the same string. Browsers have no Buffer; their TextDecoder is
// native.
const NodeBuffer = globalThis.Buffer;
export function decodeText(heap, at, bytes, isUtf16, buffer = NodeBuffer) {
  if (bytes === 0) return '';
  if (buffer) return buffer.from(heap.buffer, heap.byteOffset + at, bytes).toString(isUtf16 ? 'utf16le' : 'latin1');
  return (isUtf16 ? utf16 : utf8).decode(heap.subarray(at, at + bytes));
}
const CONTENT_UTF16 = 4, STRINGS_UTF16 = 8;  // header flags (result_layout.h)
const FORMATS = ['text', 'markdown', 'csv', 'html', 'xml'];
const META = ['title', 'description', 'keywords', 'lang'];

export function layoutOf(module) {
  if (!module.extractionLayout) {
    const names = module.headerLayout().split(',');
    module.extractionLayout = Object.fromEntries(names.map((name, i) => [name, i]));
    module.extractionLayout.words = names.length;
    module.extractionLayout.encodings = module.encodingNames().split(',');
  }
  return module.extractionLayout;
}

// The header at `ptr` as plain numbers, plus the decoded buffers.
export function readChunk(module, ptr, probe = null) {
  const L = layoutOf(module);
  const u32 = module.HEAPU32;
  const heap = module.HEAPU8;
  const h = (i) => u32[(ptr >>> 2) + i];
  const flags = h(L.flags);
  const contentPtr = h(L.content_ptr), contentBytes = h(L.content_bytes);
  const stringsPtr = h(L.strings_ptr), stringsBytes = h(L.strings_bytes);
  const decode = (flag, at, bytes) => decodeText(heap, at, bytes, (flags & flag) !== 0);
  const chunk = {
    format: FORMATS[h(L.format)],
    encoding: L.encodings[h(L.encoding)],
    hasMetadata: (flags & 1) !== 0,
    finished: (flags & 2) !== 0,
    content: decode(CONTENT_UTF16, contentPtr, contentBytes),
    strings: decode(STRINGS_UTF16, stringsPtr, stringsBytes),
    tableCount: h(L.table_count),
    wordCount: h(L.words_low) + h(L.words_high) * 2 ** 32,
    charCount: h(L.chars_low) + h(L.chars_high) * 2 ** 32,
  };
  const s = chunk.strings;
  const text = (w) => s.substring(u32[w + 2], u32[w + 2] + u32[w + 3]);
  let bytes = contentBytes + stringsBytes;
  if (chunk.hasMetadata) {
    const m = h(L.metadata_ptr) >>> 2;
    chunk.metadata = {};
    META.forEach((name, f) => { chunk.metadata[name] = text(m + 4 * f); });
    bytes += 16 * 4;
  }
  chunk.headings = [];
  for (let i = 0, w = h(L.headings_ptr) >>> 2; i < h(L.heading_count); i++, w += 5) {
    chunk.headings.push({ level: u32[w], text: text(w + 1) });
  }
  // Object literals with their keys written out: V8 gives them one shape from
  // the start, where computed keys ({ [name]: ... }) cost a map transition per
  // key on every object (4,600 links over the site corpus: 8% of zero_copy).
  chunk.links = [];
  for (let i = 0, w = h(L.links_ptr) >>> 2, n = h(L.link_count); i < n; i++, w += 8) {
    chunk.links.push({ href: text(w), text: text(w + 4) });
  }
  chunk.images = [];
  for (let i = 0, w = h(L.images_ptr) >>> 2, n = h(L.image_count); i < n; i++, w += 8) {
    chunk.images.push({ src: text(w), alt: text(w + 4) });
  }
  chunk.rows = [];  // [table index, cells]
  const cells = h(L.cells_ptr) >>> 2;
  for (let i = 0, w = h(L.rows_ptr) >>> 2; i < h(L.row_count); i++, w += 3) {
    const row = [];
    for (let c = 0; c < u32[w + 2]; c++) row.push(text(cells + 4 * (u32[w + 1] + c)));
    chunk.rows.push([u32[w], row]);
  }
  bytes += 4 * (L.words + 5 * chunk.headings.length + 8 * (chunk.links.length + chunk.images.length) + 3 * chunk.rows.length);
  if (probe) probe.bytesOut += bytes;
  return chunk;
}

// Assembles chunks (one, for a whole-document result) into the result shape.
export class ResultBuilder {
  constructor() {
    this.parts = [];
    this.metadata = null;
    this.headings = [];
    this.links = [];
    this.images = [];
    this.tables = [];
    this.last = null;
  }

  add(chunk) {
    if (chunk.hasMetadata && !this.metadata) this.metadata = chunk.metadata;
    if (chunk.content) this.parts.push(chunk.content);
    if (this.last === null) {  // the first (for a whole document, the only) chunk: no copies
      this.headings = chunk.headings;
      this.links = chunk.links;
      this.images = chunk.images;
    } else {
      for (const x of chunk.headings) this.headings.push(x);
      for (const x of chunk.links) this.links.push(x);
      for (const x of chunk.images) this.images.push(x);
    }
    while (this.tables.length < chunk.tableCount) this.tables.push([]);
    for (const [table, cells] of chunk.rows) this.tables[table].push(cells);
    this.last = chunk;
  }

  result() {
    const last = this.last;
    return {
      format: last.format,
      encoding: last.encoding,
      metadata: this.metadata ?? { title: '', description: '', keywords: '', lang: '' },
      content: this.parts.length === 1 ? this.parts[0] : this.parts.join(''),
      headings: this.headings,
      links: this.links,
      images: this.images,
      tables: this.tables,
      word_count: last.wordCount,
      char_count: last.charCount,
    };
  }
}

export function readResult(module, ptr, probe = null) {
  const builder = new ResultBuilder();
  builder.add(readChunk(module, ptr, probe));
  return builder.result();
}
