// A JSON Schema (draft 2020-12) validator for the subset of keywords Tollgate's
// schemas use: the JS twin of harness/src/schema_validator.cc, with the same
// messages, so that a suite file is refused alike in the native runner, in Node
// and in the page (where no npm validator is loaded). A schema using any other
// keyword is rejected, so no constraint is ever silently ignored.

const SUPPORTED = new Set(['$schema', '$id', '$ref', '$defs', 'title', 'description', 'type', 'const', 'enum',
  'required', 'properties', 'additionalProperties', 'items', 'minItems', 'minLength', 'minimum', 'maximum',
  'pattern']);

// nlohmann's dump() of a JSON value, as the C++ messages show it.
function dump(value) {
  return JSON.stringify(value);
}

function describe(value) {
  const text = dump(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function hasType(value, type) {
  switch (type) {
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    case 'number': return typeof value === 'number';
    case 'integer': return Number.isInteger(value);
    default: return false;
  }
}

function equal(a, b) {
  return dump(a) === dump(b);
}

const escapePointer = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export class SchemaValidator {
  constructor(schema) {
    this.root = schema;
    this.checkSupported(schema, '#');
  }

  checkSupported(schema, where) {
    if (typeof schema === 'boolean') return;
    if (!hasType(schema, 'object')) throw new Error(`schema at ${where} is not an object`);
    for (const [keyword, value] of Object.entries(schema)) {
      if (!SUPPORTED.has(keyword)) throw new Error(`schema keyword '${keyword}' at ${where} is not supported by Tollgate's validator`);
      if (keyword === '$ref') this.resolve(value);
      if (keyword === '$defs' || keyword === 'properties') {
        for (const [name, sub] of Object.entries(value)) this.checkSupported(sub, `${where}/${keyword}/${name}`);
      }
      if (keyword === 'items' || (keyword === 'additionalProperties' && typeof value === 'object')) {
        this.checkSupported(value, `${where}/${keyword}`);
      }
      if (keyword === 'pattern') new RegExp(value);  // throws on a bad pattern
    }
  }

  resolve(ref) {
    const prefix = '#/$defs/';
    if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref '${ref}'`);
    const found = this.root.$defs?.[ref.slice(prefix.length)];
    if (found === undefined) throw new Error(`$ref '${ref}' names no definition`);
    return found;
  }

  // [{ path: JSON pointer, message }], empty when `document` is valid.
  validate(document) {
    const out = [];
    this.validateAt(this.root, document, '', out);
    return out;
  }

  validateAt(schema, value, path, out) {
    const where = path === '' ? '/' : path;
    if (typeof schema === 'boolean') {
      if (!schema) out.push({ path: where, message: 'no value is allowed here' });
      return;
    }
    if (schema.$ref !== undefined) this.validateAt(this.resolve(schema.$ref), value, path, out);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => hasType(value, t))) {
        out.push({ path: where, message: `expected ${dump(schema.type)}, found ${describe(value)}` });
        return;  // the remaining keywords would only repeat the same mistake
      }
    }
    if (schema.const !== undefined && !equal(value, schema.const)) {
      out.push({ path: where, message: `expected ${dump(schema.const)}, found ${describe(value)}` });
    }
    if (schema.enum !== undefined && !schema.enum.some((option) => equal(option, value))) {
      out.push({ path: where, message: `expected one of ${dump(schema.enum)}, found ${describe(value)}` });
    }
    if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) {
      out.push({ path: where, message: `expected at least ${dump(schema.minimum)}, found ${describe(value)}` });
    }
    if (typeof value === 'number' && schema.maximum !== undefined && value > schema.maximum) {
      out.push({ path: where, message: `expected at most ${dump(schema.maximum)}, found ${describe(value)}` });
    }
    if (typeof value === 'string') {
      // Lengths in bytes of UTF-8, as std::string::size() counts them.
      if (schema.minLength !== undefined && new TextEncoder().encode(value).length < schema.minLength) {
        out.push({ path: where, message: `expected a string of at least ${dump(schema.minLength)} characters` });
      }
      if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
        out.push({ path: where, message: `expected to match ${schema.pattern}, found ${describe(value)}` });
      }
    }
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        out.push({ path: where, message: `expected at least ${dump(schema.minItems)} items, found ${value.length}` });
      }
      if (schema.items !== undefined) value.forEach((item, i) => this.validateAt(schema.items, item, `${path}/${i}`, out));
    }
    if (hasType(value, 'object')) {
      for (const key of schema.required ?? []) {
        if (!(key in value)) out.push({ path: where, message: `missing required field '${key}'` });
      }
      const properties = schema.properties ?? {};
      // Sorted, as nlohmann::json iterates an object: the same first violation.
      for (const key of Object.keys(value).sort()) {
        const memberPath = `${path}/${escapePointer(key)}`;
        if (Object.hasOwn(properties, key)) {
          this.validateAt(properties[key], value[key], memberPath, out);
        } else if (schema.additionalProperties !== undefined) {
          if (schema.additionalProperties === false) {
            out.push({ path: memberPath, message: `field '${key}' is not part of the schema` });
          } else {
            this.validateAt(schema.additionalProperties, value[key], memberPath, out);
          }
        }
      }
    }
  }
}

// A JSON pointer as a field path for messages: /cases/2/params/n -> cases[2].params.n
export function fieldPath(pointer) {
  if (pointer === '/' || pointer === '') return '(top level)';
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out === '' ? part : `${out}.${part}`), '');
}
