// The runners' command lines, with the same conventions as the `tollgate` command
// (harness/cli/cli.h): `--name value` or `--name=value`, `--help` generated from
// the option definitions (exit 0), a usage error in one line with exit status 2,
// never a stack trace.

import { parseArgs } from 'node:util';

// spec: { command, summary, options: { name: { value?: 'FILE', help, default?, multiple?, choices? } }, details? }
// An option without `value` is a switch. Returns the values, or exits.
export function parseCommandLine(spec, argv = process.argv.slice(2)) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(helpText(spec));
    process.exit(0);
  }
  try {
    return parseOrThrow(spec, argv);
  } catch (error) {
    process.stderr.write(`${spec.command}: ${error.message} (see ${spec.command} --help)\n`);
    process.exit(2);
  }
}

export function parseOrThrow(spec, argv) {
  const options = {};
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.value ? 'string' : 'boolean', multiple: Boolean(o.multiple) };
    if (o.default !== undefined) options[name].default = o.multiple ? [o.default] : o.default;
  }
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new Error(usageMessage(error));
  }
  for (const [name, o] of Object.entries(spec.options)) {
    if (!o.choices || values[name] === undefined) continue;
    for (const item of [values[name]].flat().flatMap((v) => String(v).split(','))) {
      if (!o.choices.includes(item)) throw new Error(`--${name} takes ${o.choices.join(', ')}; got '${item}'`);
    }
  }
  return values;
}

// Node's parseArgs messages, as one line in our words.
function usageMessage(error) {
  const text = String(error.message);
  const unknown = /Unknown option '([^']+)'/.exec(text);
  if (unknown) return `unknown option ${unknown[1]}`;
  const needs = /Option '(--[\w-]+)[^']*' argument missing/.exec(text);
  if (needs) return `${needs[1]} needs a value`;
  const positional = /Unexpected argument '([^']+)'/.exec(text);
  if (positional) return `unexpected argument '${positional[1]}'`;
  const noValue = /Option '(--[\w-]+)' does not take an argument/.exec(text);
  if (noValue) return `${noValue[1]} takes no value`;
  return text.split('\n')[0];
}

export function helpText(spec) {
  const heads = Object.entries(spec.options).map(([name, o]) => `  --${name}${o.value ? ` ${o.value}` : ''}`);
  const column = Math.min(30, Math.max(...heads.map((h) => h.length), 8) + 2);
  const lines = [`usage: ${spec.command} [options]`, '', wrap(spec.summary, 0), '', 'options:'];
  Object.entries(spec.options).forEach(([, o], i) => {
    let text = o.help;
    if (o.choices) text += ` (${o.choices.join(', ')})`;
    if (o.default !== undefined) text += ` [default: ${o.default}]`;
    if (o.multiple) text += ' [repeatable]';
    lines.push(heads[i].length + 2 > column ? `${heads[i]}\n${' '.repeat(column)}${wrap(text, column)}` : heads[i].padEnd(column) + wrap(text, column));
  });
  lines.push('  --help'.padEnd(column) + 'this help');
  if (spec.details) lines.push('', wrap(spec.details, 0));
  return `${lines.join('\n')}\n`;
}

// Words wrapped at 88 columns, lines after the first indented by `indent`.
function wrap(text, indent, width = 88) {
  const lines = [''];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const line = lines[lines.length - 1];
    if (line && indent + line.length + 1 + word.length > width) lines.push(word);
    else lines[lines.length - 1] = line ? `${line} ${word}` : word;
  }
  return lines.join(`\n${' '.repeat(indent)}`);
}
