// Nested result columns (LIST, MAP, STRUCT) as late_columns hands them to JS:
// Arrow's layout, as typed-array views over linear memory, no copy.
//
// session.columnNodes(j) describes result column j's arrays, one node per field
// node in pre-order (workloads/parquet/README.md, "Nested columns"):
//   { name, kind: 'struct' | 'list' | 'map' | 'leaf', nullable, parent, length,
//     valid, offsets, and on leaves type, logical, data, dataBytes, valueOffsets, valueValid }
// nestedViews() turns them into
//   { name, kind, nullable, length, validity: Uint8Array | null (1 = present),
//     offsets: Int32Array (length + 1) for lists and maps, children: [views],
//     values (leaves): Int32Array, Uint32Array, BigInt64Array, BigUint64Array,
//     Float32Array, Float64Array, Uint8Array (BOOLEAN: a byte each; byte arrays:
//     their bytes, with valueOffsets: Uint32Array of length + 1; FIXED_LEN_BYTE_ARRAY:
//     `width` bytes each) }
// A list's slot i holds its child's slots offsets[i] .. offsets[i + 1]; a struct's
// children have one slot per struct slot; a map is a list of key_value structs.
// nestedValue() converts one row to plain JS (what eager_rows' rowObjects()
// returns for the field): null, arrays, objects by child name, and leaf values
// as flat columns give them (number, bigint for 64-bit integers, boolean,
// string for STRING, Uint8Array for other bytes). The views are valid until the
// module's memory grows or the session runs another query.

const TYPED = {
  INT32: Int32Array, UINT32: Uint32Array, INT64: BigInt64Array, UINT64: BigUint64Array,
  FLOAT: Float32Array, DOUBLE: Float64Array, BOOLEAN: Uint8Array,
};

export function nestedViews(module, nodes) {
  const buffer = module.HEAPU8.buffer;
  const views = nodes.map((n) => {
    const view = {
      name: n.name, kind: n.kind, nullable: n.nullable, length: n.length, children: [],
      validity: n.valid ? new Uint8Array(buffer, n.valid, n.length) : null,
      offsets: n.offsets ? new Int32Array(buffer, n.offsets, n.length + 1) : null,
    };
    if (n.kind === 'leaf') {
      view.type = n.type;
      if (n.logical) view.logical = n.logical;
      view.validity = n.valueValid ? new Uint8Array(buffer, n.valueValid, n.length) : null;
      view.offsets = null;
      if (n.valueOffsets) {
        view.values = new Uint8Array(buffer, n.data, n.dataBytes);
        view.valueOffsets = new Uint32Array(buffer, n.valueOffsets, n.length + 1);
      } else if (TYPED[n.type]) {
        view.values = new TYPED[n.type](buffer, n.data, n.length);
      } else {
        view.values = new Uint8Array(buffer, n.data, n.dataBytes);
        view.width = n.length === 0 ? 0 : n.dataBytes / n.length;
      }
    }
    return view;
  });
  views.forEach((v, i) => { if (nodes[i].parent >= 0) views[nodes[i].parent].children.push(v); });
  return views[0];
}

const decoder = new TextDecoder();

function leafValue(view, i) {
  if (view.validity && !view.validity[i]) return null;
  if (view.valueOffsets) {
    const bytes = view.values.slice(view.valueOffsets[i], view.valueOffsets[i + 1]);
    return view.type === 'STRING' ? decoder.decode(bytes) : bytes;
  }
  if (view.width !== undefined) return view.values.slice(i * view.width, (i + 1) * view.width);
  if (view.type === 'BOOLEAN') return view.values[i] !== 0;
  return view.values[i];
}

// Slot `i` of `view` (a row of the field itself when `view` is its top).
export function nestedValue(view, i) {
  if (view.kind === 'leaf') return leafValue(view, i);
  if (view.validity && !view.validity[i]) return null;
  if (view.kind === 'struct') {
    const out = {};
    for (const child of view.children) out[child.name] = nestedValue(child, i);
    return out;
  }
  const out = [];
  const element = view.children[0];
  for (let k = view.offsets[i]; k < view.offsets[i + 1]; k++) out.push(nestedValue(element, k));
  return out;
}

export function nestedRows(view) {
  return Array.from({ length: view.length }, (_, i) => nestedValue(view, i));
}
