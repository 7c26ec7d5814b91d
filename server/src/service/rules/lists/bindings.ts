// ServerBindings (1023) and SecureBindings (2021): `IP:Port:Host`, one binding per item. An empty IP is
// "All Unassigned", an empty host answers any host name (IIS writes `:80:`). IIS 6 binds IPv4 addresses only.

import { Field, splitFields } from '../../model/multisz';
import { quoted } from '../../quote';
import { Fix } from '../finding';
import { ListItem, ListSpec, ListValue, keyText, reportDuplicates, trimmed } from './list';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** The characters of a host name; `_` is not DNS but NetBIOS names carry it and http.sys takes it. */
const HOST = /^[A-Za-z0-9._-]+$/;

export function isIpv4(text: string): boolean {
  const match = IPV4.exec(text);
  return match !== null && match.slice(1).every((octet) => Number(octet) <= 255);
}

function spec(property: string, id: string, title: string): ListSpec {
  return {
    property, id, separator: ':', format: 'IP:Port:Host',
    split: (text) => splitFields(text, ':', 3),
    check: checkBinding,
    checkList: (value) => reportDuplicates(value, 'bindings-duplicate',
      (item) => item.fields.length === 3 ? bindingKey(item.fields) : undefined, whole,
      (text, n) => `the binding ${quoted(text)} is already item ${n} of this list`),
    describe: (item) => {
      const [ip, port, host] = item.fields.map((f) => f.text.trim());
      return {
        title,
        rows: [
          ['IP address', ip, ip === '' ? 'All Unassigned: every address of the server' : undefined],
          ['Port', port],
          ['Host header', host, host === '' || host === undefined ? 'none: any host name' : undefined],
        ],
      };
    },
  };
}

export const SERVER_BINDINGS = spec('ServerBindings', '1023', 'Server binding (HTTP)');
export const SECURE_BINDINGS = spec('SecureBindings', '2021', 'Secure binding (SSL)');

/** How two bindings are compared: fields trimmed, the host name in lower case. */
function bindingKey(fields: Field[]): string {
  return fields.map(keyText).join(':');
}

function whole(item: ListItem) {
  return { start: 0, end: item.item.value.text.length, text: item.item.value.text };
}

function checkBinding(value: ListValue, item: ListItem): void {
  // `[::1]:80:`: an IPv6 literal, whose colons would otherwise read as three broken fields.
  const v6 = /^(\s*)(\[[^\]]*\])/.exec(item.item.value.text);
  if (v6) {
    const start = v6[1].length;
    value.report('bindings-ip', value.fieldRange(item, { start, end: start + v6[2].length, text: v6[2] }),
      `${quoted(v6[2])} is an IPv6 address: IIS 6 binds IPv4 addresses only, so it cannot bind it and the site does not start (leave the IP address empty for All Unassigned, which answers on IPv6 too)`);
    return;
  }
  if (item.fields.length < 3) {
    const text = item.item.value.text;
    // A port alone, or IP:Port without the last colon: the binding meant is evident.
    const fixed = /^\d+$/.test(text.trim()) ? `:${text.trim()}:` : item.fields.length === 2 && /^\s*\d+\s*$/.test(item.fields[1].text) ? `${text}:` : undefined;
    const message = `the binding ${quoted(text)} has ${item.fields.length === 1 ? 'no colon' : 'one colon'}; IIS needs IP:Port:Host (IP and host may be empty, as in ':80:') and the site does not start`;
    if (!fixed) value.report('bindings-field-count', value.itemRange(item), message);
    else value.reportWithNewKey('bindings-field-count', value.itemRange(item), message,
      { title: `Write ${quoted(fixed)}`, edits: value.rewrite(item, whole(item), fixed), preferred: true }, bindingKey(splitFields(fixed, ':', 3)));
    return;
  }
  const ip = trimmed(value, item, item.fields[0], 'IP address');
  const port = trimmed(value, item, item.fields[1], 'port');
  const host = trimmed(value, item, item.fields[2], 'host header');
  if (ip.text !== '' && !isIpv4(ip.text)) {
    const fixes: Fix[] = ip.text === '*' ? [{ title: 'Bind All Unassigned (empty IP address)', edits: value.rewrite(item, ip, ''), preferred: true }] : [];
    value.report('bindings-ip', value.fieldRange(item, ip),
      `${quoted(ip.text)} is not an IPv4 address: IIS cannot bind it and the site does not start (leave it empty for All Unassigned)`, fixes);
  }
  const number = /^\d{1,5}$/.test(port.text) ? Number(port.text) : NaN;
  if (!(number >= 1 && number <= 65535)) {
    value.report('bindings-port', value.fieldRange(item, port),
      port.text === '' ? 'the binding has no port: IIS cannot bind it and the site does not start'
        : `the port ${quoted(port.text)} is not a number from 1 to 65535: IIS cannot bind it and the site does not start`);
  }
  if (host.text !== '' && !HOST.test(host.text)) {
    value.report('bindings-host', value.fieldRange(item, host),
      `the host header ${quoted(host.text)} is not a host name (letters, digits, '-', '.'): no request carries it, so the binding never answers`);
  }
}
